import * as v from 'valibot';
import { built, lazily } from './lazily';
import { jsonObject } from './json-object';
import { envelope } from './envelope';
import { knownOr } from './known-or';

/** ECR's ScanFrequency enumeration (API reference), as written in Scan Resource Change events. */
// Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
const ScanFrequency = knownOr(['SCAN_ON_PUSH', 'CONTINUOUS_SCAN', 'MANUAL']);

/** One repository whose enhanced-scanning coverage changed. */
const ScanResourceChangeRepositorySchema = () => jsonObject({
  // Every entry of the AWS sample names its repository; the other keys are optional because a
  // newly created repository has no previous frequency.
  'repository-name': v.string(),
  'repository-arn': v.optional(v.string()),
  'scan-frequency': v.optional(ScanFrequency),
  'previous-scan-frequency': v.optional(ScanFrequency),
});
/** A repository entry of an "ECR Scan Resource Change" event. */
export interface ScanResourceChangeRepository extends v.InferOutput<ReturnType<typeof ScanResourceChangeRepositorySchema>> {}
/** The valibot schema (a Standard Schema) of {@link ScanResourceChangeRepository}. */
export const ScanResourceChangeRepository: v.GenericSchema<v.InferInput<ReturnType<typeof ScanResourceChangeRepositorySchema>>, ScanResourceChangeRepository> = lazily(ScanResourceChangeRepositorySchema);

/**
 * The image of a `resource-type: IMAGE` change. AWS documents that images pushed or deleted in
 * enhanced-scanning repositories raise this event but publishes no sample of it, so every key is
 * optional and unknown keys are kept.
 */
const ScanResourceChangeImageSchema = () => jsonObject({
  'repository-name': v.optional(v.string()),
  'image-digest': v.optional(v.string()),
});
/** The image entry of an "ECR Scan Resource Change" event. */
export interface ScanResourceChangeImage extends v.InferOutput<ReturnType<typeof ScanResourceChangeImageSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ScanResourceChangeImage}. */
export const ScanResourceChangeImage: v.GenericSchema<v.InferInput<ReturnType<typeof ScanResourceChangeImageSchema>>, ScanResourceChangeImage> = lazily(ScanResourceChangeImageSchema);

/**
 * "ECR Scan Resource Change": enhanced scanning started, stopped or changed frequency for
 * repositories, or an image came or went in an enhanced-scanning repository.
 * Sources: ECR User Guide (EventBridge events page and "EventBridge events sent for enhanced scanning"),
 * schema registry aws.ecr@ECRScanResourceChange as mirrored by botocraft.
 */
const ScanResourceChangeDetailSchema = () => jsonObject({
  // Required: in the AWS sample and required by aws.ecr@ECRScanResourceChange.
  // Only SCAN_FREQUENCY_CHANGE appears in an AWS sample; the other action types are unverified
  // names typed for completion only (any string is accepted).
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  'action-type': knownOr(['SCAN_FREQUENCY_CHANGE', 'ENHANCED_TO_BASIC', 'BASIC_TO_ENHANCED', 'IMAGE_PUSH', 'IMAGE_DELETE']),
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  'resource-type': knownOr(['REPOSITORY', 'IMAGE']),
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  'scan-type': knownOr(['BASIC', 'ENHANCED']),
  // Either `repositories` (resource-type REPOSITORY, AWS sample) or `image` (resource-type IMAGE): both optional.
  repositories: v.optional(v.array(built(ScanResourceChangeRepository))),
  image: v.optional(built(ScanResourceChangeImage)),
});
/** The `detail` of an "ECR Scan Resource Change" event. */
export interface ScanResourceChangeDetail extends v.InferOutput<ReturnType<typeof ScanResourceChangeDetailSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ScanResourceChangeDetail}. */
export const ScanResourceChangeDetail: v.GenericSchema<v.InferInput<ReturnType<typeof ScanResourceChangeDetailSchema>>, ScanResourceChangeDetail> = lazily(ScanResourceChangeDetailSchema);

/** A whole "ECR Scan Resource Change" event: EventBridge envelope around {@link ScanResourceChangeDetail}. */
const ScanResourceChangeEventSchema = () => envelope('ECR Scan Resource Change', built(ScanResourceChangeDetail));
/** A validated "ECR Scan Resource Change" event. */
export interface ScanResourceChangeEvent extends v.InferOutput<ReturnType<typeof ScanResourceChangeEventSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ScanResourceChangeEvent}. */
export const ScanResourceChangeEvent: v.GenericSchema<v.InferInput<ReturnType<typeof ScanResourceChangeEventSchema>>, ScanResourceChangeEvent> = lazily(ScanResourceChangeEventSchema);
