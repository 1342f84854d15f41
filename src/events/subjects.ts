import type { CloudTrailServiceEvent, LifecycleEventImage } from './cloudtrail-service-event';
import { isAccountId, isImageDigest, isRegion, isRepositoryName, parseEcrArn, type EcrArn } from './ecr-arn';
import type { Inspector2CoverageEvent } from './inspector2-coverage';
import type { Inspector2FindingEvent } from './inspector2-finding';
import type { Inspector2ScanEvent } from './inspector2-scan';

/**
 * What the lookups of an Inspector or lifecycle event are about, read from the event alone (no
 * ECR call). The registry and region come from the ARNs the event carries, not from where the
 * event was delivered: a central bus receives findings about images in other accounts and regions.
 * Every account, region, name and digest returned has been validated; anything malformed gives
 * `undefined` rather than a value a client could be steered with.
 */

/** A repository in a registry: where DescribeRepositories would look. */
export interface EcrRepositoryRef {
  /** The 12-digit account of the registry (ECR's `registryId`). */
  readonly registryId: string;
  readonly region: string;
  readonly repositoryName: string;
}

/** An image of a repository: where DescribeImages would look. */
export interface EcrImageRef extends EcrRepositoryRef {
  readonly imageDigest: string;
}

function repositoryOf(arn: EcrArn): EcrRepositoryRef {
  return { registryId: arn.account, region: arn.region, repositoryName: arn.repositoryName };
}

/**
 * The repository and image an "Inspector2 Scan" is about: `repository-name` holds the repository
 * ARN (the envelope's `resources[0]` too), `image-digest` the image. `undefined` for a scan of an
 * EC2 instance, a Lambda function or a machine image, and for malformed ARNs; `imageDigest` is
 * absent when the digest is missing or malformed.
 */
export function inspector2ScanSubject(event: Inspector2ScanEvent): (EcrRepositoryRef & { readonly imageDigest?: string }) | undefined {
  const arn = parseEcrArn(event.detail['repository-name']) ?? parseEcrArn(event.resources[0]);
  if (arn === undefined) return undefined;
  const digest = event.detail['image-digest'] ?? arn.imageDigest;
  return isImageDigest(digest) ? { ...repositoryOf(arn), imageDigest: digest } : repositoryOf(arn);
}

/**
 * The image an "Inspector2 Finding" is about: the ARN of its ECR-image resource
 * (`arn:aws:ecr:<region>:<account>:repository/<name>/sha256:<digest>`), falling back to the
 * envelope's `resources[0]`, and to `details.awsEcrContainerImage.imageHash` for the digest.
 * `undefined` for findings about anything but an ECR image (EC2, Lambda, other clouds) and for
 * malformed ARNs.
 */
export function inspector2FindingSubject(event: Inspector2FindingEvent): EcrImageRef | undefined {
  const resource = event.detail.resources.find((candidate) => candidate.type === 'AWS_ECR_CONTAINER_IMAGE');
  if (resource === undefined) return undefined;
  const arn = parseEcrArn(resource.id) ?? parseEcrArn(event.resources[0]);
  if (arn === undefined) return undefined;
  const digest = arn.imageDigest ?? resource.details?.awsEcrContainerImage?.imageHash ?? resource.details?.image?.imageDigest;
  return isImageDigest(digest) ? { ...repositoryOf(arn), imageDigest: digest } : undefined;
}

/**
 * The ECR image (or repository) an "Inspector2 Coverage" event names in `resources[0]`, when that
 * is an ECR ARN. AWS publishes no coverage sample of an ECR image, so this reads the only place a
 * coverage event names its resource; `undefined` for EC2 instances, Azure resources and the rest.
 */
export function inspector2CoverageSubject(event: Inspector2CoverageEvent): (EcrRepositoryRef & { readonly imageDigest?: string }) | undefined {
  const arn = parseEcrArn(event.resources[0]);
  if (arn === undefined) return undefined;
  return arn.imageDigest === undefined ? repositoryOf(arn) : { ...repositoryOf(arn), imageDigest: arn.imageDigest };
}

/**
 * What a lifecycle rule did to an image. `expired`: the image is gone (DescribeImages will not find
 * it); `archived`: it is still there in the archive storage class; `unknown`: the run named no rule
 * action this version knows. The archive mapping (`transition` / `archive` actions) follows ECR's
 * lifecycle policy syntax; AWS has published no run of an archive rule.
 */
