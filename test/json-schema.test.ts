import Ajv from 'ajv';
import * as v from 'valibot';
import { eventSchemas, sourceOf, type EcrDetailType } from '../src/events';
const inspector2Schemas = { 'Inspector2 Scan': eventSchemas['Inspector2 Scan'], 'Inspector2 Finding': eventSchemas['Inspector2 Finding'], 'Inspector2 Coverage': eventSchemas['Inspector2 Coverage'] };
const serviceEventSchemas = { 'AWS Service Event via CloudTrail': eventSchemas['AWS Service Event via CloudTrail'] };

import { eventJsonSchema, toJsonSchemas, type SchemaDetailType } from '../src/json-schema';
import { loadSample, samplesOf } from './events/sample-events';

type Schema = Record<string, any>;
const detailTypes = Object.keys(eventSchemas) as EcrDetailType[];
const newDetailTypes = [...Object.keys(inspector2Schemas), ...Object.keys(serviceEventSchemas)] as SchemaDetailType[];

describe('toJsonSchemas', () => {
  it('exports a draft-07 JSON Schema for every detail-type without throwing', () => {
    const schemas = toJsonSchemas();
    expect(Object.keys(schemas).sort()).toEqual([...detailTypes].sort());
    for (const detailType of [...detailTypes, ...newDetailTypes]) {
      expect(schemas[detailType]).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', title: detailType });
    }
  });

  // The event schemas are built on first use (valibot `lazy`); a tool reading the JSON Schema gets
  // every field in place, not a `$ref` into `definitions` for each part.
  it.each(detailTypes)('writes %s as one self-contained schema, without $ref or definitions', (detailType) => {
    const text = JSON.stringify(eventJsonSchema(detailType));
    expect(text).not.toContain('$ref');
    expect(text).not.toContain('"definitions"');
    expect(eventJsonSchema(detailType)).toHaveProperty('properties.detail.properties');
  });
});

describe('eventJsonSchema', () => {
  it.each(detailTypes)('requires the whole envelope, but not replay-name, for %s', (detailType) => {
    const schema = eventJsonSchema(detailType) as Schema;
    expect(schema.required).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    expect(schema.properties['replay-name']).toEqual({ type: 'string' });
    expect(schema.properties['detail-type']).toEqual({ const: detailType });
    expect(schema.properties.source).toEqual({ const: sourceOf(detailType as EcrDetailType) });
  });

  it.each(detailTypes)('allows unknown keys in the envelope and the detail of %s', (detailType) => {
    const schema = eventJsonSchema(detailType) as Schema;
    expect(schema.additionalProperties ?? true).toBe(true);
    expect(schema.properties.detail.additionalProperties ?? true).toBe(true);
  });

  it('writes the time check as a pattern that accepts the date AWS publishes and rejects garbage', () => {
    const pattern = new RegExp((eventJsonSchema('ECR Pull Through Cache Action') as Schema).properties.time.pattern);
    expect(pattern.test('2023-02-29T02:36:48Z')).toBe(true);
    expect(pattern.test('2019-11-16T01:54:34.123+01:00')).toBe(true);
    expect(pattern.test('yesterday')).toBe(false);
  });

  it('lists only the fields AWS guarantees as required in the detail', () => {
    const detail = (detailType: EcrDetailType) => (eventJsonSchema(detailType) as Schema).properties.detail;
    expect(detail('ECR Image Action').required).toEqual(['action-type', 'result', 'repository-name']);
    expect(detail('ECR Image Scan').required).toEqual(['scan-status', 'repository-name']);
    expect(detail('ECR Replication Action').required).toEqual(['action-type', 'result', 'repository-name']);
    expect(detail('AWS API Call via CloudTrail').required).toEqual(['eventName', 'eventSource']);
  });

  it('writes an enumeration as its known values or any other string', () => {
    const actionType = (eventJsonSchema('ECR Image Action') as Schema).properties.detail.properties['action-type'];
    expect(actionType).toEqual({
      anyOf: [{ type: 'string', enum: ['PUSH', 'DELETE', 'UPDATE_STORAGE_CLASS'] }, { type: 'string' }],
    });
  });

  it('gives the Inspector2 events their own source, and lists what they require', () => {
    const finding = eventJsonSchema('Inspector2 Finding') as Schema;
    expect(finding.properties.source).toEqual({ const: 'aws.inspector2' });
    expect(finding.properties.detail.required).toEqual(['awsAccountId', 'findingArn', 'type', 'severity', 'status', 'resources']);
    expect((eventJsonSchema('Inspector2 Scan') as Schema).properties.detail.required).toEqual(['scan-status', 'finding-severity-counts']);
    expect((eventJsonSchema('Inspector2 Coverage') as Schema).properties.detail.required).toEqual(['scanStatus', 'scanType']);
    const service = eventJsonSchema('AWS Service Event via CloudTrail') as Schema;
    expect(service.properties.source).toEqual({ const: 'aws.ecr' });
    expect(service.properties.detail.required).toEqual(['eventName', 'eventSource']);
  });

  it('allows null where CloudTrail writes null', () => {
    const requestParameters = (eventJsonSchema('AWS API Call via CloudTrail') as Schema).properties.detail.properties.requestParameters;
    expect(requestParameters.anyOf).toContainEqual({ type: 'null' });
  });
});

