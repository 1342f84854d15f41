import * as v from 'valibot';
import { built, lazily } from './lazily';
import { jsonObject } from './json-object';
import { envelope } from './envelope';
import { knownOr } from './known-or';

/**
 * Counts of findings per severity. "Only returns a value for a severity level if one exists"
 * (ECR User Guide), so every key is optional and the whole object may be absent; keys AWS adds
 * (Inspector's events carry `TOTAL`) are kept.
 */
const FindingSeverityCountsSchema = () => jsonObject({
  CRITICAL: v.optional(v.number()),
  HIGH: v.optional(v.number()),
  MEDIUM: v.optional(v.number()),
  LOW: v.optional(v.number()),
  INFORMATIONAL: v.optional(v.number()),
  UNDEFINED: v.optional(v.number()),
});
/** Finding counts per severity in an "ECR Image Scan" event. */
export interface FindingSeverityCounts extends v.InferOutput<ReturnType<typeof FindingSeverityCountsSchema>> {}
/** The valibot schema (a Standard Schema) of {@link FindingSeverityCounts}. */
export const FindingSeverityCounts: v.GenericSchema<v.InferInput<ReturnType<typeof FindingSeverityCountsSchema>>, FindingSeverityCounts> = lazily(FindingSeverityCountsSchema);

/**
 * "ECR Image Scan": a basic scan of an image completed (or failed).
 * Sources: ECR User Guide basic-scanning sample, the schema registry's aws.ecr@ECRImageScan
 * (botocraft, CDK ECRImageScanProps).
 */
const ImageScanDetailSchema = () => jsonObject({
  // Required: in the AWS sample and required by aws.ecr@ECRImageScan.
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  'scan-status': knownOr(['COMPLETE', 'FAILED']),
  'repository-name': v.string(),
  // Optional in aws.ecr@ECRImageScan; `image-tags` is `[]` for an untagged image in the AWS sample.
  'image-digest': v.optional(v.string()),
  'image-tags': v.optional(v.array(v.string())),
  'finding-severity-counts': v.optional(built(FindingSeverityCounts)),
});
/** The `detail` of an "ECR Image Scan" event. */
export interface ImageScanDetail extends v.InferOutput<ReturnType<typeof ImageScanDetailSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ImageScanDetail}. */
export const ImageScanDetail: v.GenericSchema<v.InferInput<ReturnType<typeof ImageScanDetailSchema>>, ImageScanDetail> = lazily(ImageScanDetailSchema);

/** A whole "ECR Image Scan" event: EventBridge envelope around {@link ImageScanDetail}. */
const ImageScanEventSchema = () => envelope('ECR Image Scan', built(ImageScanDetail));
/** A validated "ECR Image Scan" event. */
export interface ImageScanEvent extends v.InferOutput<ReturnType<typeof ImageScanEventSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ImageScanEvent}. */
export const ImageScanEvent: v.GenericSchema<v.InferInput<ReturnType<typeof ImageScanEventSchema>>, ImageScanEvent> = lazily(ImageScanEventSchema);
