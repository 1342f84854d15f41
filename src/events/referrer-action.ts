import * as v from 'valibot';
import { built, lazily } from './lazily';
import { jsonObject } from './json-object';
import { envelope } from './envelope';
import { knownOr } from './known-or';

/**
 * "ECR Referrer Action": a referrer of an image (signature, SBOM, attestation) was pushed, deleted,
 * archived or restored. Sources: ECR User Guide "referrer restore" sample, schema registry
 * aws.ecr@ECRReferrerAction (botocraft, CDK ECRReferrerActionProps).
 */
const ReferrerActionDetailSchema = () => jsonObject({
  // Required: in the AWS sample and required by aws.ecr@ECRReferrerAction.
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  'action-type': knownOr(['PUSH', 'DELETE', 'UPDATE_STORAGE_CLASS']),
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  result: knownOr(['SUCCESS', 'FAILURE']),
  'repository-name': v.string(),
  // Optional in aws.ecr@ECRReferrerAction; the AWS sample has a digest but no tag.
  'image-digest': v.optional(v.string()),
  'image-tag': v.optional(v.string()),
  'manifest-media-type': v.optional(v.string()),
  'artifact-media-type': v.optional(v.string()),
  // Storage-class changes only (CDK ECRReferrerActionProps, AWS restore sample).
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  'target-storage-class': v.optional(knownOr(['STANDARD', 'ARCHIVE'])),
  'last-activated-at': v.optional(v.string()),
});
/** The `detail` of an "ECR Referrer Action" event. */
export interface ReferrerActionDetail extends v.InferOutput<ReturnType<typeof ReferrerActionDetailSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ReferrerActionDetail}. */
export const ReferrerActionDetail: v.GenericSchema<v.InferInput<ReturnType<typeof ReferrerActionDetailSchema>>, ReferrerActionDetail> = lazily(ReferrerActionDetailSchema);

/** A whole "ECR Referrer Action" event: EventBridge envelope around {@link ReferrerActionDetail}. */
const ReferrerActionEventSchema = () => envelope('ECR Referrer Action', built(ReferrerActionDetail));
/** A validated "ECR Referrer Action" event. */
export interface ReferrerActionEvent extends v.InferOutput<ReturnType<typeof ReferrerActionEventSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ReferrerActionEvent}. */
export const ReferrerActionEvent: v.GenericSchema<v.InferInput<ReturnType<typeof ReferrerActionEventSchema>>, ReferrerActionEvent> = lazily(ReferrerActionEventSchema);
