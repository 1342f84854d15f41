// Cross-account: a central event bus receives ECR events from many accounts. Lookups must go to
// the account (and region) that published each event, with credentials of a role in that
// account. The router calls the client factory once per region/account and keeps the client.
//
// In Lambda you would build `credentialsFor` with @aws-sdk/credential-providers:
//   import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
//   const credentialsFor = (roleArn: string) =>
//     fromTemporaryCredentials({ params: { RoleArn: roleArn, RoleSessionName: 'ecr-event-router' } });
// (It is not a dependency of this repository, so the example takes the provider factory as an argument.)
import { ECRClient, type ECRClientConfig } from '@aws-sdk/client-ecr';
import { createRouter, type Logger } from '../src/index';

/** The role the function assumes in each member account, e.g. deployed by a StackSet. */
export const roleArnFor = (account: string) => `arn:aws:iam::${account}:role/ecr-event-reader`;

/** A router whose lookups use an assumed role in the event's account and the event's region. */
export function createCrossAccountRouter(options: {
  credentialsFor: (roleArn: string) => ECRClientConfig['credentials'];
  allowedAccounts: readonly string[];
  logger?: Logger;
}) {
  return createRouter({
    logger: options.logger,
    // Refuses events from other accounts, and narrows the rule pattern to these accounts.
    allowedAccounts: options.allowedAccounts,
    ecrClient: (region, account) => new ECRClient({ region, credentials: options.credentialsFor(roleArnFor(account)) }),
  }).on('ECR Image Action', { 'action-type': ['PUSH'] }, async (event, ctx) => {
    const image = await ctx.image();
    ctx.log.info('push in a member account', { account: event.account, region: event.region, sizeBytes: image?.imageSizeInBytes });
  });
}
