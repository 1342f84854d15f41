/**
 * Under ECR throttling: a loopback ECR answers ThrottlingException to a share of requests (a
 * seeded, reproducible draw). 1,000 concurrent lookups through one transport each end with
 * ECR's answer or with the throttling error, and the requests sent stay within what the SDK's
 * standard retry policy allows: at most 3 attempts a call, and retries paid from the 500-token
 * quota (5 a throttling retry, refunded by successes).
 */
import { createHttpTransport } from '../../../src/ecr/http/http-transport';
import { seeded, startScriptedEcr, type ScriptedEcr } from './scripted-ecr';

let ecr: ScriptedEcr;
beforeAll(async () => {
  ecr = await startScriptedEcr();
});
afterAll(() => ecr.close());
beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(0)); // no backoff wait: the count is what matters
afterEach(() => jest.restoreAllMocks());

const CALLS = 1_000;
const MAX_ATTEMPTS = 3;
const QUOTA = 500;
const THROTTLING_RETRY_COST = 5;

describe.each([0.3, 0.9])('with %p of requests throttled', (share) => {
  it('ends every call with an answer or the throttling error, within the retry policy', async () => {
    const draw = seeded(42);
    ecr.script((request) =>
      draw() < share
        ? { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } }
        : { status: 200, body: { imageDetails: [{ imageDigest: String(request.input.repositoryName), imagePushedAt: 1_700_000_000 }] } },
    );
    const transport = createHttpTransport({ region: 'us-east-1', env: { AWS_ENDPOINT_URL_ECR: ecr.url, AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' } });

    const results = await Promise.allSettled(Array.from({ length: CALLS }, (_, i) => transport.send('DescribeImages', { repositoryName: `repo-${i}` })));

    const answered = results.filter((r): r is PromiseFulfilledResult<Record<string, unknown>> => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    // Every call ends: with its own answer, or with the throttling error as its cause.
    expect(answered.length + failed.length).toBe(CALLS);
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') expect(r.value).toMatchObject({ imageDetails: [{ imageDigest: `repo-${i}`, imagePushedAt: new Date(1_700_000_000_000) }] });
      else expect(r.reason).toMatchObject({ name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    });

    const attempts = results.map((r) => ((r.status === 'fulfilled' ? r.value.$metadata : (r.reason as { $metadata: unknown }).$metadata) as { attempts: number }).attempts);
    const requests = ecr.seen.length;
    // What the server counted is what the calls report, and no call went past 3 attempts.
    expect(attempts.reduce((a, b) => a + b, 0)).toBe(requests);
    expect(Math.max(...attempts)).toBeLessThanOrEqual(MAX_ATTEMPTS);
    // Each retry took 5 tokens from a quota of 500 that only successes refill (by what their last retry cost, or 1).
    const retries = requests - CALLS;
    const refills = answered.reduce((sum, r) => sum + ((r.value.$metadata as { attempts: number }).attempts > 1 ? THROTTLING_RETRY_COST : 1), 0);
    expect(retries * THROTTLING_RETRY_COST).toBeLessThanOrEqual(QUOTA + refills);
    // At 90% the quota runs dry: later throttled calls fail at once instead of retrying (the SDK's circuit breaker).
    const cutShort = failed.filter((r) => (r.reason as { $metadata: { attempts: number } }).$metadata.attempts < MAX_ATTEMPTS);
    if (share === 0.9) expect(cutShort.length).toBeGreaterThan(0);
    expect(requests).toBeLessThanOrEqual(CALLS * MAX_ATTEMPTS);
  });
});
