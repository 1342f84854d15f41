import { DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createJsonLogger, createRouter, EventValidationError, UnroutableEventError, type Logger } from '../src/index';
import { loadSample } from './events/sample-events';
import { quiet } from './helpers/quiet-logger';

const ecr = mockClient(ECRClient);
const QUEUE = 'arn:aws:sqs:us-west-2:123456789012:ecr-events';
const FIFO_QUEUE = 'arn:aws:sqs:us-west-2:123456789012:ecr-events.fifo';

beforeEach(() => {
  ecr.reset();
  ecr.on(DescribeImagesCommand).callsFake((input: { imageIds: { imageDigest?: string }[] }) => ({ imageDetails: input.imageIds.map((id) => ({ ...id })) }));
  ecr.on(DescribeRepositoriesCommand).callsFake((input: { repositoryNames: string[] }) => ({ repositories: input.repositoryNames.map((repositoryName) => ({ repositoryName })) }));
});

/** A push event with its own id and digest. */
function push(i: number, overrides: Record<string, unknown> = {}) {
  const event = loadSample('aws-image-action-push.json');
  event.id = `event-${i}`;
  event.detail['image-digest'] = `sha256:${String(i).padStart(64, '0')}`;
  return { ...event, ...overrides };
}

function record(messageId: string, body: string, queue = QUEUE): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'AIDA', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: queue,
    awsRegion: 'us-west-2',
  };
}

/** EventBridge → SNS → SQS without raw message delivery: the event is the notification's Message. */
function snsWrapped(event: unknown): string {
  return JSON.stringify({ Type: 'Notification', MessageId: 'sns-1', TopicArn: 'arn:aws:sns:us-west-2:123456789012:ecr', Message: JSON.stringify(event), Timestamp: '2024-01-01T00:00:00Z' });
}

const batch = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
const failedIds = (response: { batchItemFailures: { itemIdentifier: string }[] }) => response.batchItemFailures.map((f) => f.itemIdentifier);

