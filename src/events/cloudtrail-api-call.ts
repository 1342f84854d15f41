import * as v from 'valibot';
import { envelope } from './envelope';

/**
 * "AWS API Call via CloudTrail" with source `aws.ecr`: any ECR API call recorded by CloudTrail
 * (PutImage, BatchDeleteImage, CreateRepository, …). Route on `detail.eventName`.
 */
export const CloudTrailApiCallDetail = v.looseObject({
  eventName: v.string(),
  eventSource: v.string(),
  eventVersion: v.optional(v.string()),
  eventTime: v.optional(v.string()),
  awsRegion: v.optional(v.string()),
  userIdentity: v.optional(v.looseObject({})),
  sourceIPAddress: v.optional(v.string()),
  userAgent: v.optional(v.string()),
  requestParameters: v.optional(v.nullable(v.looseObject({}))),
  responseElements: v.optional(v.nullable(v.looseObject({}))),
  errorCode: v.optional(v.string()),
  errorMessage: v.optional(v.string()),
  requestID: v.optional(v.string()),
  eventID: v.optional(v.string()),
  eventType: v.optional(v.string()),
});
export type CloudTrailApiCallDetail = v.InferOutput<typeof CloudTrailApiCallDetail>;

export const CloudTrailApiCallEvent = envelope('AWS API Call via CloudTrail', CloudTrailApiCallDetail);
export type CloudTrailApiCallEvent = v.InferOutput<typeof CloudTrailApiCallEvent>;
