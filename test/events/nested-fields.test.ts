import * as v from 'valibot';
import { eventSchemas, type EcrDetailType } from '../../src/events';
import { loadSample } from './sample-events';

/** Sets `value` at a path of keys and indexes in `event`, creating objects on the way. */
function setPath(event: Record<string, any>, path: readonly (string | number)[], value: unknown): Record<string, any> {
  let at: Record<string, any> = event;
  for (const key of path.slice(0, -1)) at = at[key] ??= {};
  at[path[path.length - 1]!] = value;
  return event;
}

// A handler reads these fields as the types the schemas give them: a value of another JSON type,
// in an object nested anywhere in an event, is refused at its path, not passed on.
const nested: ReadonlyArray<readonly [string, EcrDetailType, string, readonly (string | number)[], unknown]> = [
  ['a lifecycle failure code', 'AWS Service Event via CloudTrail', 'lifecycle-policy-failure.json', ['detail', 'serviceEventDetails', 'lifecycleEventFailureDetails', 0, 'failureCode'], 42],
  ['a lifecycle rule priority', 'AWS Service Event via CloudTrail', 'lifecycle-policy-failure.json', ['detail', 'serviceEventDetails', 'lifecycleEventPolicy', 'lifecycleEventRules', 0, 'rulePriority'], '1'],
  ["a service event's userIdentity account", 'AWS Service Event via CloudTrail', 'aws-lifecycle-policy-expire.json', ['detail', 'userIdentity', 'accountId'], 123456789012],
  ["an API call's userIdentity ARN", 'AWS API Call via CloudTrail', 'cloudtrail-put-image.json', ['detail', 'userIdentity', 'arn'], ['arn:aws:sts::123456789012:assumed-role/x']],
  ["an API call's resource ARN", 'AWS API Call via CloudTrail', 'cloudtrail-put-image.json', ['detail', 'resources', 0, 'ARN'], 7],
  ["a finding's provider-agnostic image digest", 'Inspector2 Finding', 'aws-inspector2-finding-ecr.json', ['detail', 'resources', 0, 'details', 'image', 'imageDigest'], 1],
  ['a CVSS base score', 'Inspector2 Finding', 'aws-inspector2-finding-ecr.json', ['detail', 'packageVulnerabilityDetails', 'cvss'], [{ baseScore: '9.8' }]],
  ['an EPSS score', 'Inspector2 Finding', 'aws-inspector2-finding-ecr.json', ['detail', 'epss', 'score'], '0.1'],
  ['the image digest of a scan resource change', 'ECR Scan Resource Change', 'scan-resource-change-image.json', ['detail', 'image', 'image-digest'], false],
];

describe('fields of nested objects', () => {
  it.each(nested)('refuses %s of another JSON type, at its path', (_what, detailType, file, path, value) => {
    const schema = eventSchemas[detailType];
    expect(v.safeParse(schema, loadSample(file)).success).toBe(true);
    const result = v.safeParse(schema, setPath(loadSample(file), path, value));
    expect(result.success).toBe(false);
    const at = Array.isArray(value) && typeof value[0] === 'object' ? [...path, 0, 'baseScore'] : path;
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toContain(at.join('.'));
  });
});