describe('router.sqsHandler', () => {
  it('dispatches each record whose body is an EventBridge event and reports no failures', async () => {
    const seen: string[] = [];
    const router = createRouter({ logger: quiet }).on('ECR Image Action', (event) => void seen.push(event.id));
    const response = await router.sqsHandler()(batch(record('m0', JSON.stringify(push(0))), record('m1', JSON.stringify(push(1)))));
    expect(response).toEqual({ batchItemFailures: [] });
    expect(seen.sort()).toEqual(['event-0', 'event-1']);
  });

  it('unwraps an event delivered through SNS', async () => {
    const seen: string[] = [];
    const router = createRouter({ logger: quiet }).on('ECR Image Action', (event) => void seen.push(event.id));
    const response = await router.sqsHandler()(batch(record('m0', snsWrapped(push(7)))));
    expect(response).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual(['event-7']);
  });

  it.each([
    ['a body that is not JSON', '{"version":"0",'],
    ['an SNS notification without a Message', JSON.stringify({ Type: 'Notification' })],
    ['an SNS notification whose Message is not JSON', JSON.stringify({ Type: 'Notification', Message: 'not json' })],
    ['a JSON body that is not an event', '[1,2,3]'],
    ['an invalid ECR event', JSON.stringify({ ...push(1), time: 'yesterday' })],
  ])('fails only the record with %s', async (_name, body) => {
    const handler = jest.fn();
    const router = createRouter({ logger: quiet }).on('ECR Image Action', handler);
    const response = await router.sqsHandler()(batch(record('good-1', JSON.stringify(push(0))), record('bad', body), record('good-2', JSON.stringify(push(2)))));
    expect(failedIds(response)).toEqual(['bad']);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('says a record body is not JSON without quoting it in the log', async () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ level: 'info', write: (line) => void lines.push(line) });
    const router = createRouter({ logger }).on('ECR Image Action', () => undefined);
    const response = await router.sqsHandler()(batch(record('bad', 'password=hunter2&user=root'), record('sns', JSON.stringify({ Type: 'Notification', Message: 'token=abc123' }))));
    expect(failedIds(response)).toEqual(['bad', 'sns']);
    const logs = lines.join('\n');
    expect(logs).toContain('record body is not JSON (a string of 26 characters)');
    expect(logs).toContain('SNS Message is not JSON (a string of 12 characters)');
    expect(logs).not.toMatch(/hunter2|abc123/);
  });

  it('fails a record from another source by default, and skips it as done with onForeignSource ignore', async () => {
    const forged = JSON.stringify(push(1, { source: 'my.app' }));
    const strict = createRouter({ logger: quiet }).on('ECR Image Action', () => undefined);
    expect(failedIds(await strict.sqsHandler()(batch(record('m0', JSON.stringify(push(0))), record('forged', forged))))).toEqual(['forged']);
    const handler = jest.fn();
    const lenient = createRouter({ logger: quiet, onForeignSource: 'ignore' }).on('ECR Image Action', handler);
    expect(failedIds(await lenient.sqsHandler()(batch(record('m0', JSON.stringify(push(0))), record('forged', forged))))).toEqual([]);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('treats a record of an unknown aws.ecr detail-type as done (ignored), unless told to reject', async () => {
    const future = JSON.stringify(push(1, { 'detail-type': 'ECR Image Teleported' }));
    const router = createRouter({ logger: quiet }).on('ECR Image Action', () => undefined);
    expect(failedIds(await router.sqsHandler()(batch(record('future', future))))).toEqual([]);
    const strict = createRouter({ logger: quiet, onUnknownDetailType: 'reject' }).on('ECR Image Action', () => undefined);
    expect(failedIds(await strict.sqsHandler()(batch(record('future', future))))).toEqual(['future']);
  });

  it('treats a known event that no route wants as done', async () => {
    const router = createRouter({ logger: quiet }).on('ECR Image Scan', () => undefined);
    expect(failedIds(await router.sqsHandler()(batch(record('m0', JSON.stringify(push(0))))))).toEqual([]);
  });

  it('names only the record whose handler failed, after running the others', async () => {
    const ran: string[] = [];
    const router = createRouter({ logger: quiet }).on('ECR Image Action', async (event) => {
      ran.push(event.id);
      if (event.id === 'event-1') throw new Error('downstream unavailable');
    });
    const response = await router.sqsHandler()(batch(...[0, 1, 2].map((i) => record(`m${i}`, JSON.stringify(push(i))))));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect(ran.sort()).toEqual(['event-0', 'event-1', 'event-2']);
  });

  it('reports failures in batch order, whatever order concurrent records finish in', async () => {
    const router = createRouter({ logger: quiet }).on('ECR Image Action', async (event) => {
      const i = Number(event.id.slice(-1));
      await new Promise((r) => setTimeout(r, (5 - i) * 5));
      if (i % 2 === 0) throw new Error(`fail ${i}`);
    });
    const response = await router.sqsHandler()(batch(...[0, 1, 2, 3, 4].map((i) => record(`m${i}`, JSON.stringify(push(i))))));
    expect(failedIds(response)).toEqual(['m0', 'm2', 'm4']);
  });

  it('runs the records of a FIFO queue in order, and after a failure reports the rest failed without running them', async () => {
    const ran: string[] = [];
    const router = createRouter({ logger: quiet }).on('ECR Image Action', async (event) => {
      await new Promise((r) => setTimeout(r, 3));
      ran.push(event.id);
      if (event.id === 'event-2') throw new Error('out of order would be worse');
    });
    const records = [0, 1, 2, 3, 4].map((i) => record(`m${i}`, JSON.stringify(push(i)), FIFO_QUEUE));
    const response = await router.sqsHandler()(batch(...records));
    expect(ran).toEqual(['event-0', 'event-1', 'event-2']);
    expect(failedIds(response)).toEqual(['m2', 'm3', 'm4']);
  });

  it('stops a FIFO batch at an invalid record too, so no later message overtakes it', async () => {
    const handler = jest.fn();
    const router = createRouter({ logger: quiet }).on('ECR Image Action', handler);
    const response = await router.sqsHandler()(batch(record('m0', JSON.stringify(push(0)), FIFO_QUEUE), record('m1', 'not json', FIFO_QUEUE), record('m2', JSON.stringify(push(2)), FIFO_QUEUE)));
    expect(failedIds(response)).toEqual(['m1', 'm2']);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('batches the lookups of all records: one DescribeImages and one DescribeRepositories for the batch', async () => {
    const router = createRouter({ logger: quiet, ecrClient: new ECRClient({ region: 'us-west-2' }) }).on('ECR Image Action', async (event, ctx) => {
      const [image, repo] = await Promise.all([ctx.image(), ctx.repository()]);
      expect(image?.imageDigest).toBe(event.detail['image-digest']);
      expect(repo?.repositoryName).toBe('my-repository-name');
    });
    const response = await router.sqsHandler()(batch(...Array.from({ length: 8 }, (_, i) => record(`m${i}`, i % 2 ? snsWrapped(push(i)) : JSON.stringify(push(i))))));
    expect(response).toEqual({ batchItemFailures: [] });
    expect(ecr.commandCalls(DescribeImagesCommand)).toHaveLength(1);
    expect(ecr.commandCalls(DescribeImagesCommand)[0]!.args[0].input.imageIds).toHaveLength(8);
    expect(ecr.commandCalls(DescribeRepositoriesCommand)).toHaveLength(1);
  });

  it('reports an empty batch as done', async () => {
    const router = createRouter({ logger: quiet }).on('ECR Image Action', () => undefined);
    await expect(router.sqsHandler()(batch())).resolves.toEqual({ batchItemFailures: [] });
  });

  it.each([
    ['an EventBridge event', push(0)],
    ['null', null],
    ['an object without Records', { records: [] }],
    ['Records that are not an array', { Records: 'm0' }],
    ['a record without a messageId', { Records: [{ body: '{}' }] }],
    ['a null record', { Records: [null] }],
    ['undefined', undefined],
    ['a batch with an undefined record', { Records: [undefined] }],
    ['a batch with one record of two without a messageId', { Records: [{ messageId: 'm0', body: '{}' }, { body: '{}' }] }],
  ])('refuses %s with a typed error, failing the whole invocation', async (_name, input) => {
    const router = createRouter({ logger: quiet }).on('ECR Image Action', () => undefined);
    const error = await router.sqsHandler()(input as unknown as SQSEvent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnroutableEventError);
    expect((error as UnroutableEventError).reason).toBe('not-an-sqs-event');
  });

  it('never mutates the SQS event', async () => {
    const event = batch(record('m0', JSON.stringify(push(0))), record('m1', 'nope'));
    const before = JSON.stringify(event);
    const router = createRouter({ logger: quiet }).on('ECR Image Action', () => undefined);
    await router.sqsHandler()(event);
    expect(JSON.stringify(event)).toBe(before);
  });
});

describe('what the log says of a refused record', () => {
  const OTHER_QUEUE = 'arn:aws:sqs:us-west-2:123456789012:someone-elses';
  const TOPIC = 'arn:aws:sns:us-west-2:123456789012:ecr';
  const notification = (fields: Record<string, unknown>) => JSON.stringify({ Type: 'Notification', MessageId: 'sns-1', TopicArn: TOPIC, ...fields });

  /** Runs one batch and returns the failed record ids and the error logged for each. */
  async function run(senders: Parameters<ReturnType<typeof createRouter>['sqsHandler']>[0], ...records: SQSRecord[]) {
    const errors = new Map<unknown, unknown>();
    const logger: Logger = { ...quiet, error: (message, extra) => void (message === 'record failed' && errors.set(extra?.messageId, extra?.error)) };
    const handler = jest.fn();
    const response = await createRouter({ logger }).on('ECR Image Action', handler).sqsHandler(senders)(batch(...records));
    return { failed: failedIds(response), errors, handled: handler.mock.calls.length };
  }

  it('names the queue a record came from when that queue is not one of queueArns', async () => {
    const { failed, errors, handled } = await run({ queueArns: [QUEUE] }, record('ok', JSON.stringify(push(0))), record('forged', JSON.stringify(push(1)), OTHER_QUEUE));
    expect(failed).toEqual(['forged']);
    expect(handled).toBe(1);
    const error = errors.get('forged') as UnroutableEventError;
    expect(error).toBeInstanceOf(UnroutableEventError);
    expect(error.reason).toBe('sender-not-allowed');
    expect(error.message).toBe(`SQS record forged comes from queue ${OTHER_QUEUE}, which is not one of the queues or topics this handler accepts`);
  });

  it('names the topic of a notification that is not one of topicArns, and says a raw body did not come through SNS', async () => {
    const other = `${TOPIC}-other`;
    const { failed, errors, handled } = await run(
      { topicArns: [TOPIC] },
      record('ok', notification({ Message: JSON.stringify(push(0)) })),
      record('other-topic', notification({ TopicArn: other, Message: JSON.stringify(push(1)) })),
      record('raw', JSON.stringify(push(2))),
    );
    expect(failed).toEqual(['other-topic', 'raw']);
    expect(handled).toBe(1);
    expect((errors.get('other-topic') as Error).message).toBe(`SQS record other-topic comes from topic ${other}, which is not one of the queues or topics this handler accepts`);
    expect((errors.get('raw') as Error).message).toBe('SQS record raw comes from a message not sent through SNS, which is not one of the queues or topics this handler accepts');
  });

  it.each([
    ['an object', push(1)],
    ['a number', 42],
    ['null', null],
  ])('refuses an SNS notification whose Message is %s with a typed error, failing only its record', async (_name, message) => {
    const { failed, errors, handled } = await run({}, record('ok', JSON.stringify(push(0))), record('bad', notification({ Message: message })));
    expect(failed).toEqual(['bad']);
    expect(handled).toBe(1);
    const error = errors.get('bad') as EventValidationError;
    expect(error).toBeInstanceOf(EventValidationError);
    expect(error.issues).toEqual([{ path: 'body.Message', message: 'SNS notification has no string Message' }]);
  });

  it.each([
    ['null', 'null'],
    ['a number', '42'],
  ])('refuses a record whose JSON body is %s as not an EventBridge event', async (_name, body) => {
    const { failed, errors } = await run({}, record('bad', body));
    expect(failed).toEqual(['bad']);
    expect(errors.get('bad')).toMatchObject({ name: 'UnroutableEventError', reason: 'not-an-eventbridge-event' });
  });

  it('says where a record is not JSON: its body, or the Message of its SNS notification', async () => {
    const { errors } = await run({}, record('body', '{"version":'), record('message', notification({ Message: '{"version":' })));
    expect((errors.get('body') as EventValidationError).issues).toEqual([{ path: 'body', message: 'record body is not JSON (a string of 11 characters)' }]);
    expect((errors.get('message') as EventValidationError).issues).toEqual([{ path: 'body.Message', message: 'SNS Message is not JSON (a string of 11 characters)' }]);
  });
});
