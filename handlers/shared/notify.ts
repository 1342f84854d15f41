import type { SNSClient } from '@aws-sdk/client-sns';

/** A message for an SNS topic: `subject` for email subscribers (at most 100 characters), `message` for everyone. */
export interface Notification {
  readonly subject: string;
  readonly message: Record<string, unknown>;
  /** Message attributes subscribers can filter on (e.g. `severity`). */
  readonly attributes?: Record<string, string>;
}

/** Publishes notifications to one topic. */
export type Notifier = (notification: Notification) => Promise<string | undefined>;

/**
 * A notifier for `topicArn`. The SNS client module is loaded and the client built on the first
 * publish, like the router's ECR client, so an invocation that publishes nothing does not pay
 * for them. The client is for the topic's region, wherever the function runs.
 */
export function snsNotifier(topicArn: string): Notifier {
  let client: Promise<{ client: SNSClient; sdk: typeof import('@aws-sdk/client-sns') }> | undefined;
  const region = topicArn.split(':')[3];
  return async ({ subject, message, attributes }) => {
    client ??= import('@aws-sdk/client-sns').then((sdk) => ({ sdk, client: new sdk.SNSClient({ region }) }));
    const { client: sns, sdk } = await client;
    const response = await sns.send(
      new sdk.PublishCommand({
        TopicArn: topicArn,
        // SNS rejects a subject over 100 characters or with a line break.
        Subject: subject.replace(/\s+/g, ' ').slice(0, 100),
        Message: JSON.stringify(message, null, 2),
        MessageAttributes: Object.fromEntries(
          Object.entries(attributes ?? {}).map(([key, value]) => [key, { DataType: 'String', StringValue: value }]),
        ),
      }),
    );
    return response.MessageId;
  };
}

/** `payments/api@sha256:3f1c0a7de2b9` or `payments/api:v2.8.1`: short enough for a subject line. */
export function imageName(repository: string, digest: string | undefined, tag: string | undefined): string {
  if (tag) return `${repository}:${tag}`;
  return digest ? `${repository}@${digest.slice(0, 19)}` : repository;
}
