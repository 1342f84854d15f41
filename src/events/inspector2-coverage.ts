import * as v from 'valibot';
import { built, lazily } from './lazily';
import { envelope } from './envelope';
import { jsonObject } from './json-object';
import { knownOr } from './known-or';

/**
 * "Inspector2 Coverage": Inspector's scan coverage of a resource changed (a resource became
 * scanned, stopped being scanned, or cannot be scanned, with the reason). The resource is named in
 * the envelope's `resources`; the published samples are of an EC2 instance and an Azure virtual
 * machine, none of an ECR image.
 * Source: Inspector User Guide "Amazon EventBridge event schema for Amazon Inspector events"
 * (coverage samples of 2023 and, with the provider fields, of today).
 */
const Inspector2CoverageDetailSchema = () => jsonObject({
  // Required: the Inspector guide says the detail "contains a scanStatus object"; both keys in every sample
  // (and required in the Inspector API's ScanStatus).
  scanStatus: jsonObject({
    reason: v.string(),
    // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
    statusCodeValue: knownOr(['ACTIVE', 'INACTIVE']),
  }),
  // Required: in every sample; Inspector's ScanType enumeration.
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  scanType: knownOr(['PACKAGE', 'NETWORK', 'CODE']),
  // Present since Inspector scans other clouds (today's samples); absent from the 2023 sample.
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  provider: v.optional(knownOr(['AWS', 'AZURE'])),
  providerAccountId: v.optional(v.string()),
  providerRegion: v.optional(v.string()),
  providerOrgId: v.optional(v.string()),
  eventTimestamp: v.optional(v.string()),
  version: v.optional(v.string()),
});
/** The `detail` of an "Inspector2 Coverage" event. */
export interface Inspector2CoverageDetail extends v.InferOutput<ReturnType<typeof Inspector2CoverageDetailSchema>> {}
/** The valibot schema (a Standard Schema) of {@link Inspector2CoverageDetail}. */
export const Inspector2CoverageDetail: v.GenericSchema<v.InferInput<ReturnType<typeof Inspector2CoverageDetailSchema>>, Inspector2CoverageDetail> = lazily(Inspector2CoverageDetailSchema);

/** A whole "Inspector2 Coverage" event (source `aws.inspector2`). */
const Inspector2CoverageEventSchema = () => envelope('Inspector2 Coverage', built(Inspector2CoverageDetail), { source: 'aws.inspector2' });
/** A validated "Inspector2 Coverage" event. */
export interface Inspector2CoverageEvent extends v.InferOutput<ReturnType<typeof Inspector2CoverageEventSchema>> {}
/** The valibot schema (a Standard Schema) of {@link Inspector2CoverageEvent}. */
export const Inspector2CoverageEvent: v.GenericSchema<v.InferInput<ReturnType<typeof Inspector2CoverageEventSchema>>, Inspector2CoverageEvent> = lazily(Inspector2CoverageEventSchema);
