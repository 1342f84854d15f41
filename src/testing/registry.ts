/**
 * A registry fixture: repositories, images, scan findings, replication statuses and pull-through
 * cache rules described as plain JSON, and the ECR answers they imply. Shared by the CLI's
 * offline server (over HTTP) and {@link invokeRouter} (in process), so both answer alike.
 */
import * as v from 'valibot';

const text = v.string();
const stamp = v.string(); // an ISO date-time; answered as a Date, as the SDK does

/** One image in a {@link RegistryFixture}. Timestamps are ISO strings. */
const ImageFixtureSchema = v.looseObject({
  imageDigest: text,
  imageTags: v.optional(v.array(text)),
  imageSizeInBytes: v.optional(v.number()),
  imagePushedAt: v.optional(stamp),
  imageManifestMediaType: v.optional(text),
  artifactMediaType: v.optional(text),
  lastRecordedPullTime: v.optional(stamp),
  /** The scan as DescribeImages reports it; derived from `scanFindings` when absent. */
  imageScanStatus: v.optional(v.looseObject({ status: text, description: v.optional(text) })),
  /** Findings for DescribeImageScanFindings; without them that call answers ScanNotFoundException. */
  scanFindings: v.optional(
    v.looseObject({
      imageScanCompletedAt: v.optional(stamp),
      vulnerabilitySourceUpdatedAt: v.optional(stamp),
      findings: v.optional(v.array(v.looseObject({ name: text, severity: text, uri: v.optional(text), description: v.optional(text) }))),
    }),
  ),
  /** For DescribeImageReplicationStatus. */
  replicationStatuses: v.optional(v.array(v.looseObject({ region: text, registryId: text, status: text, failureCode: v.optional(text) }))),
});
/** One image in a {@link RegistryFixture}. */
export type ImageFixture = v.InferOutput<typeof ImageFixtureSchema>;

const RepositoryFixtureSchema = v.looseObject({
  repositoryName: text,
  /** Only in this region (any region when absent). */
  region: v.optional(text),
  /** Only in this account (any account when absent). */
  registryId: v.optional(text),
  createdAt: v.optional(stamp),
  imageTagMutability: v.optional(text),
  imageScanningConfiguration: v.optional(v.looseObject({ scanOnPush: v.boolean() })),
  images: v.optional(v.array(ImageFixtureSchema)),
});
/** One repository in a {@link RegistryFixture}. */
export type RepositoryFixture = v.InferOutput<typeof RepositoryFixtureSchema>;

const RegistryFixtureSchema = v.looseObject({
  repositories: v.array(RepositoryFixtureSchema),
  pullThroughCacheRules: v.optional(
    v.array(
      v.looseObject({
        ecrRepositoryPrefix: text,
        upstreamRegistryUrl: text,
        upstreamRegistry: v.optional(text),
        credentialArn: v.optional(text),
        region: v.optional(text),
        createdAt: v.optional(stamp),
        updatedAt: v.optional(stamp),
      }),
    ),
  ),
});
/** What a fake ECR knows: the format of the CLI's `--offline` file and of `invokeRouter`'s `ecr` option. */
export type RegistryFixture = v.InferOutput<typeof RegistryFixtureSchema>;

/** An ECR error answer: `name` is the exception ECR would return (`__type` on the wire). */
export class EcrServiceError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

/** The ECR operations a fixture answers. */
export const fixtureOperations = [
  'DescribeRepositories',
  'DescribeImages',
  'DescribeImageScanFindings',
  'DescribeImageReplicationStatus',
  'DescribePullThroughCacheRules',
] as const;
/** One of {@link fixtureOperations}. */
export type FixtureOperation = (typeof fixtureOperations)[number];

/** Where a request is sent: its region (from the client) and the account that owns the registry. */
interface Scope {
  region: string;
  registryId: string;
}

/** The account used when a request names no registryId. */
const DEFAULT_ACCOUNT = '123456789012';
const TIMESTAMP_KEYS = new Set(['createdAt', 'updatedAt', 'imagePushedAt', 'lastRecordedPullTime', 'imageScanCompletedAt', 'vulnerabilitySourceUpdatedAt']);

