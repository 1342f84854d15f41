import type { Context as LambdaContext } from 'aws-lambda';
import type { ImageDetail, PullThroughCacheRule, Repository } from '@aws-sdk/client-ecr';
import type { EcrDetailType, EcrEventOf } from './events';
import type { ImageRef, Location, LookupSession, ReplicationStatus, ScanFindings } from './ecr/lookup-session';
import type { Logger } from './logger';

/** What every handler receives, whatever the detail-type. */
export interface BaseContext<K extends EcrDetailType> {
  /** The validated event (the same object as the handler's first argument). */
  readonly event: EcrEventOf<K>;
  /** The Lambda context of this invocation. */
  readonly lambda: LambdaContext;
  /** The router's logger, with the event id and detail-type on every line. */
  readonly log: Logger;
}

/** Lookups of the repository and image an event is about. */
export interface ImageLookups {
  /** The repository (DescribeRepositories), or `undefined` if it no longer exists. */
  repository(): Promise<Repository | undefined>;
  /** The image (DescribeImages by digest, else by tag), or `undefined` if it is gone or the event names none. */
  image(): Promise<ImageDetail | undefined>;
}

/** The lookups each detail-type offers: only those that make sense for it exist on its context. */
export interface ContextLookups {
  'ECR Image Action': ImageLookups;
  'ECR Image Scan': ImageLookups & {
    /** All findings of the scan (DescribeImageScanFindings, every page). */
    scanFindings(): Promise<ScanFindings | undefined>;
  };
  'ECR Scan Resource Change': ImageLookups & {
    /** Every repository the change names, in the event's order (`undefined` for one that is gone). */
    repositories(): Promise<(Repository | undefined)[]>;
  };
  'ECR Pull Through Cache Action': ImageLookups & {
    /** The pull-through-cache rule of the event's `ecr-repository-prefix`. */
    pullThroughCacheRule(): Promise<PullThroughCacheRule | undefined>;
  };
  'ECR Replication Action': ImageLookups & {
    /** Where the image is replicated to and how far each destination got. */
    replicationStatus(): Promise<ReplicationStatus | undefined>;
  };
  'ECR Referrer Action': ImageLookups;
  'ECR Artifact Action': ImageLookups;
  'AWS API Call via CloudTrail': ImageLookups;
}

/** The second argument of a handler for detail-type `K`. */
export type HandlerContext<K extends EcrDetailType> = BaseContext<K> & ContextLookups[K];

/** The repository and image an event is about, as far as the event says. */
interface Target {
  repositoryName?: string;
  image?: ImageRef;
}

function imageRef(digest: unknown, tag: unknown): ImageRef | undefined {
  if (typeof digest === 'string' && digest) return { imageDigest: digest };
  if (typeof tag === 'string' && tag) return { imageTag: tag };
  return undefined;
}

/** Most detail-types name the repository and image in the same three fields. */
function detailTarget(detail: Record<string, unknown>): Target {
  const name = detail['repository-name'];
  return {
    repositoryName: typeof name === 'string' ? name : undefined,
    image: imageRef(detail['image-digest'], detail['image-tag']),
  };
}

const targets: { [K in EcrDetailType]: (event: EcrEventOf<K>) => Target } = {
  'ECR Image Action': (e) => detailTarget(e.detail),
  'ECR Image Scan': (e) => ({
    repositoryName: e.detail['repository-name'],
    image: imageRef(e.detail['image-digest'], e.detail['image-tags']?.[0]),
  }),
  'ECR Scan Resource Change': (e) => {
    const image = e.detail.image;
    const repositoryName = image?.['repository-name'] ?? (e.detail.repositories?.length === 1 ? e.detail.repositories[0]?.['repository-name'] : undefined);
    return { repositoryName, image: image ? imageRef(image['image-digest'], undefined) : undefined };
  },
  'ECR Pull Through Cache Action': (e) => detailTarget(e.detail),
  'ECR Replication Action': (e) => detailTarget(e.detail),
  'ECR Referrer Action': (e) => detailTarget(e.detail),
  'ECR Artifact Action': (e) => detailTarget(e.detail),
  // CloudTrail records the call's own parameters; PutImage also answers with the image id.
  'AWS API Call via CloudTrail': (e) => {
    const req = (e.detail.requestParameters ?? {}) as Record<string, unknown>;
    const res = (e.detail.responseElements ?? {}) as { image?: { imageId?: Record<string, unknown> } };
    const name = req.repositoryName;
    const id = res.image?.imageId;
    return {
      repositoryName: typeof name === 'string' ? name : undefined,
      image: imageRef(id?.imageDigest ?? req.imageDigest, id?.imageTag ?? req.imageTag),
    };
  },
};

/**
 * Builds a handler's context. Lookups are closures over the invocation's session, so nothing is
 * fetched until a handler asks, and every handler of the event shares what was fetched. `session`
 * makes (or returns) that session: an event whose handlers look nothing up never pays for one.
 */
export function createContext<K extends EcrDetailType>(
  detailType: K,
  event: EcrEventOf<K>,
  lambda: LambdaContext,
  log: Logger,
  session: () => LookupSession,
): HandlerContext<K> {
  const loc: Location = { region: event.region, account: event.account };
  const target = (targets[detailType] as (e: EcrEventOf<K>) => Target)(event);
  const repository = () => (target.repositoryName ? session().repository(loc, target.repositoryName) : Promise.resolve(undefined));
  const image = () =>
    target.repositoryName && target.image ? session().image(loc, target.repositoryName, target.image) : Promise.resolve(undefined);
  const ctx: Record<string, unknown> = { event, lambda, log, repository, image };
  const detail = event.detail as Record<string, unknown>;
  switch (detailType) {
    case 'ECR Image Scan':
      ctx.scanFindings = () =>
        target.repositoryName && target.image ? session().scanFindings(loc, target.repositoryName, target.image) : Promise.resolve(undefined);
      break;
    case 'ECR Scan Resource Change': {
      const repos = (detail.repositories ?? []) as { 'repository-name': string }[];
      ctx.repositories = () => session().repositories(loc, repos.map((r) => r['repository-name']));
      break;
    }
    case 'ECR Pull Through Cache Action':
      ctx.pullThroughCacheRule = () => session().pullThroughCacheRule(loc, detail['ecr-repository-prefix'] as string);
      break;
    case 'ECR Replication Action':
      ctx.replicationStatus = () =>
        target.repositoryName && target.image
          ? session().replicationStatus(loc, target.repositoryName, target.image)
          : Promise.resolve(undefined);
      break;
  }
  return ctx as unknown as HandlerContext<K>;
}
