import * as v from 'valibot';
import { built, lazily } from './lazily';
import { CloudTrailResource } from './cloudtrail-api-call';
import { envelope } from './envelope';
import { jsonObject } from './json-object';
import { knownOr } from './known-or';

/** An image as a lifecycle policy run describes it. */
const LifecycleEventImageSchema = () => jsonObject({
  // Required: the image acted on; in every published action (ECR User Guide, re:Post) and failure.
  digest: v.string(),
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  tagStatus: v.optional(knownOr(['Tagged', 'Untagged'])),
  tagList: v.optional(v.array(v.string())), // ECR includes at most 100 tags per image (ECR User Guide)
  pushedAt: v.optional(v.number()), // epoch milliseconds
});
/** An image named by a lifecycle policy run. */
export interface LifecycleEventImage extends v.InferOutput<ReturnType<typeof LifecycleEventImageSchema>> {}
/** The valibot schema (a Standard Schema) of {@link LifecycleEventImage}. */
export const LifecycleEventImage: v.GenericSchema<v.InferInput<ReturnType<typeof LifecycleEventImageSchema>>, LifecycleEventImage> = lazily(LifecycleEventImageSchema);

/** One image a lifecycle rule acted on (expired or, since 2025, archived). */
const LifecycleEventImageActionSchema = () => jsonObject({
  lifecycleEventImage: built(LifecycleEventImage),
  // Which rule of `lifecycleEventPolicy.lifecycleEventRules` acted (and so which action).
  rulePriority: v.optional(v.number()),
});
/** An image a lifecycle rule acted on. */
export interface LifecycleEventImageAction extends v.InferOutput<ReturnType<typeof LifecycleEventImageActionSchema>> {}
/** The valibot schema (a Standard Schema) of {@link LifecycleEventImageAction}. */
export const LifecycleEventImageAction: v.GenericSchema<v.InferInput<ReturnType<typeof LifecycleEventImageActionSchema>>, LifecycleEventImageAction> = lazily(LifecycleEventImageActionSchema);

/** One image a lifecycle rule failed to act on (failure details, since 2026). */
const LifecycleEventFailureSchema = () => jsonObject({
  lifecycleEventImage: built(LifecycleEventImage),
  rulePriority: v.optional(v.number()),
  failureCode: v.optional(v.string()), // e.g. ImageReferencedByManifestList
  failureReason: v.optional(v.string()),
});
/** An image a lifecycle rule could not act on, and why. */
export interface LifecycleEventFailure extends v.InferOutput<ReturnType<typeof LifecycleEventFailureSchema>> {}
/** The valibot schema (a Standard Schema) of {@link LifecycleEventFailure}. */
export const LifecycleEventFailure: v.GenericSchema<v.InferInput<ReturnType<typeof LifecycleEventFailureSchema>>, LifecycleEventFailure> = lazily(LifecycleEventFailureSchema);

/** A rule of the lifecycle policy that ran, as the run records it. */
const LifecycleEventRuleSchema = () => jsonObject({
  rulePriority: v.optional(v.number()),
  description: v.optional(v.string()),
  lifecycleEventSelection: v.optional(jsonObject({})),
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  action: v.optional(knownOr(['expire', 'transition'])), // "expire" in the samples; archive rules are unverified
});
/** A lifecycle rule as a run records it. */
export interface LifecycleEventRule extends v.InferOutput<ReturnType<typeof LifecycleEventRuleSchema>> {}
/** The valibot schema (a Standard Schema) of {@link LifecycleEventRule}. */
export const LifecycleEventRule: v.GenericSchema<v.InferInput<ReturnType<typeof LifecycleEventRuleSchema>>, LifecycleEventRule> = lazily(LifecycleEventRuleSchema);

/**
 * `serviceEventDetails` of a lifecycle policy run (`eventName: PolicyExecutionEvent`). Other ECR
 * service events carry other details: every key here is optional, so they validate too, and
 * their keys are kept.
 */