/** Checks that `value` has the shape of a {@link RegistryFixture}; throws a TypeError naming every problem's path. */
export function parseRegistryFixture(value: unknown, source = 'registry'): RegistryFixture {
  const result = v.safeParse(RegistryFixtureSchema, value);
  if (result.success) return result.output;
  const problems = result.issues.slice(0, 10).map((issue) => `${v.getDotPath(issue) ?? '(the file)'}: ${issue.input === undefined ? 'is missing' : `expected ${issue.expected ?? 'something else'}`}`);
  throw new TypeError(`${source}: ${problems.join('; ')}${result.issues.length > 10 ? ` (and ${result.issues.length - 10} more)` : ''}`);
}

/**
 * Answers one ECR request from a fixture as ECR would: the same output shape (timestamps as
 * `Date`), and the same exception names for what is missing. Throws {@link EcrServiceError}.
 */
export function answerEcr(registry: RegistryFixture, region: string, operation: string, input: Record<string, unknown>): unknown {
  const scope: Scope = { region, registryId: typeof input.registryId === 'string' ? input.registryId : DEFAULT_ACCOUNT };
  switch (operation) {
    case 'DescribeRepositories': {
      const names = input.repositoryNames as string[] | undefined;
      const repositories = names
        ? names.map((name) => describeRepository(findRepository(registry, scope, name), scope))
        : registry.repositories.filter((r) => inScope(r, scope)).map((r) => describeRepository(r, scope));
      return { repositories };
    }
    case 'DescribeImages': {
      const repository = findRepository(registry, scope, input.repositoryName);
      const ids = (input.imageIds as { imageDigest?: string; imageTag?: string }[] | undefined) ?? undefined;
      // ECR fails the whole call when any id is missing (it has no `failures` list, unlike BatchGetImage).
      const images = ids ? ids.map((id) => findImage(repository, scope, id)) : (repository.images ?? []);
      return { imageDetails: images.map((image) => describeImage(repository, image, scope)) };
    }
    case 'DescribeImageScanFindings': {
      const repository = findRepository(registry, scope, input.repositoryName);
      const id = input.imageId as { imageDigest?: string; imageTag?: string };
      const image = findImage(repository, scope, id);
      if (!image.scanFindings) {
        throw new EcrServiceError('ScanNotFoundException', `Image scan does not exist for the image with '${formatId(id)}' in the repository with name '${repository.repositoryName}' in the registry with id '${scope.registryId}'`);
      }
      const all = image.scanFindings.findings ?? [];
      const start = typeof input.nextToken === 'string' ? Number(input.nextToken) : 0;
      const size = typeof input.maxResults === 'number' ? input.maxResults : 100;
      const page = all.slice(start, start + size);
      return dates({
        registryId: scope.registryId,
        repositoryName: repository.repositoryName,
        imageId: { imageDigest: image.imageDigest, ...(id.imageTag ? { imageTag: id.imageTag } : {}) },
        imageScanStatus: scanStatus(image) ?? { status: 'COMPLETE', description: 'The scan was completed successfully.' },
        imageScanFindings: {
          imageScanCompletedAt: image.scanFindings.imageScanCompletedAt,
          vulnerabilitySourceUpdatedAt: image.scanFindings.vulnerabilitySourceUpdatedAt,
          findingSeverityCounts: severityCounts(all),
          findings: page.map((f) => ({ ...f, attributes: [] })),
        },
        ...(start + size < all.length ? { nextToken: String(start + size) } : {}),
      });
    }
    case 'DescribeImageReplicationStatus': {
      const repository = findRepository(registry, scope, input.repositoryName);
      const image = findImage(repository, scope, input.imageId as { imageDigest?: string; imageTag?: string });
      return {
        repositoryName: repository.repositoryName,
        imageId: { imageDigest: image.imageDigest },
        replicationStatuses: image.replicationStatuses ?? [],
      };
    }
    case 'DescribePullThroughCacheRules': {
      const prefixes = input.ecrRepositoryPrefixes as string[] | undefined;
      const rules = (registry.pullThroughCacheRules ?? []).filter((rule) => !rule.region || rule.region === scope.region);
      const found = prefixes
        ? prefixes.map((prefix) => {
            const rule = rules.find((r) => r.ecrRepositoryPrefix === prefix);
            if (!rule) throw new EcrServiceError('PullThroughCacheRuleNotFoundException', `The pull through cache rule with prefix '${prefix}' does not exist in the registry with id '${scope.registryId}'`);
            return rule;
          })
        : rules;
      return dates({ pullThroughCacheRules: found.map(({ region: _region, ...rule }) => ({ ...rule, registryId: scope.registryId })) });
    }
    default:
      throw new EcrServiceError('UnknownOperationException', `the offline registry does not answer ${operation}`);
  }
}

