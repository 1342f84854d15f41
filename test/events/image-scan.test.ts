import * as v from 'valibot';
import { ImageScanEvent } from '../../src/events/image-scan';
import { loadSample } from './sample-events';
import { describeSchemaContract } from './schema-contract';

describeSchemaContract({
  detailType: 'ECR Image Scan',
  schema: ImageScanEvent,
  base: 'image-scan-with-findings.json',
  requiredDetail: ['scan-status', 'repository-name'],
  optionalDetail: ['image-digest', 'image-tags', 'finding-severity-counts', 'finding-severity-counts.CRITICAL'],
  enumerations: ['scan-status'],
  nestedObjects: ['finding-severity-counts'],
});

describe('ECR Image Scan events', () => {
  it('accepts a scan without findings, which has no finding-severity-counts', () => {
    const event = loadSample('image-scan-no-findings.json');
    expect(event.detail['finding-severity-counts']).toBeUndefined();
    expect(v.safeParse(ImageScanEvent, event).success).toBe(true);
  });

  it('accepts an untagged image, whose image-tags is an empty array in the AWS sample', () => {
    expect(v.parse(ImageScanEvent, loadSample('aws-image-scan.json')).detail['image-tags']).toEqual([]);
  });

  it('keeps a severity AWS adds later, such as the TOTAL that Inspector sends', () => {
    const event = loadSample('aws-image-scan.json');
    event.detail['finding-severity-counts'].TOTAL = 19;
    expect(v.parse(ImageScanEvent, event).detail['finding-severity-counts']).toEqual({ CRITICAL: 10, MEDIUM: 9, TOTAL: 19 });
  });

  it('rejects a severity count that is not a number, naming it', () => {
    const event = loadSample('aws-image-scan.json');
    event.detail['finding-severity-counts'].CRITICAL = '10';
    const result = v.safeParse(ImageScanEvent, event);
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toEqual(['detail.finding-severity-counts.CRITICAL']);
  });

  it('rejects image-tags that are not strings, naming the element', () => {
    const event = loadSample('image-scan-with-findings.json');
    event.detail['image-tags'] = ['v1', 2];
    const result = v.safeParse(ImageScanEvent, event);
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toEqual(['detail.image-tags.1']);
  });
});
