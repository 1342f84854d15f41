import * as v from 'valibot';
import { built, lazily } from './lazily';
import { jsonObject } from './json-object';
import { envelope } from './envelope';
import { knownOr } from './known-or';

/**
 * "ECR Replication Action": an image was replicated into this registry from another account or region.
 * Sources: ECR User Guide samples (completed and failed replication), schema registry
 * aws.ecr@ECRReplicationAction (botocraft, CDK ECRReplicationActionProps).
 */
const ReplicationActionDetailSchema = () => jsonObject({
  // Required: in both AWS samples and required by aws.ecr@ECRReplicationAction.
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  'action-type': knownOr(['REPLICATE']),
  // The AWS failure sample says FAILED (botocraft's text says FAILURE): both typed, any string accepted.
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  result: knownOr(['SUCCESS', 'FAILED', 'FAILURE']),
  'repository-name': v.string(),
  // aws.ecr@ECRReplicationAction marks these required and both samples carry them, but a failure
  // need not name the digest, an untagged image has no tag, and the source is not guaranteed on every
  // failure: optional, so that no real event is ever rejected (the lookups then resolve to undefined).
  'image-digest': v.optional(v.string()),
  'image-tag': v.optional(v.string()),
  'source-account': v.optional(v.string()),
  'source-region': v.optional(v.string()),
});
/** The `detail` of an "ECR Replication Action" event. */
export interface ReplicationActionDetail extends v.InferOutput<ReturnType<typeof ReplicationActionDetailSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ReplicationActionDetail}. */
export const ReplicationActionDetail: v.GenericSchema<v.InferInput<ReturnType<typeof ReplicationActionDetailSchema>>, ReplicationActionDetail> = lazily(ReplicationActionDetailSchema);

/** A whole "ECR Replication Action" event: EventBridge envelope around {@link ReplicationActionDetail}. */
const ReplicationActionEventSchema = () => envelope('ECR Replication Action', built(ReplicationActionDetail));
/** A validated "ECR Replication Action" event. */
export interface ReplicationActionEvent extends v.InferOutput<ReturnType<typeof ReplicationActionEventSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ReplicationActionEvent}. */
export const ReplicationActionEvent: v.GenericSchema<v.InferInput<ReturnType<typeof ReplicationActionEventSchema>>, ReplicationActionEvent> = lazily(ReplicationActionEventSchema);
