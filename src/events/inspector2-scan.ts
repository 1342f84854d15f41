import * as v from 'valibot';
import { built, lazily } from './lazily';
import { envelope } from './envelope';
import { jsonObject } from './json-object';
import { knownOr } from './known-or';

/**
 * Finding counts per severity in an "Inspector2 Scan". Inspector adds `TOTAL` (every published
 * sample) and has more severities than basic scanning (`UNTRIAGED`); ECR says a count appears
 * only for a severity that has findings, so every key is optional and unknown keys are kept.
 */
const Inspector2SeverityCountsSchema = () => jsonObject({
  CRITICAL: v.optional(v.number()),
  HIGH: v.optional(v.number()),
  MEDIUM: v.optional(v.number()),
  LOW: v.optional(v.number()),
  INFORMATIONAL: v.optional(v.number()),
  UNTRIAGED: v.optional(v.number()),
  TOTAL: v.optional(v.number()),
});
/** Finding counts per severity in an "Inspector2 Scan" event. */
export interface Inspector2SeverityCounts extends v.InferOutput<ReturnType<typeof Inspector2SeverityCountsSchema>> {}
/** The valibot schema (a Standard Schema) of {@link Inspector2SeverityCounts}. */
export const Inspector2SeverityCounts: v.GenericSchema<v.InferInput<ReturnType<typeof Inspector2SeverityCountsSchema>>, Inspector2SeverityCounts> = lazily(Inspector2SeverityCountsSchema);

/**
 * "Inspector2 Scan": Amazon Inspector finished the initial scan of a resource. With ECR enhanced
 * scanning this is the scan of a pushed image; Inspector sends the same detail-type for EC2
 * instances, Lambda functions and machine images (no `repository-name` then).
 * Sources: ECR User Guide "EventBridge events sent for enhanced scanning" (2022 to today),
 * Inspector User Guide "Amazon EventBridge event schema for Amazon Inspector events" (ECR image,
 * EC2 instance, Lambda function and machine image samples, with `detail.version`).
 */
const Inspector2ScanDetailSchema = () => jsonObject({
  // Required: in every published sample; the Inspector guide names it as what identifies the event.
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  'scan-status': knownOr(['INITIAL_SCAN_COMPLETE']),
  // Required: the Inspector guide says the detail "contains a finding-severity-counts object"; in every sample.
  'finding-severity-counts': built(Inspector2SeverityCounts),
  // ECR images only. Holds the repository *ARN*, not its name, despite the key (every ECR sample).
  'repository-name': v.optional(v.string()),
  'image-digest': v.optional(v.string()),
  'image-tags': v.optional(v.array(v.string())),
  // EC2 and machine-image scans name their resource instead.
  'instance-id': v.optional(v.string()),
  'machine-image-id': v.optional(v.string()),
  // "1.0" in the Inspector guide's samples since 2023; absent from the ECR guide's 2021 sample.
  version: v.optional(v.string()),
});
/** The `detail` of an "Inspector2 Scan" event. */
export interface Inspector2ScanDetail extends v.InferOutput<ReturnType<typeof Inspector2ScanDetailSchema>> {}
/** The valibot schema (a Standard Schema) of {@link Inspector2ScanDetail}. */
export const Inspector2ScanDetail: v.GenericSchema<v.InferInput<ReturnType<typeof Inspector2ScanDetailSchema>>, Inspector2ScanDetail> = lazily(Inspector2ScanDetailSchema);

/** A whole "Inspector2 Scan" event (source `aws.inspector2`). */
const Inspector2ScanEventSchema = () => envelope('Inspector2 Scan', built(Inspector2ScanDetail), { source: 'aws.inspector2' });
/** A validated "Inspector2 Scan" event. */
export interface Inspector2ScanEvent extends v.InferOutput<ReturnType<typeof Inspector2ScanEventSchema>> {}
/** The valibot schema (a Standard Schema) of {@link Inspector2ScanEvent}. */
export const Inspector2ScanEvent: v.GenericSchema<v.InferInput<ReturnType<typeof Inspector2ScanEventSchema>>, Inspector2ScanEvent> = lazily(Inspector2ScanEventSchema);