function inScope(repository: RepositoryFixture, scope: Scope): boolean {
  return (!repository.region || repository.region === scope.region) && (!repository.registryId || repository.registryId === scope.registryId);
}

function findRepository(registry: RegistryFixture, scope: Scope, name: unknown): RepositoryFixture {
  const repository = registry.repositories.find((r) => r.repositoryName === name && inScope(r, scope));
  if (!repository) {
    throw new EcrServiceError('RepositoryNotFoundException', `The repository with name '${String(name)}' does not exist in the registry with id '${scope.registryId}'`);
  }
  return repository;
}

function findImage(repository: RepositoryFixture, scope: Scope, id: { imageDigest?: string; imageTag?: string }): ImageFixture {
  const image = (repository.images ?? []).find(
    (i) => (id.imageDigest === undefined || i.imageDigest === id.imageDigest) && (id.imageTag === undefined || (i.imageTags ?? []).includes(id.imageTag)),
  );
  if (!image || (id.imageDigest === undefined && id.imageTag === undefined)) {
    throw new EcrServiceError('ImageNotFoundException', `The image with imageId {${formatId(id)}} does not exist within the repository with name '${repository.repositoryName}' in the registry with id '${scope.registryId}'`);
  }
  return image;
}

function formatId(id: { imageDigest?: string; imageTag?: string }): string {
  return `imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'`;
}

function describeRepository(repository: RepositoryFixture, scope: Scope) {
  const { images: _images, region: _region, ...rest } = repository;
  return dates({
    repositoryArn: `arn:aws:ecr:${scope.region}:${scope.registryId}:repository/${repository.repositoryName}`,
    registryId: scope.registryId,
    repositoryUri: `${scope.registryId}.dkr.ecr.${scope.region}.amazonaws.com/${repository.repositoryName}`,
    imageTagMutability: 'MUTABLE',
    imageScanningConfiguration: { scanOnPush: false },
    encryptionConfiguration: { encryptionType: 'AES256' },
    ...rest,
  });
}

function describeImage(repository: RepositoryFixture, image: ImageFixture, scope: Scope) {
  const { scanFindings, replicationStatuses: _replication, imageScanStatus: _status, ...rest } = image;
  const status = scanStatus(image);
  return dates({
    registryId: scope.registryId,
    repositoryName: repository.repositoryName,
    ...rest,
    ...(status ? { imageScanStatus: status } : {}),
    ...(scanFindings
      ? {
          imageScanFindingsSummary: {
            imageScanCompletedAt: scanFindings.imageScanCompletedAt,
            vulnerabilitySourceUpdatedAt: scanFindings.vulnerabilitySourceUpdatedAt,
            findingSeverityCounts: severityCounts(scanFindings.findings ?? []),
          },
        }
      : {}),
  });
}

function scanStatus(image: ImageFixture): { status: string; description?: string } | undefined {
  return image.imageScanStatus ?? (image.scanFindings ? { status: 'COMPLETE', description: 'The scan was completed successfully.' } : undefined);
}

function severityCounts(findings: readonly { severity: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { severity } of findings) counts[severity] = (counts[severity] ?? 0) + 1;
  return counts;
}

/** Turns the fixture's ISO timestamps into `Date`s, as the SDK's deserializer would; drops undefined fields. */
function dates<T>(value: T): T {
  if (Array.isArray(value)) return value.map(dates) as T;
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    out[key] = TIMESTAMP_KEYS.has(key) && typeof field === 'string' ? new Date(field) : dates(field);
  }
  return out as T;
}
