import type { Context as LambdaContext } from 'aws-lambda';
import type { ImageDetail, PullThroughCacheRule, Repository } from '@aws-sdk/client-ecr';
import type { EcrDetailType, EcrEventOf } from './events';
import type { ImageRef, Location, LookupSession, ReplicationStatus, ScanFindings } from './ecr/lookup-session';
import { withFields, type Logger } from './logger';

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
  /** The registry, when the event names one other than its own account's. */
  registryId?: string;
}

function imageRef(digest: unknown, tag: unknown): ImageRef | undefined {
  if (typeof digest === 'string' && digest) return { imageDigest: digest };
  if (typeof tag === 'string' && tag) return { imageTag: tag };
  return undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** Most detail-types name the repository and image in the same three fields. */
function detailTarget(detail: Record<string, unknown>): Target {
  return { repositoryName: text(detail['repository-name']), image: imageRef(detail['image-digest'], detail['image-tag']) };
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
  // CloudTrail records the call's own parameters (a caller may name another account's registry);
  // PutImage also answers with the image id.
  'AWS API Call via CloudTrail': (e) => {
    const req = (e.detail.requestParameters ?? {}) as Record<string, unknown>;
    const res = (e.detail.responseElements ?? {}) as { image?: { imageId?: Record<string, unknown>; registryId?: unknown } };
    const id = res.image?.imageId;
    return {
      repositoryName: text(req.repositoryName),
      image: imageRef(id?.imageDigest ?? req.imageDigest, id?.imageTag ?? req.imageTag),
      registryId: text(req.registryId) ?? text(res.image?.registryId),
    };
  },
};

/** Lookups that need a repository and an image say `undefined` when the event names neither. */
const nothing = (): Promise<undefined> => Promise.resolve(undefined);

/**
 * A handler's context: one object per event, shared by every route it matches. Lookups go
 * through the invocation's session, so nothing is fetched until a handler asks, and every
 * handler of the event shares what was fetched. The session thunk makes (or returns) that
 * session: an event whose handlers look nothing up never pays for one. The per-event logger is
 * made on first use, for the same reason.
 *
 * Lookups are getters that return an arrow function rather than methods, so that a handler may
 * destructure them (`async (event, { image }) => image()`) without losing `this`, and the
 * closure is only made for a lookup a handler actually takes.
 */
class EventContext<K extends EcrDetailType> implements BaseContext<K>, ImageLookups {
  readonly #detailType: K;
  readonly #routerLog: Logger;
  readonly #session: () => LookupSession;
  #log: Logger | undefined;
  #target: Target | undefined;

  constructor(
    detailType: K,
    readonly event: EcrEventOf<K>,
    readonly lambda: LambdaContext,
    routerLog: Logger,
    session: () => LookupSession,
  ) {
    this.#detailType = detailType;
    this.#routerLog = routerLog;
    this.#session = session;
  }

  get log(): Logger {
    return (this.#log ??= withFields(this.#routerLog, { eventId: this.event.id, detailType: this.#detailType }));
  }

  get repository(): () => Promise<Repository | undefined> {
    return () => {
      const { repositoryName } = this.target();
      return repositoryName ? this.session().repository(this.location(), repositoryName) : nothing();
    };
  }

  get image(): () => Promise<ImageDetail | undefined> {
    return () => {
      const { repositoryName, image } = this.target();
      return repositoryName && image ? this.session().image(this.location(), repositoryName, image) : nothing();
    };
  }

  protected session(): LookupSession {
    return this.#session();
  }

  /** Where the event's repository lives: the event's region, in the registry it names or its own account's. */
  protected location(): Location {
    return { region: this.event.region, account: this.target().registryId ?? this.event.account };
  }

  /** Read from the event on the first lookup, then kept for the event's other lookups. */
  protected target(): Target {
    return (this.#target ??= (targets[this.#detailType] as (e: EcrEventOf<K>) => Target)(this.event));
  }
}

class ImageScanContext extends EventContext<'ECR Image Scan'> {
  get scanFindings(): () => Promise<ScanFindings | undefined> {
    return () => {
      const { repositoryName, image } = this.target();
      return repositoryName && image ? this.session().scanFindings(this.location(), repositoryName, image) : nothing();
    };
  }
}

class ScanResourceChangeContext extends EventContext<'ECR Scan Resource Change'> {
  get repositories(): () => Promise<(Repository | undefined)[]> {
    return () =>
      this.session().repositories(
        this.location(),
        (this.event.detail.repositories ?? []).map((r) => r['repository-name']),
      );
  }
}

class PullThroughCacheActionContext extends EventContext<'ECR Pull Through Cache Action'> {
  get pullThroughCacheRule(): () => Promise<PullThroughCacheRule | undefined> {
    return () => this.session().pullThroughCacheRule(this.location(), this.event.detail['ecr-repository-prefix']);
  }
}

class ReplicationActionContext extends EventContext<'ECR Replication Action'> {
  /**
   * ECR sends the event to the registry the image was replicated into and names the source in
   * `source-region` / `source-account`; replication status is kept by the source repository.
   */
  get replicationStatus(): () => Promise<ReplicationStatus | undefined> {
    return () => {
      const { repositoryName, image } = this.target();
      const { detail } = this.event;
      const source = { region: detail['source-region'] ?? this.event.region, account: detail['source-account'] ?? this.event.account };
      return repositoryName && image ? this.session().replicationStatus(source, repositoryName, image) : nothing();
    };
  }
}

/** Only the lookups that make sense for a detail-type exist on its context. */
const contextClasses: { [K in EcrDetailType]: typeof EventContext<K> } = {
  'ECR Image Action': EventContext,
  'ECR Image Scan': ImageScanContext,
  'ECR Scan Resource Change': ScanResourceChangeContext,
  'ECR Pull Through Cache Action': PullThroughCacheActionContext,
  'ECR Replication Action': ReplicationActionContext,
  'ECR Referrer Action': EventContext,
  'ECR Artifact Action': EventContext,
  'AWS API Call via CloudTrail': EventContext,
};

/** Builds the context of one event; `log` is the router's logger, to which the context adds the event's fields. */
export function createContext<K extends EcrDetailType>(
  detailType: K,
  event: EcrEventOf<K>,
  lambda: LambdaContext,
  log: Logger,
  session: () => LookupSession,
): HandlerContext<K> {
  const Context = contextClasses[detailType] as typeof EventContext<K>;
  return new Context(detailType, event, lambda, log, session) as unknown as HandlerContext<K>;
}
