import * as v from 'valibot';
import { envelope } from './envelope';
import { knownOr } from './known-or';

const ScannedRepository = v.looseObject({
  'repository-name': v.string(),
  'repository-arn': v.optional(v.string()),
  'scan-frequency': v.optional(knownOr(['SCAN_ON_PUSH', 'CONTINUOUS_SCAN', 'MANUAL'])),
  'previous-scan-frequency': v.optional(knownOr(['SCAN_ON_PUSH', 'CONTINUOUS_SCAN', 'MANUAL'])),
});

/** "ECR Scan Resource Change": enhanced scanning started or stopped covering repositories or images. */
export const ScanResourceChangeDetail = v.looseObject({
  'action-type': knownOr(['ENHANCED_TO_BASIC', 'BASIC_TO_ENHANCED', 'SCAN_FREQUENCY_CHANGE', 'IMAGE_PUSH', 'IMAGE_DELETE']),
  'resource-type': knownOr(['REPOSITORY', 'IMAGE']),
  'scan-type': knownOr(['BASIC', 'ENHANCED']),
  repositories: v.optional(v.array(ScannedRepository)),
  image: v.optional(v.looseObject({ 'repository-name': v.optional(v.string()), 'image-digest': v.optional(v.string()) })),
});
export type ScanResourceChangeDetail = v.InferOutput<typeof ScanResourceChangeDetail>;

export const ScanResourceChangeEvent = envelope('ECR Scan Resource Change', ScanResourceChangeDetail);
export type ScanResourceChangeEvent = v.InferOutput<typeof ScanResourceChangeEvent>;
