/**
 * Amazon ECR ARNs as Inspector writes them: a repository
 * (`arn:aws:ecr:<region>:<account>:repository/<name>`) or an image in it
 * (`arn:aws:ecr:<region>:<account>:repository/<name>/sha256:<digest>`, the `resources[0]` of an
 * "Inspector2 Finding"). Repository names contain `/`, so the digest is the last segment, told
 * apart by its `algorithm:` prefix (a repository name cannot hold `:`).
 *
 * Everything parsed is validated before anyone sends a request with it: an account is 12 digits,
 * a region has the partition's region syntax, a name matches ECR's repository-name pattern.
 */

/** An ECR repository, or an image in one, named by an ARN. */
export interface EcrArn {
  /** `aws`, `aws-cn`, `aws-us-gov`, … */
  readonly partition: string;
  readonly region: string;
  /** The registry: the 12-digit account that owns the repository. */
  readonly account: string;
  /** The repository name, with its `/`-separated namespaces (`amazon/amazon-ecs-sample`). */
  readonly repositoryName: string;
  /** The image digest (`sha256:…`) when the ARN names an image. */
  readonly imageDigest?: string;
}

/** A 12-digit AWS account id. */
export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && /^\d{12}$/.test(value);
}

/**
 * Region syntax of the AWS partitions (`eu-west-1`, `us-gov-west-1`, `cn-north-1`,
 * `us-isob-east-1`, `eusc-de-east-1`): letters, dash-separated words, a number. Not a list of
 * today's regions, so a region AWS opens tomorrow is accepted; `N/A` (Inspector's 2021 samples),
 * a host name or a path is not.
 */
export function isRegion(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 32 && /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/.test(value);
}

// ECR's RepositoryName pattern and length (API reference, e.g. DescribeImages).
const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** A repository name ECR would accept (2 to 256 characters of its pattern). */
export function isRepositoryName(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 2 && value.length <= 256 && REPOSITORY_NAME.test(value);
}

// The OCI image-spec digest grammar: algorithm ":" encoded. AWS's published samples end their
// digests with "EXAMPLE", which this grammar accepts and a strict 64-hex check would not.
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{1,256}$/;

/** An image digest in OCI syntax (`sha256:…`). */
export function isImageDigest(value: unknown): value is string {
  return typeof value === 'string' && DIGEST.test(value);
}

const ECR_ARN = /^arn:(aws(?:-[a-z]+)*):ecr:([^:]+):([^:]+):repository\/(.+)$/;

/**
 * The repository (and image) an ECR ARN names, or `undefined` for anything else: another
 * service's ARN, an EC2 instance id, an Azure resource path, or an ARN whose account, region,
 * name or digest is malformed.
 */
export function parseEcrArn(arn: unknown): EcrArn | undefined {
  if (typeof arn !== 'string' || arn.length > 2048) return undefined;
  const match = ECR_ARN.exec(arn);
  if (!match) return undefined;
  const [, partition, region, account, resource] = match as unknown as [string, string, string, string, string];
  if (!isRegion(region) || !isAccountId(account)) return undefined;
  // A repository name holds no ':', so a last segment with one is a digest (and, without a name
  // before it, the name check below refuses the ARN).
  const slash = resource.lastIndexOf('/');
  const last = resource.slice(slash + 1);
  if (last.includes(':')) {
    const repositoryName = resource.slice(0, slash);
    if (!isRepositoryName(repositoryName) || !isImageDigest(last)) return undefined;
    return { partition, region, account, repositoryName, imageDigest: last };
  }
  if (!isRepositoryName(resource)) return undefined;
  return { partition, region, account, repositoryName: resource };
}