const LifecycleServiceEventDetailsSchema = () => jsonObject({
  repositoryName: v.optional(v.string()),
  lifecycleEventPolicy: v.optional(
    jsonObject({
      lifecycleEventRules: v.optional(v.array(built(LifecycleEventRule))),
      lastEvaluatedAt: v.optional(v.number()),
      policyVersion: v.optional(v.number()),
      policyId: v.optional(v.string()),
    }),
  ),
  // Empty when the run acted on nothing (a 2025 record); ECR splits a run of 10 or more images
  // over several events (ECR User Guide, "Logging Amazon ECR actions with AWS CloudTrail").
  lifecycleEventImageActions: v.optional(v.array(built(LifecycleEventImageAction))),
  lifecycleEventFailureDetails: v.optional(v.array(built(LifecycleEventFailure))),
});
/** What a lifecycle policy run did. */
export interface LifecycleServiceEventDetails extends v.InferOutput<ReturnType<typeof LifecycleServiceEventDetailsSchema>> {}
/** The valibot schema (a Standard Schema) of {@link LifecycleServiceEventDetails}. */
export const LifecycleServiceEventDetails: v.GenericSchema<v.InferInput<ReturnType<typeof LifecycleServiceEventDetailsSchema>>, LifecycleServiceEventDetails> = lazily(LifecycleServiceEventDetailsSchema);

/**
 * "AWS Service Event via CloudTrail" with source `aws.ecr`: something ECR itself did, recorded by
 * CloudTrail (`eventType: AwsServiceEvent`). The one AWS documents is a lifecycle policy run,
 * `eventName: PolicyExecutionEvent`, whose `serviceEventDetails` name the repository, the rules
 * and the images acted on. Other ECR service events validate leniently (only what every
 * CloudTrail record has is required).
 * Sources: ECR User Guide "Logging Amazon ECR actions with AWS CloudTrail" (lifecycle policy
 * action example), EventBridge User Guide "AWS service events delivered via CloudTrail".
 */
const CloudTrailServiceEventDetailSchema = () => jsonObject({
  // Required: every CloudTrail record names its event and service; EventBridge rules match on both.
  eventName: v.string(),
  eventSource: v.string(),
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  eventType: v.optional(knownOr(['AwsServiceEvent'])),
  eventVersion: v.optional(v.string()),
  eventTime: v.optional(v.string()),
  eventID: v.optional(v.string()),
  awsRegion: v.optional(v.string()),
  // { accountId, invokedBy: "AWS Internal" } for a lifecycle run.
  userIdentity: v.optional(jsonObject({ type: v.optional(v.string()), accountId: v.optional(v.string()), invokedBy: v.optional(v.string()) })),
  sourceIPAddress: v.optional(v.string()),
  userAgent: v.optional(v.string()),
  requestParameters: v.optional(v.nullable(jsonObject({}))),
  responseElements: v.optional(v.nullable(jsonObject({}))),
  readOnly: v.optional(v.boolean()),
  managementEvent: v.optional(v.boolean()),
  recipientAccountId: v.optional(v.string()),
  eventCategory: v.optional(v.string()),
  resources: v.optional(v.array(built(CloudTrailResource))),
  serviceEventDetails: v.optional(built(LifecycleServiceEventDetails)),
});
/** The `detail` of an "AWS Service Event via CloudTrail" event from `aws.ecr`. */
export interface CloudTrailServiceEventDetail extends v.InferOutput<ReturnType<typeof CloudTrailServiceEventDetailSchema>> {}
/** The valibot schema (a Standard Schema) of {@link CloudTrailServiceEventDetail}. */
export const CloudTrailServiceEventDetail: v.GenericSchema<v.InferInput<ReturnType<typeof CloudTrailServiceEventDetailSchema>>, CloudTrailServiceEventDetail> = lazily(CloudTrailServiceEventDetailSchema);

/** A whole "AWS Service Event via CloudTrail" event from `aws.ecr`. */
const CloudTrailServiceEventSchema = () => envelope('AWS Service Event via CloudTrail', built(CloudTrailServiceEventDetail));
/** A validated "AWS Service Event via CloudTrail" event from `aws.ecr`. */
export interface CloudTrailServiceEvent extends v.InferOutput<ReturnType<typeof CloudTrailServiceEventSchema>> {}
/** The valibot schema (a Standard Schema) of {@link CloudTrailServiceEvent}. */
export const CloudTrailServiceEvent: v.GenericSchema<v.InferInput<ReturnType<typeof CloudTrailServiceEventSchema>>, CloudTrailServiceEvent> = lazily(CloudTrailServiceEventSchema);