describe('the JSON Schemas and the runtime schemas agree', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const both = (detailType: EcrDetailType, event: unknown) => ({
    runtime: v.safeParse(eventSchemas[detailType], event).success,
    jsonSchema: ajv.validate(eventJsonSchema(detailType), event),
  });

  const runtimeOf = (detailType: SchemaDetailType) => ({ ...eventSchemas, ...inspector2Schemas, ...serviceEventSchemas })[detailType];
  const bothOf = (detailType: SchemaDetailType, event: unknown) => ({
    runtime: v.safeParse(runtimeOf(detailType), event).success,
    jsonSchema: ajv.validate(eventJsonSchema(detailType), event),
  });

  it.each(detailTypes)('both accept every sample of %s', (detailType) => {
    for (const [, event] of samplesOf(detailType)) expect(both(detailType, event)).toEqual({ runtime: true, jsonSchema: true });
  });

  it.each(newDetailTypes)('both accept every sample of %s', (detailType) => {
    const samples = samplesOf(detailType);
    expect(samples.length).toBeGreaterThan(0);
    for (const [, event] of samples) expect(bothOf(detailType, event)).toEqual({ runtime: true, jsonSchema: true });
  });

  it.each([
    ['Inspector2 Scan', 'aws-inspector2-scan-ecr.json', ['detail', 'finding-severity-counts']],
    ['Inspector2 Finding', 'aws-inspector2-finding-ecr.json', ['detail', 'resources', 0, 'details'], ['detail', 'epss'], ['detail', 'resources', 0, 'tags']],
    ['Inspector2 Coverage', 'aws-inspector2-coverage-ec2.json', ['detail', 'scanStatus']],
    ['AWS Service Event via CloudTrail', 'aws-lifecycle-policy-expire.json', ['detail', 'serviceEventDetails'], ['detail', 'userIdentity']],
  ] as Array<[SchemaDetailType, string, ...Array<Array<string | number>>]>)('both refuse an array where %s needs an object', (detailType, file, ...paths) => {
    for (const path of paths) {
      const event = loadSample(file);
      const parent = path.slice(0, -1).reduce((node: Record<string, any>, key: string | number) => node[key], event);
      parent[path[path.length - 1]!] = [];
      expect(bothOf(detailType, event)).toEqual({ runtime: false, jsonSchema: false });
    }
  });

  // valibot's looseObject accepts arrays; JSON Schema's type "object" does not (issue 13, item 9).
  it.each([
    ['ECR Image Scan', 'image-scan-with-findings.json', ['detail'], ['detail', 'finding-severity-counts']],
    ['AWS API Call via CloudTrail', 'cloudtrail-put-image.json', ['detail', 'requestParameters'], ['detail', 'userIdentity']],
    ['ECR Scan Resource Change', 'scan-resource-change-image.json', ['detail', 'image'], ['detail']],
  ] as Array<[EcrDetailType, string, ...string[][]]>)('both refuse an array where %s needs an object', (detailType, file, ...paths) => {
    for (const path of paths) {
      const event = loadSample(file);
      const parent = path.slice(0, -1).reduce((node: Record<string, any>, key: string) => node[key], event);
      parent[path[path.length - 1]!] = [];
      expect(both(detailType, event)).toEqual({ runtime: false, jsonSchema: false });
    }
  });
});
