import * as v from 'valibot';
import { built, lazily } from './lazily';
import { jsonObject } from './json-object';
import { envelope } from './envelope';
import { knownOr } from './known-or';

/**
 * "ECR Image Action": an image was pushed or deleted, or its storage class changed (archive/restore).
 * Sources: ECR User Guide "Amazon ECR events and EventBridge" (push, delete, archive and restore samples),
 * the schema registry's aws.ecr@ECRImageAction (as mirrored by botocraft and CDK ECRImageActionProps).
 */
const ImageActionDetailSchema = () => jsonObject({
  // Required: in every AWS sample and required by aws.ecr@ECRImageAction.
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  'action-type': knownOr(['PUSH', 'DELETE', 'UPDATE_STORAGE_CLASS']),
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  result: knownOr(['SUCCESS', 'FAILURE']),
  'repository-name': v.string(),
  // Optional in aws.ecr@ECRImageAction; the archive/restore samples carry no image-tag, and a delete by digest has no tag.
  'image-digest': v.optional(v.string()),
  'image-tag': v.optional(v.string()),
  // Archive/restore samples only (UPDATE_STORAGE_CLASS); last-activated-at only on restore.
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  'target-storage-class': v.optional(knownOr(['STANDARD', 'ARCHIVE'])),
  'last-activated-at': v.optional(v.string()),
  // In aws.ecr@ECRImageAction and the archive/restore samples; absent from the push/delete samples.
  'manifest-media-type': v.optional(v.string()),
  'artifact-media-type': v.optional(v.string()),
});
/** The `detail` of an "ECR Image Action" event. */
export interface ImageActionDetail extends v.InferOutput<ReturnType<typeof ImageActionDetailSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ImageActionDetail}. */
export const ImageActionDetail: v.GenericSchema<v.InferInput<ReturnType<typeof ImageActionDetailSchema>>, ImageActionDetail> = lazily(ImageActionDetailSchema);

/** A whole "ECR Image Action" event: EventBridge envelope around {@link ImageActionDetail}. */
const ImageActionEventSchema = () => envelope('ECR Image Action', built(ImageActionDetail));
/** A validated "ECR Image Action" event. */
export interface ImageActionEvent extends v.InferOutput<ReturnType<typeof ImageActionEventSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ImageActionEvent}. */
export const ImageActionEvent: v.GenericSchema<v.InferInput<ReturnType<typeof ImageActionEventSchema>>, ImageActionEvent> = lazily(ImageActionEventSchema);
