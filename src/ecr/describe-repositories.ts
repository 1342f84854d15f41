import type { Repository } from '@aws-sdk/client-ecr';
import { describeInParts } from './in-parts';
import type { Location } from './location';
import { isErrorNamed } from './not-found';
import type { SendRequest } from './send';

/** DescribeRepositories accepts at most 100 repositoryNames per call. */
export const MAX_REPOSITORY_NAMES = 100;

/**
 * Describes repositories of one registry by name, one DescribeRepositories call for all of them,
 * and returns one result per name in order; `undefined` for a repository that does not exist.
 */
export function describeRepositories(send: SendRequest, loc: Location) {
  const describeOnce = async (names: readonly string[]): Promise<(Repository | undefined)[]> => {
    const response = await send(loc, 'DescribeRepositories', names.join(','), (client, sdk, options) =>
      client.send(new sdk.DescribeRepositoriesCommand({ registryId: loc.account, repositoryNames: [...names] }), options),
    );
    const repositories = response.repositories ?? [];
    return names.map((name) => repositories.find((repository) => repository.repositoryName === name));
  };
  // Several names and one missing → RepositoryNotFoundException for the whole call.
  return (names: readonly string[]) => describeInParts(names, describeOnce, (error) => isErrorNamed(error, ['RepositoryNotFoundException']));
}
