import * as v from 'valibot';
import { ReferrerActionEvent } from '../../src/events/referrer-action';
import { loadSample } from './sample-events';
import { describeSchemaContract } from './schema-contract';

describeSchemaContract({
  detailType: 'ECR Referrer Action',
  schema: ReferrerActionEvent,
  base: 'aws-referrer-action-restore.json',
  requiredDetail: ['action-type', 'result', 'repository-name'],
  optionalDetail: ['image-digest', 'manifest-media-type', 'artifact-media-type', 'target-storage-class', 'last-activated-at'],
  enumerations: ['action-type', 'result', 'target-storage-class'],
});

describe('ECR Referrer Action events', () => {
  it('accepts a pushed signature and keeps its artifact media type', () => {
    const result = v.parse(ReferrerActionEvent, loadSample('referrer-push.json'));
    expect(result.detail['artifact-media-type']).toBe('application/vnd.dev.cosign.artifact.sig.v1+json');
  });
});
