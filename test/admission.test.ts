import { admit } from '../src/admission';
import { createRouter, EventValidationError, UnroutableEventError } from '../src/index';
import { loadSample } from './events/sample-events';
import { quiet } from './helpers/quiet-logger';

// What the error of a refused event tells its reader (src/admission.ts decides; the router throws).

const push = loadSample('aws-image-action-push.json');

async function refusal(input: unknown, detailType: 'ECR Image Action' | 'Inspector2 Finding' = 'ECR Image Action'): Promise<EventValidationError> {
  const router = createRouter({ logger: quiet }).on(detailType, () => undefined);
  const error: unknown = await router.handler()(input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EventValidationError);
  return error as EventValidationError;
}

/** `{ a: { a: … { a: leaf } } }`, `levels` objects deep, built without recursion. */
function nested(levels: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** `[[[ … ]]]`, `levels` arrays deep. */
function nestedArrays(levels: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('the issues of a refused event', () => {
  it('say that an event whose fields cannot be read could not be read, and what was thrown', async () => {
    const event = new Proxy(
      {},
      {
        get() {
          throw new TypeError('revoked');
        },
      },
    );
    const error = await refusal(event);
    expect(error.eventId).toBeUndefined();
    expect(error.issues).toEqual([{ path: '', message: 'the event could not be read: TypeError: revoked' }]);
    expect(error.message).toBe('event (no id) is not a valid ECR event: the event could not be read: TypeError: revoked');
  });

  it('name the invalid field of an event that also carries a value nested deeper than any schema reads', async () => {
    // A field the schemas do not model may nest deeper than the stack allows recursion: the
    // issues are still those of the invalid field, not "could not be read".
    const event = { ...push, time: 'yesterday', detail: { ...push.detail, extra: nested(100_000, 'leaf'), list: nestedArrays(100_000) } };
    const error = await refusal(event);
    expect(error.eventId).toBe(push.id);
    expect(error.issues.map((i) => i.path)).toEqual(['time']);
  });

  it('name a field that is null where the schema wants a string', async () => {
    const error = await refusal({ ...push, detail: { ...push.detail, 'repository-name': null, 'image-tag': 7 } });
    expect(error.issues.map((i) => i.path)).toEqual(['detail.repository-name', 'detail.image-tag']);
  });

  it('leave out the id of an event whose id is not a string', async () => {
    const error = await refusal({ ...push, id: 7, time: 'yesterday' });
    expect(error.eventId).toBeUndefined();
    expect(error.message).toMatch(/^event \(no id\) \(ECR Image Action\) is not a valid ECR event: id: /);
  });

  it('list every invalid tag of an Inspector finding, not only the first', async () => {
    const finding = loadSample('aws-inspector2-finding-ecr.json');
    finding.detail.resources[0].tags = { team: 7, env: false, owner: 'platform' };
    const error = await refusal(finding, 'Inspector2 Finding');
    expect(error.issues.map((i) => i.path)).toEqual(['detail.resources.0.tags.team', 'detail.resources.0.tags.env']);
  });

  it("list the issues of an array's first 100 items only, however long the array", async () => {
    const scan = loadSample('aws-image-scan.json');
    const error = await refusal({ ...scan, detail: { ...scan.detail, 'image-tags': Array.from({ length: 150 }, (_, i) => i) } }, 'ECR Image Action');
    // An ECR Image Scan routed by no route is still validated against its own schema.
    expect(error.issues).toHaveLength(100);
    expect(error.issues.at(-1)?.path).toBe('detail.image-tags.99');
  });
});

describe('an input that is not an EventBridge event', () => {
  async function unroutable(input: unknown): Promise<UnroutableEventError> {
    const error: unknown = await createRouter({ logger: quiet }).on('ECR Image Action', () => undefined).handler()(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnroutableEventError);
    expect((error as UnroutableEventError).reason).toBe('not-an-eventbridge-event');
    return error as UnroutableEventError;
  }

  it.each([
    ['null', null, 'null'],
    ['an array', [push], 'an array'],
    ['a string', JSON.stringify(push), 'string'],
    ['a number', 7, 'number'],
    ['undefined', undefined, 'undefined'],
  ])('is refused saying what came instead: %s', async (_name, input, received) => {
    expect((await unroutable(input)).message).toBe(`expected an EventBridge event object, received ${received}`);
  });

  it.each([
    ['no detail-type', { ...push, 'detail-type': undefined }],
    ['a detail-type that is not a string', { ...push, 'detail-type': ['ECR Image Action'] }],
    ['a source that is not a string', { ...push, source: 42 }],
  ])('is an object with %s, refused naming its id', async (_name, input) => {
    expect((await unroutable(input)).message).toBe(`event ${push.id} is not an EventBridge event: it has no string "source" and "detail-type"`);
  });
});

describe('which source may send which detail-type', () => {
  it('does not run an Inspector route for an aws.ecr event that names an Inspector detail-type', async () => {
    const handler = jest.fn();
    const scan = loadSample('aws-inspector2-scan-ecr.json');
    const posing = { ...scan, source: 'aws.ecr' };
    const router = createRouter({ logger: quiet }).on('Inspector2 Scan', handler);
    await expect(router.handler()(posing)).resolves.toMatchObject({ status: 'ignored' });
    const strict = createRouter({ logger: quiet, onUnknownDetailType: 'reject' }).on('Inspector2 Scan', handler);
    await expect(strict.handler()(posing)).rejects.toMatchObject({ reason: 'unknown-detail-type' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('with a policy that lists no detail-types, admits no Inspector event and no unmodelled aws.ecr one', () => {
    expect(admit(loadSample('aws-inspector2-scan-ecr.json'), {})).toMatchObject({ kind: 'foreign-source', source: 'aws.inspector2' });
    expect(admit({ ...push, 'detail-type': 'ECR Image Teleported' }, {})).toMatchObject({ kind: 'unknown-detail-type', detailType: 'ECR Image Teleported' });
    expect(admit(push, {})).toMatchObject({ kind: 'admitted', detailType: 'ECR Image Action' });
  });
});
