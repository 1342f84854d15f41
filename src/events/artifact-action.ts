import * as v from 'valibot';
import { built, lazily } from './lazily';
import { jsonObject } from './json-object';
import { envelope } from './envelope';
import { knownOr } from './known-or';

/**
 * "ECR Artifact Action": a non-image OCI artifact was pushed or deleted. The EventBridge events
 * reference lists the detail-type but AWS publishes no sample or schema for it; the fields follow
 * "ECR Image Action" / "ECR Referrer Action", whose shape ECR shares for artifacts.
 */
const ArtifactActionDetailSchema = () => jsonObject({
  // Required by analogy with aws.ecr@ECRImageAction and aws.ecr@ECRReferrerAction (no AWS sample).
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  'action-type': knownOr(['PUSH', 'DELETE', 'UPDATE_STORAGE_CLASS']),
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  result: knownOr(['SUCCESS', 'FAILURE']),
  'repository-name': v.string(),
  'image-digest': v.optional(v.string()),
  'image-tag': v.optional(v.string()),
  'manifest-media-type': v.optional(v.string()),
  'artifact-media-type': v.optional(v.string()),
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  'target-storage-class': v.optional(knownOr(['STANDARD', 'ARCHIVE'])),
  'last-activated-at': v.optional(v.string()),
});
/** The `detail` of an "ECR Artifact Action" event. */
export interface ArtifactActionDetail extends v.InferOutput<ReturnType<typeof ArtifactActionDetailSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ArtifactActionDetail}. */
export const ArtifactActionDetail: v.GenericSchema<v.InferInput<ReturnType<typeof ArtifactActionDetailSchema>>, ArtifactActionDetail> = lazily(ArtifactActionDetailSchema);

/** A whole "ECR Artifact Action" event: EventBridge envelope around {@link ArtifactActionDetail}. */
const ArtifactActionEventSchema = () => envelope('ECR Artifact Action', built(ArtifactActionDetail));
/** A validated "ECR Artifact Action" event. */
export interface ArtifactActionEvent extends v.InferOutput<ReturnType<typeof ArtifactActionEventSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ArtifactActionEvent}. */
export const ArtifactActionEvent: v.GenericSchema<v.InferInput<ReturnType<typeof ArtifactActionEventSchema>>, ArtifactActionEvent> = lazily(ArtifactActionEventSchema);
