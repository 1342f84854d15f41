import * as v from 'valibot';
import { built, lazily } from './lazily';
import { jsonObject } from './json-object';
import { envelope } from './envelope';

/** One entry of a CloudTrail record's `resources` (ARN and owning account). */
export const CloudTrailResource = lazily(() => jsonObject({
  ARN: v.optional(v.string()),
  accountId: v.optional(v.string()),
  type: v.optional(v.string()),
}));

/**
 * "AWS API Call via CloudTrail" with source `aws.ecr`: any ECR API call recorded by CloudTrail
 * (PutImage, BatchDeleteImage, CreateRepository, …). Route on `detail.eventName`.
 * Sources: EventBridge events reference for ECR (matches on `detail.eventSource`), ECR User Guide
 * "Logging Amazon ECR actions with AWS CloudTrail" (PutImage sample), CloudTrail record contents.
 */
const CloudTrailApiCallDetailSchema = () => jsonObject({
  // Required: every CloudTrail record names its call and service; EventBridge rules match on both.
  eventName: v.string(),
  eventSource: v.string(),
  // Present in CloudTrail records but not needed to route: optional, so a trimmed event still validates.
  eventVersion: v.optional(v.string()),
  eventTime: v.optional(v.string()),
  awsRegion: v.optional(v.string()),
  userIdentity: v.optional(jsonObject({ type: v.optional(v.string()), arn: v.optional(v.string()), accountId: v.optional(v.string()) })),
  sourceIPAddress: v.optional(v.string()),
  userAgent: v.optional(v.string()),
  // CloudTrail writes null when a call has no parameters or response.
  requestParameters: v.optional(v.nullable(jsonObject({}))),
  responseElements: v.optional(v.nullable(jsonObject({}))),
  errorCode: v.optional(v.string()),
  errorMessage: v.optional(v.string()),
  requestID: v.optional(v.string()),
  eventID: v.optional(v.string()),
  eventType: v.optional(v.string()),
  // Whether the call only reads (Describe*, List*); audit routes filter writes with it.
  readOnly: v.optional(v.boolean()),
  resources: v.optional(v.array(built(CloudTrailResource))),
});
/** The `detail` of an "AWS API Call via CloudTrail" event: the CloudTrail record. */
export interface CloudTrailApiCallDetail extends v.InferOutput<ReturnType<typeof CloudTrailApiCallDetailSchema>> {}
/** The valibot schema (a Standard Schema) of {@link CloudTrailApiCallDetail}. */
export const CloudTrailApiCallDetail: v.GenericSchema<v.InferInput<ReturnType<typeof CloudTrailApiCallDetailSchema>>, CloudTrailApiCallDetail> = lazily(CloudTrailApiCallDetailSchema);

/** A whole "AWS API Call via CloudTrail" event from `aws.ecr`. */
const CloudTrailApiCallEventSchema = () => envelope('AWS API Call via CloudTrail', built(CloudTrailApiCallDetail));
/** A validated "AWS API Call via CloudTrail" event from `aws.ecr`. */
export interface CloudTrailApiCallEvent extends v.InferOutput<ReturnType<typeof CloudTrailApiCallEventSchema>> {}
/** The valibot schema (a Standard Schema) of {@link CloudTrailApiCallEvent}. */
export const CloudTrailApiCallEvent: v.GenericSchema<v.InferInput<ReturnType<typeof CloudTrailApiCallEventSchema>>, CloudTrailApiCallEvent> = lazily(CloudTrailApiCallEventSchema);