export type LifecycleOutcome = 'expired' | 'archived' | 'unknown';

/** An image a lifecycle policy run acted on, or failed to. */
export interface LifecycleImage {
  readonly imageDigest: string;
  readonly tags: readonly string[];
  readonly tagStatus?: string;
  /** When the image was pushed (epoch milliseconds, as CloudTrail writes it). */
  readonly pushedAt?: number;
  readonly rulePriority?: number;
  /** The acting rule's action as the run records it (`expire`, …). */
  readonly action?: string;
  readonly outcome: LifecycleOutcome;
}

/** An image a lifecycle rule could not act on. */
export interface LifecycleFailure extends Omit<LifecycleImage, 'outcome'> {
  readonly failureCode?: string;
  readonly failureReason?: string;
}

/** The repository and images of one lifecycle policy run. */
export interface LifecycleRunSubject {
  readonly repository: EcrRepositoryRef;
  readonly images: readonly LifecycleImage[];
  readonly failures: readonly LifecycleFailure[];
}

function outcomeOf(action: string | undefined): LifecycleOutcome {
  if (action === undefined) return 'unknown';
  const normalized = action.toLowerCase();
  if (normalized === 'expire') return 'expired';
  if (normalized === 'transition' || normalized.includes('archive')) return 'archived';
  return 'unknown';
}

/**
 * The repository and the images a lifecycle policy run (`eventName: PolicyExecutionEvent`) acted
 * on, with each rule's action joined in by `rulePriority`. The repository is the one the run
 * names; its registry and region come from the record's repository ARN, else from the envelope
 * (the account and region the run happened in). `undefined` for other service events and for a run
 * whose repository name, account or region is malformed; images with a malformed digest are left
 * out (nothing could be looked up with them).
 */
export function lifecycleRunSubject(event: CloudTrailServiceEvent): LifecycleRunSubject | undefined {
  const { detail } = event;
  if (detail.eventName !== 'PolicyExecutionEvent' || detail.serviceEventDetails === undefined) return undefined;
  const details = detail.serviceEventDetails;
  const repositoryName = details.repositoryName;
  if (!isRepositoryName(repositoryName)) return undefined;
  // Stryker disable next-line ArrayDeclaration: equivalent, a list of anything but resources holds no ARN to parse either
  const arn = (detail.resources ?? []).map((resource) => parseEcrArn(resource.ARN)).find((parsed) => parsed?.repositoryName === repositoryName);
  const registryId = arn?.account ?? event.account;
  const region = arn?.region ?? event.region;
  if (!isAccountId(registryId) || !isRegion(region)) return undefined;

  const actionOf = new Map<number, string>();
  // Stryker disable next-line ArrayDeclaration: equivalent, a list of anything but rules holds no priority and action to join
  for (const rule of details.lifecycleEventPolicy?.lifecycleEventRules ?? []) {
    if (rule.rulePriority !== undefined && rule.action !== undefined) actionOf.set(rule.rulePriority, rule.action);
  }
  const imageOf = (image: LifecycleEventImage, rulePriority: number | undefined) => ({
    imageDigest: image.digest,
    tags: image.tagList ?? [],
    ...(image.tagStatus === undefined ? {} : { tagStatus: image.tagStatus }),
    ...(image.pushedAt === undefined ? {} : { pushedAt: image.pushedAt }),
    ...(rulePriority === undefined ? {} : { rulePriority }),
    ...(rulePriority === undefined || !actionOf.has(rulePriority) ? {} : { action: actionOf.get(rulePriority)! }),
  });

  const images = (details.lifecycleEventImageActions ?? [])
    .filter((acted) => isImageDigest(acted.lifecycleEventImage.digest))
    .map((acted): LifecycleImage => {
      const image = imageOf(acted.lifecycleEventImage, acted.rulePriority);
      return { ...image, outcome: outcomeOf(image.action) };
    });
  const failures = (details.lifecycleEventFailureDetails ?? [])
    .filter((failed) => isImageDigest(failed.lifecycleEventImage.digest))
    .map((failed): LifecycleFailure => ({
      ...imageOf(failed.lifecycleEventImage, failed.rulePriority),
      ...(failed.failureCode === undefined ? {} : { failureCode: failed.failureCode }),
      ...(failed.failureReason === undefined ? {} : { failureReason: failed.failureReason }),
    }));
  return { repository: { registryId, region, repositoryName }, images, failures };
}
