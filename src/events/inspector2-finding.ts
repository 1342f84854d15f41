import * as v from 'valibot';
import { built, lazily } from './lazily';
import { envelope } from './envelope';
import { jsonObject, refusingArrays } from './json-object';
import { knownOr } from './known-or';

// Inspector writes dates in several formats that are not ISO-8601 ("Dec 3, 2021, 6:02:30 PM" in
// the ECR guide's sample, "Wed Sep 04 16:59:44.356 UTC 2024" in the Inspector guide's): strings,
// never parsed or checked here.
const text = v.string();
const optionalText = v.optional(text);

/**
 * `details.awsEcrContainerImage` of a finding about an ECR image.
 * Sources: every ECR finding sample; Inspector API AwsEcrContainerImageDetails (which requires
 * registry, repositoryName and imageHash).
 */
const AwsEcrContainerImageDetailsSchema = () => jsonObject({
  // Required by the Inspector API and in every sample.
  registry: text,
  repositoryName: text,
  imageHash: text,
  imageTags: v.optional(v.array(text)),
  pushedAt: optionalText,
  architecture: optionalText,
  platform: optionalText,
  author: optionalText,
  // In the ECR guide's current sample only (images in use by ECS/EKS).
  lastInUseAt: optionalText,
  inUseCount: v.optional(v.number()),
});
/** What Inspector says of the ECR image a finding is about. */
export interface AwsEcrContainerImageDetails extends v.InferOutput<ReturnType<typeof AwsEcrContainerImageDetailsSchema>> {}
/** The valibot schema (a Standard Schema) of {@link AwsEcrContainerImageDetails}. */
export const AwsEcrContainerImageDetails: v.GenericSchema<v.InferInput<ReturnType<typeof AwsEcrContainerImageDetailsSchema>>, AwsEcrContainerImageDetails> = lazily(AwsEcrContainerImageDetailsSchema);

/**
 * `details.image`: the provider-agnostic description of a container image that Inspector added
 * beside `awsEcrContainerImage` (and alone for other registries, e.g. Azure Container Registry,
 * whose `registry` is a host name). New and evolving: every key optional.
 */
const ContainerImageDetailsSchema = () => jsonObject({
  repositoryName: optionalText,
  registry: optionalText,
  imageDigest: optionalText,
  imageTags: v.optional(v.array(text)),
  pushedAt: optionalText,
  architecture: optionalText,
  platform: optionalText,
  author: optionalText,
});
/** The provider-agnostic container image of a finding. */
export interface ContainerImageDetails extends v.InferOutput<ReturnType<typeof ContainerImageDetailsSchema>> {}
/** The valibot schema (a Standard Schema) of {@link ContainerImageDetails}. */
export const ContainerImageDetails: v.GenericSchema<v.InferInput<ReturnType<typeof ContainerImageDetailsSchema>>, ContainerImageDetails> = lazily(ContainerImageDetailsSchema);

/** `resources[].details`: one object per kind of resource; those of other kinds are kept, untyped. */
export const FindingResourceDetails = lazily(() => jsonObject({
  awsEcrContainerImage: v.optional(built(AwsEcrContainerImageDetails)),
  image: v.optional(built(ContainerImageDetails)),
  awsEc2Instance: v.optional(jsonObject({})),
  awsLambdaFunction: v.optional(jsonObject({})),
  vm: v.optional(jsonObject({})),
  serverlessFunction: v.optional(jsonObject({})),
}));

// Stryker disable StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
/** The resource types Inspector reports on (API ResourceType, plus the Azure types of the samples). */
const ResourceType = knownOr([
  'AWS_ECR_CONTAINER_IMAGE',
  'AWS_EC2_INSTANCE',
  'AWS_LAMBDA_FUNCTION',
  'AWS_ECR_REPOSITORY',
  'CODE_REPOSITORY',
  'Microsoft.Compute/virtualMachines',
  'Microsoft.ContainerRegistry/registry/containerImage',
  'Microsoft.Web/sites',
]);
// Stryker restore StringLiteral,ArrayDeclaration

