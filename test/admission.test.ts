import { createRouter, EventValidationError } from '../src/index';
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
    const event = { ...push, time: 'yesterday', detail: { ...push.detail, extra: nested(100_000, 'leaf') } };
    const error = await refusal(event);
    expect(error.eventId).toBe(push.id);
    expect(error.issues.map((i) => i.path)).toEqual(['time']);
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
