import type { ImageDetail, ImageIdentifier } from '@aws-sdk/client-ecr';
import { describeInParts } from './in-parts';
import type { Location } from './location';
import { isErrorNamed } from './not-found';
import type { SendRequest } from './send';

/** DescribeImages accepts at most 100 imageIds per call. */
export const MAX_IMAGE_IDS = 100;

/**
 * Describes images of one repository by id, one DescribeImages call for all of them, and returns
 * one result per id in order; `undefined` for an image (or the whole repository) that does not exist.
 */
export function describeImages(send: SendRequest, loc: Location, repositoryName: string) {
  const describeOnce = async (ids: readonly ImageIdentifier[]): Promise<(ImageDetail | undefined)[]> => {
    let details: ImageDetail[];
    try {
      const response = await send(loc, 'DescribeImages', `${repositoryName} (${ids.length} images)`, (client, sdk, options) =>
        client.send(new sdk.DescribeImagesCommand({ registryId: loc.account, repositoryName, imageIds: [...ids] }), options),
      );
      details = response.imageDetails ?? [];
    } catch (error) {
      // No repository, no image in it: every id is simply not there.
      if (isErrorNamed(error, ['RepositoryNotFoundException'])) return ids.map(() => undefined);
      throw error;
    }
    // An id missing from imageDetails is not found too (ECR may omit rather than throw).
    return ids.map((id) => details.find((detail) => matches(detail, id)));
  };
  return (ids: readonly ImageIdentifier[]) => describeInParts(ids, describeOnce, (error) => isErrorNamed(error, ['ImageNotFoundException']));
}

function matches(detail: ImageDetail, id: ImageIdentifier): boolean {
  if (id.imageDigest !== undefined) return detail.imageDigest === id.imageDigest;
  return id.imageTag !== undefined && (detail.imageTags ?? []).includes(id.imageTag);
}