/** One entry of a finding's `detail.resources`. */
const FindingResourceSchema = () => jsonObject({
  // Required: in every sample and by the Inspector API's Resource (type and id).
  type: ResourceType,
  // An ECR image's ARN, an EC2 instance id, a Lambda function ARN, an Azure resource path, …
  id: text,
  // "aws" today; "N/A" in the ECR guide's 2021 sample; absent for Azure resources.
  partition: optionalText,
  region: optionalText,
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  provider: v.optional(knownOr(['AWS', 'AZURE'])),
  providerAccountId: optionalText,
  providerOrgId: optionalText,
  tags: v.optional(refusingArrays(v.record(v.string(), v.string()))), // key-value tags (Inspector API Resource.tags)
  details: v.optional(built(FindingResourceDetails)),
});
/** A resource a finding is about. */
export interface FindingResource extends v.InferOutput<ReturnType<typeof FindingResourceSchema>> {}
/** The valibot schema (a Standard Schema) of {@link FindingResource}. */
export const FindingResource: v.GenericSchema<v.InferInput<ReturnType<typeof FindingResourceSchema>>, FindingResource> = lazily(FindingResourceSchema);

/** `packageVulnerabilityDetails` of a PACKAGE_VULNERABILITY finding. */
const PackageVulnerabilityDetailsSchema = () => jsonObject({
  // Required by the Inspector API and in every package-vulnerability sample.
  vulnerabilityId: text,
  vulnerablePackages: v.optional(
    v.array(
      jsonObject({
        name: text, // required by the Inspector API's VulnerablePackage (with version)
        version: text,
        arch: optionalText,
        epoch: v.optional(v.number()),
        release: optionalText,
        packageManager: optionalText,
        filePath: optionalText,
        fixedInVersion: optionalText,
        remediation: optionalText,
        sourceLayerHash: optionalText,
      }),
    ),
  ),
  cvss: v.optional(v.array(jsonObject({ baseScore: v.optional(v.number()), scoringVector: optionalText, source: optionalText, version: optionalText }))),
  source: optionalText,
  sourceUrl: optionalText,
  vendorSeverity: optionalText,
  vendorCreatedAt: optionalText,
  vendorUpdatedAt: optionalText,
  referenceUrls: v.optional(v.array(text)),
  // null in the ECR guide's 2021 sample.
  relatedVulnerabilities: v.optional(v.nullable(v.array(text))),
});
/** The vulnerable packages of a finding. */
export interface PackageVulnerabilityDetails extends v.InferOutput<ReturnType<typeof PackageVulnerabilityDetailsSchema>> {}
/** The valibot schema (a Standard Schema) of {@link PackageVulnerabilityDetails}. */
export const PackageVulnerabilityDetails: v.GenericSchema<v.InferInput<ReturnType<typeof PackageVulnerabilityDetailsSchema>>, PackageVulnerabilityDetails> = lazily(PackageVulnerabilityDetailsSchema);

/**
 * "Inspector2 Finding": a finding was created, updated or closed. With ECR enhanced scanning it is
 * a vulnerability of an image (`resources[0]` is the image ARN
 * `arn:aws:ecr:<region>:<account>:repository/<name>/sha256:<digest>`), but Inspector sends the same
 * detail-type for EC2 instances, Lambda functions and resources in other clouds: see
 * `isEcrImageFinding` / `ecrImageFindingFilter`.
 * Sources: ECR User Guide "EventBridge events sent for enhanced scanning" (2022 and current sample),
 * Inspector User Guide "Amazon EventBridge event schema for Amazon Inspector events" (EC2, ECR,
 * Lambda and Azure samples, 2024 and current), Inspector API Finding.
 */
