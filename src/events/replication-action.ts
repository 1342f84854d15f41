import * as v from 'valibot';
import { envelope } from './envelope';
import { knownOr } from './known-or';

/** "ECR Replication Action": an image was replicated into this registry from another account or region. */
export const ReplicationActionDetail = v.looseObject({
  'action-type': knownOr(['REPLICATE']),
  result: knownOr(['SUCCESS', 'FAILURE']),
  'repository-name': v.string(),
  'image-digest': v.optional(v.string()),
  'image-tag': v.optional(v.string()),
  'source-account': v.optional(v.string()),
  'source-region': v.optional(v.string()),
});
export type ReplicationActionDetail = v.InferOutput<typeof ReplicationActionDetail>;

export const ReplicationActionEvent = envelope('ECR Replication Action', ReplicationActionDetail);
export type ReplicationActionEvent = v.InferOutput<typeof ReplicationActionEvent>;
