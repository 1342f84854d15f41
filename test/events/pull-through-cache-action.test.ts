import * as v from 'valibot';
import { PullThroughCacheActionEvent } from '../../src/events/pull-through-cache-action';
import { loadSample } from './sample-events';
import { describeSchemaContract } from './schema-contract';

describeSchemaContract({
  detailType: 'ECR Pull Through Cache Action',
  schema: PullThroughCacheActionEvent,
  base: 'aws-pull-through-cache.json',
  requiredDetail: ['sync-status', 'ecr-repository-prefix', 'repository-name', 'upstream-registry-url'],
  optionalDetail: ['rule-version', 'image-tag', 'image-digest'],
  enumerations: ['sync-status'],
});

describe('ECR Pull Through Cache Action events', () => {
  it("accepts AWS's own sample, dated 2023-02-29, once its trailing comma is removed", () => {
    const published =
      '{ "version": "0", "id": "85fc3613-e913-7fc4-a80c-a3753e4aa9ae", "detail-type": "ECR Pull Through Cache Action", "source": "aws.ecr", "account": "123456789012", "time": "2023-02-29T02:36:48Z", "region": "us-west-2", "resources": [ "arn:aws:ecr:us-west-2:123456789012:repository/docker-hub/alpine" ], "detail": { "rule-version": "1", "sync-status": "SUCCESS", "ecr-repository-prefix": "docker-hub", "repository-name": "docker-hub/alpine", "upstream-registry-url": "public.ecr.aws", "image-tag": "3.17.2", "image-digest": "sha256:4aa08ef415aecc80814cb42fa41b658480779d80c77ab15EXAMPLE", } }';
    expect(() => JSON.parse(published)).toThrow(SyntaxError);
    const event = JSON.parse(published.replace(/,(\s*[}\]])/g, '$1'));
    expect(event).toEqual(loadSample('aws-pull-through-cache.json'));
    expect(v.parse(PullThroughCacheActionEvent, event).time).toBe('2023-02-29T02:36:48Z');
  });

  it('accepts a failed sync, which has failure-code and failure-reason but no digest', () => {
    const result = v.parse(PullThroughCacheActionEvent, loadSample('pull-through-cache-failed.json'));
    expect(result.detail['sync-status']).toBe('FAILED');
    expect(result.detail['failure-code']).toBe('UPSTREAM_AUTHENTICATION_FAILED');
    expect(result.detail['image-digest']).toBeUndefined();
  });
});
