/**
 * Throttling at scale, through the router: an SQS batch of 1,000 Image Action records (10
 * repositories × 100 images) whose handlers each await ctx.image(), with lookups going out
 * through the HTTP transport to a loopback ECR that throttles a seeded share of requests. Every
 * record ends with its image or with a LookupError caused by ThrottlingException; exactly those
 * records are reported failed; and the requests stay within the retry policy.
 */
import type { SQSEvent } from 'aws-lambda';
import { createRouter, LookupError } from '../../../src/index';
import { fakeLambdaContext } from '../../../src/lambda-context';
import { sampleEvent } from '../../../src/testing';
import { seeded, startScriptedEcr, type ScriptedEcr } from './scripted-ecr';

const REPOSITORIES = 10;
const IMAGES = 100;
const digestOf = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;

let ecr: ScriptedEcr;
const saved = { ...process.env };
beforeAll(async () => {
  ecr = await startScriptedEcr();
  Object.assign(process.env, { AWS_LAMBDA_FUNCTION_NAME: 'sqs-throttling', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_ENDPOINT_URL_ECR: ecr.url });
  delete process.env.AWS_PROFILE;
});
afterAll(async () => {
  process.env = { ...saved };
  await ecr.close();
});
beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(0)); // no backoff wait
afterEach(() => jest.restoreAllMocks());

it('answers or fails each of 1,000 records by its own lookup under 50% throttling, within the retry policy', async () => {
  const draw = seeded(7);
  ecr.script((request) => {
    if (draw() < 0.5) return { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } };
    const ids = request.input.imageIds as { imageDigest: string }[];
    return { status: 200, body: { imageDetails: ids.map((id) => ({ repositoryName: request.input.repositoryName, imageDigest: id.imageDigest, imagePushedAt: 1_700_000_000 })) } };
  });

  const outcome = new Map<string, 'found' | 'throttled' | 'other'>();
  const router = createRouter({ logger: { debug() {}, info() {}, warn() {}, error() {} } });
  router.on('ECR Image Action', async (event, ctx) => {
    try {
      const image = await ctx.image();
      outcome.set(event.id, image?.imageDigest === event.detail['image-digest'] && image?.imagePushedAt instanceof Date ? 'found' : 'other');
    } catch (error) {
      outcome.set(event.id, error instanceof LookupError && (error.cause as { name?: string }).name === 'ThrottlingException' ? 'throttled' : 'other');
      throw error;
    }
  });

  const records = Array.from({ length: REPOSITORIES * IMAGES }, (_, i) => {
    const event = sampleEvent('ECR Image Action', { id: `event-${i}`, detail: { 'repository-name': `repo-${i % REPOSITORIES}`, 'image-digest': digestOf(i) } });
    return { messageId: `m-${i}`, body: JSON.stringify(event), eventSourceARN: 'arn:aws:sqs:us-west-2:123456789012:q' };
  });
  const response = await router.sqsHandler()({ Records: records } as unknown as SQSEvent, fakeLambdaContext({ timeoutMs: 60_000 }));

  const results = records.map((_, i) => outcome.get(`event-${i}`));
  expect(results.filter((r) => r === 'other' || r === undefined)).toEqual([]);
  const failedIds = response.batchItemFailures.map((f) => f.itemIdentifier).sort();
  const throttledIds = records.filter((_, i) => results[i] === 'throttled').map((r) => r.messageId).sort();
  expect(failedIds).toEqual(throttledIds);
  // Seed 7 throttles some calls three times in a row: the test sees both outcomes.
  expect(throttledIds.length).toBeGreaterThan(0);
  expect(throttledIds.length).toBeLessThan(records.length);

  const firstAttempts = ecr.seen.filter((r) => String(r.headers['amz-sdk-request']).startsWith('attempt=1;')).length;
  // Batched: ≤ 100 ids a call, so at least one call per repository and at most a few more.
  expect(firstAttempts).toBeGreaterThanOrEqual(REPOSITORIES);
  expect(firstAttempts).toBeLessThanOrEqual(REPOSITORIES * 2);
  expect(ecr.seen.length).toBeLessThanOrEqual(firstAttempts * 3);
});
