import * as v from 'valibot';
import { envelope } from './envelope';
import { knownOr } from './known-or';

/** "ECR Referrer Action": a referrer (signature, SBOM, attestation) of an image was pushed or deleted. */
export const ReferrerActionDetail = v.looseObject({
  'action-type': knownOr(['PUSH', 'DELETE', 'UPDATE_STORAGE_CLASS']),
  result: knownOr(['SUCCESS', 'FAILURE']),
  'repository-name': v.string(),
  'image-digest': v.optional(v.string()),
  'image-tag': v.optional(v.string()),
  'manifest-media-type': v.optional(v.string()),
  'artifact-media-type': v.optional(v.string()),
});
export type ReferrerActionDetail = v.InferOutput<typeof ReferrerActionDetail>;

export const ReferrerActionEvent = envelope('ECR Referrer Action', ReferrerActionDetail);
export type ReferrerActionEvent = v.InferOutput<typeof ReferrerActionEvent>;
