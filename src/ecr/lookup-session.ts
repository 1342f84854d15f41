import type { ImageDetail, ImageIdentifier, ImageReplicationStatus, PullThroughCacheRule, Repository } from '@aws-sdk/client-ecr';
import { DeadlineExceededError, LookupError } from '../errors';
import { createBatcher, type Batcher } from './batcher';
import type { EcrClients } from './clients';
import { describeImages, MAX_IMAGE_IDS } from './describe-images';
import { describeRepositories, MAX_REPOSITORY_NAMES } from './describe-repositories';
import { describeScanFindings, type ScanFindings } from './describe-scan-findings';
import type { ImageRef, Location } from './location';
import { createMemo } from './memo';
import { isErrorNamed, notFoundErrors } from './not-found';
import type { RepositoryCache } from './repository-cache';
import { createSendRequest } from './send';

export type { ImageRef, Location } from './location';
export type { ScanFindings } from './describe-scan-findings';
export type { ImageDetail, PullThroughCacheRule, Repository } from '@aws-sdk/client-ecr';

/** An image's replication to other regions and accounts, as DescribeImageReplicationStatus reports it. */
export interface ReplicationStatus {
  readonly imageId: ImageIdentifier | undefined;
  readonly replicationStatuses: ImageReplicationStatus[];
}

/** Options of {@link createLookupSession}. */
export interface LookupSessionOptions {
  /** The container's clients; share one instance across invocations. */
  readonly clients: EcrClients;
  /** Milliseconds the invocation has left (Lambda's `context.getRemainingTimeInMillis`); no deadline without it. */
  readonly remainingTimeMs?: () => number;
  /** Abandon a lookup when the invocation has less than this left, so the handler can still fail cleanly. Default 500. */
  readonly deadlineMarginMs?: number;
  /** Repositories remembered across sessions; off by default. */
  readonly repositoryCache?: RepositoryCache;
}

/**
 * The ECR lookups of one invocation (or one SQS batch). Each distinct lookup is sent at most once;
 * concurrent callers share it; images of one repository, and repositories of one registry,
 * asked for in the same turn go out together. Not found resolves to `undefined`; any other
 * failure rejects with {@link LookupError} (or {@link DeadlineExceededError}) and is not kept.
 */
export interface LookupSession {
  /** The repository (DescribeRepositories). */
  repository(loc: Location, repositoryName: string): Promise<Repository | undefined>;
  /** Several repositories, in the order given (DescribeRepositories, batched). */
  repositories(loc: Location, names: readonly string[]): Promise<(Repository | undefined)[]>;
  /** The image (DescribeImages); `undefined` too when `ref` names neither digest nor tag. */
  image(loc: Location, repositoryName: string, ref: ImageRef): Promise<ImageDetail | undefined>;
  /** The image's scan status and findings, all pages merged (DescribeImageScanFindings). */
  scanFindings(loc: Location, repositoryName: string, ref: ImageRef): Promise<ScanFindings | undefined>;
  /** Where the image has been replicated (DescribeImageReplicationStatus). */
  replicationStatus(loc: Location, repositoryName: string, ref: ImageRef): Promise<ReplicationStatus | undefined>;
  /** The pull-through cache rule with exactly this prefix (DescribePullThroughCacheRules). */
  pullThroughCacheRule(loc: Location, ecrRepositoryPrefix: string): Promise<PullThroughCacheRule | undefined>;
  /** ECR requests this session has sent (SDK retries of one request are not counted). */
  readonly requests: number;
}

const DEFAULT_DEADLINE_MARGIN_MS = 500;

