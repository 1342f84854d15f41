import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigurationError, createRouter, DeadlineExceededError, fakeLambdaContext, InvalidPatternError } from '../../src/index';
import { sampleEvent } from '../../src/testing';
import { quiet } from '../helpers/quiet-logger';

// What a user who set a router up wrongly reads: the error is thrown at cold start, so its
// message is all they have to find the line to fix.

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as Error;
  }
  throw new Error('expected a ConfigurationError, nothing was thrown');
}

describe('createRouter options', () => {
  it('says what deadlineMarginMs must be', () => {
    expect(thrown(() => createRouter({ deadlineMarginMs: -1 })).message).toBe('createRouter: deadlineMarginMs must be a finite number of milliseconds ≥ 0');
  });

  it('names the empty allow-list and what to do instead', () => {
    expect(thrown(() => createRouter({ allowedAccounts: [] })).message).toBe('createRouter: allowedAccounts is empty; leave it out to allow any');
    expect(thrown(() => createRouter({ allowedRegions: [] })).message).toBe('createRouter: allowedRegions is empty; leave it out to allow any');
  });

  describe('deadlineMarginMs', () => {
    const ecr = mockClient(ECRClient);
    beforeEach(() => {
      ecr.reset();
      ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [{ repositoryName: 'payments/api' }] });
    });
    const client = (region: string) => new ECRClient({ region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const lookUp = async (options: { deadlineMarginMs?: number }) => {
      let found: unknown;
      const router = createRouter({ logger: quiet, ecrClient: client, ...options }).on('ECR Image Action', async (_e, ctx) => {
        found = await ctx.repository().catch((e: unknown) => e);
      });
      await router.handler()(sampleEvent('ECR Image Action'), fakeLambdaContext({ timeoutMs: 300 }));
      return found;
    };

    it('of 0 sends a lookup however little time the invocation has left', async () => {
      await expect(lookUp({ deadlineMarginMs: 0 })).resolves.toEqual({ repositoryName: 'payments/api' });
      expect(ecr.commandCalls(DescribeRepositoriesCommand)).toHaveLength(1);
    });

    it('by default abandons a lookup when less than 500 ms are left', async () => {
      await expect(lookUp({})).resolves.toBeInstanceOf(DeadlineExceededError);
      expect(ecr.commandCalls(DescribeRepositoriesCommand)).toHaveLength(0);
    });
  });
});

describe('router.on and router.onUntyped', () => {
  it('refuse a route added after sqsHandler() exists, as after handler()', () => {
    const router = createRouter({ logger: quiet }).on('ECR Image Action', () => undefined);
    router.sqsHandler();
    expect(thrown(() => router.on('ECR Image Scan', () => undefined)).message).toBe(
      'router.on("ECR Image Scan"): routes are fixed once handler() or sqsHandler() was called; add every route first, at module scope',
    );
    expect(thrown(() => router.onUntyped('ECR Something New', () => undefined)).message).toMatch(/^router\.onUntyped\("ECR Something New"\): routes are fixed/);
  });

  it('say that the handler must be a function, naming the method and the detail-type', () => {
    const router = createRouter({ logger: quiet });
    expect(thrown(() => router.on('ECR Image Action', { 'action-type': ['PUSH'] }, undefined as never)).message).toBe('router.on("ECR Image Action"): the handler must be a function');
    expect(thrown(() => router.onUntyped('ECR Something New', {}, 'handler' as never)).message).toBe('router.onUntyped("ECR Something New"): the handler must be a function');
  });

  it('list the detail-types on() knows, and point to onUntyped for the others', () => {
    const message = thrown(() => createRouter().on('ECR Image Teleported' as never, () => undefined)).message;
    expect(message).toMatch(/^router\.on\("ECR Image Teleported"\): not an ECR detail-type this router knows \(ECR Image Action, .*Inspector2 Finding.*\); for one this version has no schema for, use router\.onUntyped$/);
  });

  it.each([
    ['an empty string', ''],
    ['a number', 7],
  ])('refuse %s as the detail-type of onUntyped', (_name, detailType) => {
    expect(thrown(() => createRouter().onUntyped(detailType as string, () => undefined)).message).toBe('router.onUntyped: the detail-type must be a non-empty string');
  });

  it('tell onUntyped of a detail-type with a schema to use on()', () => {
    expect(thrown(() => createRouter().onUntyped('ECR Image Scan', () => undefined)).message).toBe('router.onUntyped("ECR Image Scan"): this router has a schema for it; use router.on');
  });

  it('name the invalid part of a filter by its path in the event', () => {
    const error = (() => {
      try {
        createRouter().on('ECR Image Action', { 'action-type': 'PUSH' } as never, () => undefined);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidPatternError);
    expect((error as InvalidPatternError).path).toBe('detail.action-type');
  });
});
