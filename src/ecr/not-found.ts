/**
 * ECR exception names that mean "that resource does not exist", per operation.
 * A lookup that gets one of these resolves to `undefined` (a DELETE event's image, a deleted
 * repository); every other error is a failure.
 */
export const notFoundErrors = {
  DescribeRepositories: ['RepositoryNotFoundException'],
  // ImageNotFoundException fails the whole call, even when only one of several imageIds is missing.
  DescribeImages: ['ImageNotFoundException', 'RepositoryNotFoundException'],
  DescribeImageScanFindings: ['ScanNotFoundException', 'ImageNotFoundException', 'RepositoryNotFoundException'],
  DescribeImageReplicationStatus: ['ImageNotFoundException', 'RepositoryNotFoundException'],
  DescribePullThroughCacheRules: ['PullThroughCacheRuleNotFoundException'],
} as const satisfies Record<string, readonly string[]>;

/** Whether `error` is an SDK error whose name is one of `names`. */
export function isErrorNamed(error: unknown, names: readonly string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}
