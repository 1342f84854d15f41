import type * as v from 'valibot';
import { ArtifactActionEvent } from './artifact-action';
import { built } from './lazily';
import { CloudTrailApiCallEvent } from './cloudtrail-api-call';
import { CloudTrailServiceEvent } from './cloudtrail-service-event';
import { ImageActionEvent } from './image-action';
import { ImageScanEvent } from './image-scan';
import { Inspector2CoverageEvent } from './inspector2-coverage';
import { Inspector2FindingEvent } from './inspector2-finding';
import { Inspector2ScanEvent } from './inspector2-scan';
import { PullThroughCacheActionEvent } from './pull-through-cache-action';
import { ReferrerActionEvent } from './referrer-action';
import { ReplicationActionEvent } from './replication-action';
import { ScanResourceChangeEvent } from './scan-resource-change';

/**
 * The one map from detail-type to schema: every event a router serves, ECR's own (source
 * `aws.ecr`) and, with enhanced scanning, Amazon Inspector's about ECR images (`aws.inspector2`).
 * The router's types derive from it; adding a detail-type is its module, its entry here, and
 * its entry in src/context/detail-types.ts (which the compiler asks for).
 */
export const eventSchemas = {
  'ECR Image Action': ImageActionEvent,
  'ECR Image Scan': ImageScanEvent,
  'ECR Scan Resource Change': ScanResourceChangeEvent,
  'ECR Pull Through Cache Action': PullThroughCacheActionEvent,
  'ECR Replication Action': ReplicationActionEvent,
  'ECR Referrer Action': ReferrerActionEvent,
  'ECR Artifact Action': ArtifactActionEvent,
  'AWS API Call via CloudTrail': CloudTrailApiCallEvent,
  // Lifecycle policy runs, and ECR's other actions CloudTrail records.
  'AWS Service Event via CloudTrail': CloudTrailServiceEvent,
  // Enhanced scanning (Amazon Inspector): an "Inspector2 Finding" may also be about an EC2
  // instance or a Lambda function; the router keeps those from its routes (ecrImageFindingFilter).
  'Inspector2 Scan': Inspector2ScanEvent,
  'Inspector2 Finding': Inspector2FindingEvent,
  'Inspector2 Coverage': Inspector2CoverageEvent,
} as const;

/** A detail-type this framework has a schema for. */
export type EcrDetailType = keyof typeof eventSchemas;

/** The validated event of one detail-type. */
export type EcrEventOf<K extends EcrDetailType> = v.InferOutput<(typeof eventSchemas)[K]>;

/** Detail-type → validated event, e.g. `EcrEventMap['ECR Image Scan']`. */
export type EcrEventMap = { [K in EcrDetailType]: EcrEventOf<K> };

/** Any validated event a router serves. */
export type EcrEvent = EcrEventMap[EcrDetailType];

/** Every detail-type a router serves: ECR's in the order the EventBridge reference lists them, then CloudTrail's, then Inspector's. */
export const ecrDetailTypes = Object.keys(eventSchemas) as EcrDetailType[];

/** The detail-types of Amazon Inspector's events (source `aws.inspector2`). */
export type Inspector2DetailType = { [K in EcrDetailType]: EcrEventOf<K>['source'] extends 'aws.inspector2' ? K : never }[EcrDetailType];

/** The `source` of a detail-type's events, read from its schema (built now if it was not yet): `aws.ecr` or `aws.inspector2`. */
export function sourceOf(detailType: EcrDetailType): EcrEvent['source'] {
  return (built(eventSchemas[detailType]) as unknown as { readonly entries: { readonly source: { readonly literal: EcrEvent['source'] } } }).entries.source.literal;
}

/** Whether `detailType` is one this framework has a schema for (narrows to {@link EcrDetailType}). */
export function isKnownDetailType(detailType: string): detailType is EcrDetailType {
  return Object.prototype.hasOwnProperty.call(eventSchemas, detailType);
}

