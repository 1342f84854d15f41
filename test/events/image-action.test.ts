import * as v from 'valibot';
import { ImageActionEvent } from '../../src/events/image-action';
import { loadSample } from './sample-events';
import { describeSchemaContract } from './schema-contract';

describeSchemaContract({
  detailType: 'ECR Image Action',
  schema: ImageActionEvent,
  base: 'image-action-push.json',
  requiredDetail: ['action-type', 'result', 'repository-name'],
  optionalDetail: ['image-digest', 'image-tag', 'manifest-media-type', 'artifact-media-type'],
  enumerations: ['action-type', 'result'],
});

describe('ECR Image Action events', () => {
  it('accepts a DELETE of an untagged image, which has a digest but no tag', () => {
    const event = loadSample('image-action-delete-untagged.json');
    expect(event.detail['image-tag']).toBeUndefined();
    expect(v.safeParse(ImageActionEvent, event).success).toBe(true);
  });

  it('accepts a storage-class change with a target class AWS adds later and keeps it', () => {
    const event = loadSample('aws-image-action-archive.json');
    event.detail['target-storage-class'] = 'DEEP_ARCHIVE';
    const result = v.safeParse(ImageActionEvent, event);
    expect(result.success && result.output.detail['target-storage-class']).toBe('DEEP_ARCHIVE');
  });

  it("keeps a restore's last-activated-at as AWS writes it", () => {
    const result = v.parse(ImageActionEvent, loadSample('aws-image-action-restore.json'));
    expect(result.detail['last-activated-at']).toBe('2025-10-10T19:13:02.74Z');
  });
});
