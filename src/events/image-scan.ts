import * as v from 'valibot';
import { envelope } from './envelope';
import { knownOr } from './known-or';

/** "ECR Image Scan": a basic scan of an image completed (or failed). */
export const ImageScanDetail = v.looseObject({
  'scan-status': knownOr(['COMPLETE', 'FAILED']),
  'repository-name': v.string(),
  'image-digest': v.optional(v.string()),
  'image-tags': v.optional(v.array(v.string())),
  // Only severities with at least one finding appear (AWS sample).
  'finding-severity-counts': v.optional(
    v.record(v.string(), v.number()) as unknown as v.GenericSchema<
      Partial<Record<'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNDEFINED', number>> & Record<string, number>
    >,
  ),
});
export type ImageScanDetail = v.InferOutput<typeof ImageScanDetail>;

export const ImageScanEvent = envelope('ECR Image Scan', ImageScanDetail);
export type ImageScanEvent = v.InferOutput<typeof ImageScanEvent>;
