import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import type { Context, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EcrEventRouterError, UnroutableEventError } from '../../src/index';
import { invokeRouter, parseRegistryFixture, sampleEvent } from '../../src/testing';

const root = path.join(__dirname, '../..');
const registry = parseRegistryFixture(JSON.parse(readFileSync(path.join(root, 'examples/registry.json'), 'utf8')));
const event = (file: string) => JSON.parse(readFileSync(path.join(root, 'events', file), 'utf8')) as unknown;

// The examples use the default JSON logger, which reads its level when a router is created.
process.env.LOG_LEVEL = 'silent';
/* eslint-disable @typescript-eslint/no-require-imports */
const routing = require('../../examples/routing-with-filters') as typeof import('../../examples/routing-with-filters');
const lookups = require('../../examples/lookups') as typeof import('../../examples/lookups');
const crossAccount = require('../../examples/cross-account') as typeof import('../../examples/cross-account');
const testingExample = require('../../examples/testing-your-router') as typeof import('../../examples/testing-your-router');
const middyExample = require('../../examples/middy') as typeof import('../../examples/middy');
/* eslint-enable @typescript-eslint/no-require-imports */

describe('routing with filters', () => {
  it.each([
    ['image-action-push.json', 'handled'], // v2.8.1 is a release tag
    ['aws-image-action-push.json', 'unmatched'], // "latest" is not
    ['image-action-delete.json', 'handled'],
    ['image-scan-with-findings.json', 'handled'],
    ['image-scan-no-findings.json', 'unmatched'],
    ['pull-through-cache-failed.json', 'handled'],
    ['pull-through-cache-success.json', 'unmatched'],
  ])('%s is %s', async (file, status) => {
    const { result, error } = await invokeRouter(routing.router, event(file), { ecr: registry });
    expect(error).toBeUndefined();
    expect(result?.status).toBe(status);
  });

  it('skips deletes in sandbox repositories', async () => {
    const { result } = await invokeRouter(routing.router, sampleEvent('ECR Image Action', { detail: { 'action-type': 'DELETE', 'repository-name': 'sandbox/x' } }));
    expect(result?.status).toBe('unmatched');
  });

  it('has a rule pattern with one branch per filtered route', () => {
    const pattern = routing.router.eventPattern() as { $or: unknown[] };
    expect(pattern.$or).toHaveLength(4);
  });
});

describe('lookups', () => {
  it('makes each lookup once, even when two routes ask for the same image', async () => {
    const { result, ecrCalls } = await invokeRouter(lookups.router, event('image-scan-with-findings.json'), { ecr: registry });
    expect(result).toMatchObject({ status: 'handled', routes: 2 });
    expect(ecrCalls.map((c) => c.operation).sort()).toEqual(['DescribeImageScanFindings', 'DescribeImages', 'DescribeRepositories']);
  });

  it('treats a deleted image as not found, not as a failure', async () => {
    const { result, error } = await invokeRouter(lookups.router, event('image-action-delete-untagged.json'), { ecr: registry });
    expect(error).toBeUndefined();
    expect(result?.status).toBe('handled');
  });
});

describe('cross-account client factory', () => {
  it("looks up in the event's account and region with that account's role", async () => {
    const ecr = mockClient(ECRClient);
    ecr.on(DescribeImagesCommand).resolves({ imageDetails: [{ imageDigest: sampleEvent('ECR Image Action').detail['image-digest'], imageSizeInBytes: 1 }] });
    const credentialsFor = jest.fn(() => async () => ({ accessKeyId: 'assumed', secretAccessKey: 'secret' }));
    try {
      const router = crossAccount.createCrossAccountRouter({ credentialsFor, allowedAccounts: ['111122223333'] });
      const push = sampleEvent('ECR Image Action', { account: '111122223333', region: 'ap-southeast-2' });
      const { error } = await invokeRouter(router, push, { ecr });
      expect(error).toBeUndefined();
      expect(credentialsFor).toHaveBeenCalledWith('arn:aws:iam::111122223333:role/ecr-event-reader');
      const call = ecr.commandCalls(DescribeImagesCommand)[0];
      expect(call?.args[0].input.registryId).toBe('111122223333');
      expect(await (call?.thisValue as ECRClient).config.region()).toBe('ap-southeast-2');
    } finally {
      ecr.restore();
    }
  });

  it('refuses events from accounts it does not serve, and says so in the rule pattern', async () => {
    const router = crossAccount.createCrossAccountRouter({ credentialsFor: jest.fn(), allowedAccounts: ['111122223333'] });
    const { error } = await invokeRouter(router, sampleEvent('ECR Image Action', { account: '999999999999' }));
    expect(error).toBeInstanceOf(UnroutableEventError);
    expect(router.eventPattern()).toMatchObject({ account: ['111122223333'] });
  });
});

describe('testing your own router', () => {
  it('runs its checks and flags the large image', async () => {
    await expect(testingExample.main()).resolves.toEqual(['ml/model']);
  });
});

describe('with Middy', () => {
  const context = { functionName: 'f', getRemainingTimeInMillis: () => 10_000 } as Context;

  it('handles an event as a Middy base handler', async () => {
    const { result } = await invokeRouter({ handler: () => (e: unknown, c?: Context) => middyExample.baseHandler(e, c ?? context) }, event('image-action-delete.json'), { ecr: registry });
    expect(result).toMatchObject({ status: 'handled' });
  });

  it("rejects at once when Middy's signal aborts", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await middyExample.baseHandler(event('image-action-delete.json'), context, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvocationAbortedError', message: expect.stringContaining('aborted') });
    expect(error).toBeInstanceOf(EcrEventRouterError);
  });

  it('reports SQS batch failures', async () => {
    const batch: SQSEvent = {
      Records: [
        { messageId: 'good', body: JSON.stringify(event('image-action-delete-untagged.json')) },
        { messageId: 'bad', body: '{"not":"an event"' },
      ] as SQSEvent['Records'],
    };
    const { result } = await invokeRouter({ handler: () => () => middyExample.sqsBaseHandler(batch, context) as never }, {}, { ecr: registry });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
  });
});
