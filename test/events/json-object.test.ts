import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { envelope, EventBridgeEventSchema as EventBridgeEnvelope } from '../../src/events/envelope';
import { jsonObject, refusingArrays } from '../../src/events/json-object';

describe('jsonObject', () => {
  const schema = jsonObject({ name: v.string(), counts: v.optional(jsonObject({ total: v.optional(v.number()) })) });

  it('refuses an array as the wrong type, before looking at its entries (issue 13, item 9)', () => {
    const result = v.safeParse(schema, []);
    expect(result.issues?.map((issue) => [issue.kind, issue.expected, issue.received, v.getDotPath(issue)])).toEqual([['schema', 'Object', 'Array', null]]);
    expect(v.safeParse(schema, { name: 'x', counts: [] }).issues?.map((issue) => v.getDotPath(issue))).toEqual(['counts']);
  });

  it('says so in the words valibot uses for any other wrong type', () => {
    expect(v.safeParse(schema, []).issues?.[0]?.message).toBe('Invalid type: Expected Object but received Array');
    expect(v.safeParse(schema, []).issues?.[0]?.message).toBe(v.safeParse(schema, 'text').issues?.[0]?.message.replace('"text"', 'Array'));
  });

  it('refuses arrays through the Standard Schema interface too', () => {
    expect(schema['~standard'].validate([])).toMatchObject({ issues: [{ expected: 'Object', received: 'Array' }] });
    expect(schema['~standard'].validate({ name: 'x' })).toMatchObject({ value: { name: 'x' } });
  });

  it('keeps unknown keys, as looseObject does', () => {
    expect(v.parse(schema, { name: 'x', extra: [1] })).toEqual({ name: 'x', extra: [1] });
  });

  it('converts to the same JSON Schema as looseObject', () => {
    const loose = v.looseObject({ name: v.string(), counts: v.optional(v.looseObject({ total: v.optional(v.number()) })) });
    expect(toJsonSchema(schema, { errorMode: 'throw' })).toEqual(toJsonSchema(loose, { errorMode: 'throw' }));
  });
});

describe('refusingArrays', () => {
  it('makes a record refuse arrays too, and convert as before', () => {
    const record = v.record(v.string(), v.string());
    expect(v.safeParse(record, []).success).toBe(true); // valibot's own record takes an array
    expect(v.safeParse(refusingArrays(record), []).issues?.map((issue) => issue.received)).toEqual(['Array']);
    expect(v.parse(refusingArrays(record), { a: 'b' })).toEqual({ a: 'b' });
    expect(toJsonSchema(refusingArrays(record), { errorMode: 'throw' })).toEqual(toJsonSchema(record, { errorMode: 'throw' }));
  });
});

describe('envelope', () => {
  const detail = jsonObject({});
  const event = { version: '0', id: 'x', 'detail-type': 'T', account: '123456789012', time: '2025-03-14T09:26:53Z', region: 'eu-west-1', resources: [], detail: {} };

  it('builds aws.ecr envelopes by default', () => {
    expect(v.safeParse(envelope('T', detail), { ...event, source: 'aws.ecr' }).success).toBe(true);
    expect(v.safeParse(envelope('T', detail), { ...event, source: 'aws.inspector2' }).issues?.map((issue) => v.getDotPath(issue))).toEqual(['source']);
  });

  it('builds an envelope for another source when asked', () => {
    const inspector = envelope('T', detail, { source: 'aws.inspector2' });
    expect(v.safeParse(inspector, { ...event, source: 'aws.inspector2' }).success).toBe(true);
    expect(v.safeParse(inspector, { ...event, source: 'aws.ecr' }).issues?.map((issue) => v.getDotPath(issue))).toEqual(['source']);
  });

  it('refuses a detail that is an array in the source-agnostic envelope', () => {
    expect(v.safeParse(EventBridgeEnvelope, { ...event, source: 'aws.ecr', detail: [] }).issues?.map((issue) => [v.getDotPath(issue), issue.received])).toEqual([['detail', 'Array']]);
  });
});
