import * as v from 'valibot';
import { built, lazily } from './lazily';
import { jsonObject } from './json-object';
import { envelope } from './envelope';
import { knownOr } from './known-or';

/**
 * "ECR Pull Through Cache Action": ECR synced (or failed to sync) an image from an upstream registry.
 * Sources: ECR User Guide sample (published with a trailing comma and the date 2023-02-29),
 * schema registry aws.ecr@ECRPullThroughCacheAction (botocraft, CDK ECRPullThroughCacheActionProps).
 */
const PullThroughCacheActionDetailSchema = () => jsonObject({
  // Required: in the AWS sample and required by aws.ecr@ECRPullThroughCacheAction.
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  'sync-status': knownOr(['SUCCESS', 'FAILED']),
  'ecr-repository-prefix': v.string(),
  'repository-name': v.string(),
  'upstream-registry-url': v.string(),
  // In the AWS sample but not in aws.ecr@ECRPullThroughCacheAction.
  'rule-version': v.optional(v.string()),
  // Optional in aws.ecr@ECRPullThroughCacheAction; failure-* only when the sync failed.
  'image-tag': v.optional(v.string()),
  'image-digest': v.optional(v.string()),
  'failure-code': v.optional(v.string()),
  'failure-reason': v.optional(v.string()),
});
/** The `detail` of an "ECR Pull Through Cache Action" event. */
export interface PullThroughCacheActionDetail extends v.InferOutput<ReturnType<typeof PullThroughCacheActionDetailSchema>> {}
/** The valibot schema (a Standard Schema) of {@link PullThroughCacheActionDetail}. */
export const PullThroughCacheActionDetail: v.GenericSchema<v.InferInput<ReturnType<typeof PullThroughCacheActionDetailSchema>>, PullThroughCacheActionDetail> = lazily(PullThroughCacheActionDetailSchema);

/** A whole "ECR Pull Through Cache Action" event: EventBridge envelope around {@link PullThroughCacheActionDetail}. */
const PullThroughCacheActionEventSchema = () => envelope('ECR Pull Through Cache Action', built(PullThroughCacheActionDetail));
/** A validated "ECR Pull Through Cache Action" event. */
export interface PullThroughCacheActionEvent extends v.InferOutput<ReturnType<typeof PullThroughCacheActionEventSchema>> {}
/** The valibot schema (a Standard Schema) of {@link PullThroughCacheActionEvent}. */
export const PullThroughCacheActionEvent: v.GenericSchema<v.InferInput<ReturnType<typeof PullThroughCacheActionEventSchema>>, PullThroughCacheActionEvent> = lazily(PullThroughCacheActionEventSchema);