const Inspector2FindingDetailSchema = () => jsonObject({
  // Required: in every sample and by the Inspector API's Finding.
  awsAccountId: text,
  findingArn: text,
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  type: knownOr(['PACKAGE_VULNERABILITY', 'CODE_VULNERABILITY', 'NETWORK_REACHABILITY']),
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  severity: knownOr(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL', 'UNTRIAGED']),
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  status: knownOr(['ACTIVE', 'SUPPRESSED', 'CLOSED']),
  resources: v.array(built(FindingResource)),
  // In every sample, but in a date format of Inspector's choosing (see above): optional text.
  title: optionalText,
  description: optionalText,
  firstObservedAt: optionalText,
  lastObservedAt: optionalText,
  updatedAt: optionalText,
  // Added after 2021 (absent from the ECR guide's sample).
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  fixAvailable: v.optional(knownOr(['YES', 'NO', 'PARTIAL'])),
  // Stryker disable next-line StringLiteral,ArrayDeclaration: known values only, see mutation/SCORES.md (knownOr accepts any string)
  exploitAvailable: v.optional(knownOr(['YES', 'NO'])),
  epss: v.optional(jsonObject({ score: v.optional(v.number()) })),
  inspectorScore: v.optional(v.number()),
  inspectorScoreDetails: v.optional(jsonObject({})),
  packageVulnerabilityDetails: v.optional(built(PackageVulnerabilityDetails)),
  codeVulnerabilityDetails: v.optional(jsonObject({})),
  networkReachabilityDetails: v.optional(jsonObject({})),
  exploitabilityDetails: v.optional(jsonObject({})),
  remediation: v.optional(jsonObject({})),
});
/** The `detail` of an "Inspector2 Finding" event: one finding. */
export interface Inspector2FindingDetail extends v.InferOutput<ReturnType<typeof Inspector2FindingDetailSchema>> {}
/** The valibot schema (a Standard Schema) of {@link Inspector2FindingDetail}. */
export const Inspector2FindingDetail: v.GenericSchema<v.InferInput<ReturnType<typeof Inspector2FindingDetailSchema>>, Inspector2FindingDetail> = lazily(Inspector2FindingDetailSchema);

/** A whole "Inspector2 Finding" event (source `aws.inspector2`). */
const Inspector2FindingEventSchema = () => envelope('Inspector2 Finding', built(Inspector2FindingDetail), { source: 'aws.inspector2' });
/** A validated "Inspector2 Finding" event. */
export interface Inspector2FindingEvent extends v.InferOutput<ReturnType<typeof Inspector2FindingEventSchema>> {}
/** The valibot schema (a Standard Schema) of {@link Inspector2FindingEvent}. */
export const Inspector2FindingEvent: v.GenericSchema<v.InferInput<ReturnType<typeof Inspector2FindingEventSchema>>, Inspector2FindingEvent> = lazily(Inspector2FindingEventSchema);

/**
 * The detail filter (EventBridge content-filter syntax) that keeps a route or rule to findings
 * about ECR images: "resources[0].type is AWS_ECR_CONTAINER_IMAGE". EventBridge matches a key path
 * through arrays without indexes, so the filter says "a resource of type AWS_ECR_CONTAINER_IMAGE";
 * Inspector's findings name one resource (the published samples all do), and
 * {@link isEcrImageFinding} decides exactly as the filter does.
 */
export const ecrImageFindingFilter = { resources: { type: ['AWS_ECR_CONTAINER_IMAGE'] } } as const;

/**
 * Whether a finding is about an ECR image (a resource of type `AWS_ECR_CONTAINER_IMAGE`, as
 * {@link ecrImageFindingFilter} matches it). Findings about EC2 instances, Lambda functions, code
 * repositories or images in other clouds' registries are not.
 */
export function isEcrImageFinding(event: { readonly detail: Pick<Inspector2FindingDetail, 'resources'> }): boolean {
  return event.detail.resources.some((resource) => resource.type === 'AWS_ECR_CONTAINER_IMAGE');
}
