import * as v from 'valibot';
import { envelope } from './envelope';
import { knownOr } from './known-or';

/**
 * "ECR Image Action": an image was pushed or deleted, or its storage class changed.
 * Source: the AWS page "Amazon ECR events and EventBridge" (push and delete samples) and
 * the EventBridge schema registry's aws.ecr@ECRImageAction.
 */
export const ImageActionDetail = v.looseObject({
  // Both samples carry these; every action names what happened, to which repository, and how it ended.
  'action-type': knownOr(['PUSH', 'DELETE', 'UPDATE_STORAGE_CLASS']),
  result: knownOr(['SUCCESS', 'FAILURE']),
  'repository-name': v.string(),
  // Optional: a DELETE by tag of an already-untagged manifest, or a failed push, may lack either.
  'image-digest': v.optional(v.string()),
  'image-tag': v.optional(v.string()),
  // Newer storage-class events (archive / restore).
  'target-storage-class': v.optional(knownOr(['STANDARD', 'ARCHIVE'])),
  'last-activated-at': v.optional(v.string()),
  'manifest-media-type': v.optional(v.string()),
  'artifact-media-type': v.optional(v.string()),
});
export type ImageActionDetail = v.InferOutput<typeof ImageActionDetail>;

export const ImageActionEvent = envelope('ECR Image Action', ImageActionDetail);
export type ImageActionEvent = v.InferOutput<typeof ImageActionEvent>;