/** Creates a {@link LookupSession}; make one per invocation, with the container's {@link EcrClients}. */
export function createLookupSession(options: LookupSessionOptions): LookupSession {
  let requests = 0;
  const deadline = options.remainingTimeMs
    ? { remainingTimeMs: options.remainingTimeMs, marginMs: options.deadlineMarginMs ?? DEFAULT_DEADLINE_MARGIN_MS }
    : undefined;
  const send = createSendRequest(options.clients, deadline, () => {
    requests += 1;
  });
  const cache = options.repositoryCache;

  const repositoryBatchers = new Map<string, Batcher<string, Repository | undefined>>();
  const imageBatchers = new Map<string, Batcher<ImageIdentifier, ImageDetail | undefined>>();
  const repositoryMemo = createMemo<Repository | undefined>();
  const imageMemo = createMemo<ImageDetail | undefined>();
  const scanMemo = createMemo<ScanFindings | undefined>();
  const replicationMemo = createMemo<ReplicationStatus | undefined>();
  const ruleMemo = createMemo<PullThroughCacheRule | undefined>();

  const repositoryBatcher = (loc: Location) =>
    getOrCreate(repositoryBatchers, locationKey(loc), () =>
      createBatcher({ maxBatchSize: MAX_REPOSITORY_NAMES, run: describeRepositories(send, loc) }),
    );
  const imageBatcher = (loc: Location, repositoryName: string) =>
    getOrCreate(imageBatchers, `${locationKey(loc)}/${repositoryName}`, () =>
      createBatcher({ maxBatchSize: MAX_IMAGE_IDS, run: describeImages(send, loc, repositoryName) }),
    );

  const session: LookupSession = {
    get requests() {
      return requests;
    },

    repository(loc, repositoryName) {
      return repositoryMemo(`${locationKey(loc)}/${repositoryName}`, () =>
        failAs('DescribeRepositories', repositoryName, async () => {
          const cached = cache?.get(loc.region, loc.account, repositoryName);
          if (cached) return cached;
          const repository = await repositoryBatcher(loc).add(repositoryName);
          if (repository) cache?.set(loc.region, loc.account, repositoryName, repository);
          return repository;
        }),
      );
    },

    repositories(loc, names) {
      return Promise.all(names.map((name) => session.repository(loc, name)));
    },

    image(loc, repositoryName, ref) {
      const imageId = imageIdOf(ref);
      if (!imageId) return Promise.resolve(undefined);
      const resource = imageResource(repositoryName, imageId);
      return imageMemo(`${locationKey(loc)}/${resource}`, () =>
        failAs('DescribeImages', resource, () => imageBatcher(loc, repositoryName).add(imageId)),
      );
    },

    scanFindings(loc, repositoryName, ref) {
      const imageId = imageIdOf(ref);
      if (!imageId) return Promise.resolve(undefined);
      const resource = imageResource(repositoryName, imageId);
      const operation = 'DescribeImageScanFindings';
      return scanMemo(`${locationKey(loc)}/${resource}`, () =>
        failAs(operation, resource, () =>
          orUndefinedIfMissing(operation, describeScanFindings(send, loc, repositoryName, imageId, resource)),
        ),
      );
    },

    replicationStatus(loc, repositoryName, ref) {
      const imageId = imageIdOf(ref);
      if (!imageId) return Promise.resolve(undefined);
      const resource = imageResource(repositoryName, imageId);
      const operation = 'DescribeImageReplicationStatus';
      return replicationMemo(`${locationKey(loc)}/${resource}`, () =>
        failAs(operation, resource, async () => {
          const response = await orUndefinedIfMissing(
            operation,
            send(loc, operation, resource, (client, sdk, sendOptions) =>
              client.send(new sdk.DescribeImageReplicationStatusCommand({ registryId: loc.account, repositoryName, imageId }), sendOptions),
            ),
          );
          return response && { imageId: response.imageId, replicationStatuses: response.replicationStatuses ?? [] };
        }),
      );
    },

    pullThroughCacheRule(loc, ecrRepositoryPrefix) {
      const operation = 'DescribePullThroughCacheRules';
      return ruleMemo(`${locationKey(loc)}/${ecrRepositoryPrefix}`, () =>
        failAs(operation, ecrRepositoryPrefix, async () => {
          const response = await orUndefinedIfMissing(
            operation,
            send(loc, operation, ecrRepositoryPrefix, (client, sdk, sendOptions) =>
              client.send(
                new sdk.DescribePullThroughCacheRulesCommand({ registryId: loc.account, ecrRepositoryPrefixes: [ecrRepositoryPrefix] }),
                sendOptions,
              ),
            ),
          );
          return response?.pullThroughCacheRules?.find((rule) => rule.ecrRepositoryPrefix === ecrRepositoryPrefix);
        }),
      );
    },
  };
  return session;
}

function locationKey(loc: Location): string {
  return `${loc.region}/${loc.account}`;
}

function getOrCreate<V>(map: Map<string, V>, key: string, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** The id to ask for: the digest when known, as a tag can move to another image between event and lookup. */
function imageIdOf(ref: ImageRef): ImageIdentifier | undefined {
  if (ref.imageDigest) return { imageDigest: ref.imageDigest };
  if (ref.imageTag) return { imageTag: ref.imageTag };
  return undefined;
}

/** How errors name an image: `repo@sha256:…` or `repo:tag`, as `docker pull` would. */
function imageResource(repositoryName: string, imageId: ImageIdentifier): string {
  return imageId.imageDigest ? `${repositoryName}@${imageId.imageDigest}` : `${repositoryName}:${imageId.imageTag ?? ''}`;
}

async function orUndefinedIfMissing<T>(operation: keyof typeof notFoundErrors, request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (isErrorNamed(error, notFoundErrors[operation])) return undefined;
    throw error;
  }
}

/**
 * Runs a lookup and names its failure after the caller's own resource: a batched request fails
 * for every image in it, and each caller should see the image it asked for.
 */
async function failAs<T>(operation: string, resource: string, lookup: () => Promise<T>): Promise<T> {
  try {
    return await lookup();
  } catch (error) {
    if (error instanceof DeadlineExceededError) throw new DeadlineExceededError(operation, resource, error.remainingMs);
    throw new LookupError(operation, resource, { cause: error });
  }
}
