import * as v from 'valibot';
import { envelope } from './envelope';
import { knownOr } from './known-or';

/** "ECR Artifact Action": a non-image OCI artifact was pushed or deleted. */
export const ArtifactActionDetail = v.looseObject({
  'action-type': knownOr(['PUSH', 'DELETE']),
  result: knownOr(['SUCCESS', 'FAILURE']),
  'repository-name': v.string(),
  'image-digest': v.optional(v.string()),
  'image-tag': v.optional(v.string()),
  'manifest-media-type': v.optional(v.string()),
  'artifact-media-type': v.optional(v.string()),
});
export type ArtifactActionDetail = v.InferOutput<typeof ArtifactActionDetail>;

export const ArtifactActionEvent = envelope('ECR Artifact Action', ArtifactActionDetail);
export type ArtifactActionEvent = v.InferOutput<typeof ArtifactActionEvent>;
