import * as v from 'valibot';
import { envelope } from './envelope';
import { knownOr } from './known-or';

/** "ECR Pull Through Cache Action": ECR synced (or failed to sync) an image from an upstream registry. */
export const PullThroughCacheActionDetail = v.looseObject({
  'sync-status': knownOr(['SUCCESS', 'FAILED']),
  'ecr-repository-prefix': v.string(),
  'repository-name': v.string(),
  'upstream-registry-url': v.string(),
  'rule-version': v.optional(v.string()),
  'image-tag': v.optional(v.string()),
  'image-digest': v.optional(v.string()),
  'failure-code': v.optional(v.string()),
  'failure-reason': v.optional(v.string()),
});
export type PullThroughCacheActionDetail = v.InferOutput<typeof PullThroughCacheActionDetail>;

export const PullThroughCacheActionEvent = envelope('ECR Pull Through Cache Action', PullThroughCacheActionDetail);
export type PullThroughCacheActionEvent = v.InferOutput<typeof PullThroughCacheActionEvent>;
