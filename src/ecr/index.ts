export { EcrClients, type EcrClientOption } from './clients';
export {
  createLookupSession,
  type ImageDetail,
  type ImageRef,
  type Location,
  type LookupSession,
  type LookupSessionOptions,
  type PullThroughCacheRule,
  type ReplicationStatus,
  type Repository,
  type ScanFindings,
} from './lookup-session';
export { createRepositoryCache, type RepositoryCache, type RepositoryCacheOptions } from './repository-cache';
