import * as v from 'valibot';
import { ArtifactActionEvent } from '../../src/events/artifact-action';
import { loadSample } from './sample-events';
import { describeSchemaContract } from './schema-contract';

describeSchemaContract({
  detailType: 'ECR Artifact Action',
  schema: ArtifactActionEvent,
  base: 'artifact-push.json',
  requiredDetail: ['action-type', 'result', 'repository-name'],
  optionalDetail: ['image-digest', 'image-tag', 'manifest-media-type', 'artifact-media-type'],
  enumerations: ['action-type', 'result'],
});

describe('ECR Artifact Action events', () => {
  it('accepts a pushed Helm chart and keeps its tag and config media type', () => {
    const result = v.parse(ArtifactActionEvent, loadSample('artifact-push.json'));
    expect(result.detail['image-tag']).toBe('0.4.2');
    expect(result.detail['artifact-media-type']).toBe('application/vnd.cncf.helm.config.v1+json');
  });
});
