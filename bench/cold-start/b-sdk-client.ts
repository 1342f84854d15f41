// (b) A hand-written handler with an ECRClient created at module scope (the usual Lambda idiom),
// making the same one DescribeImages that variant (d) makes, so d/b compares like with like.
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';

const client = new ECRClient({});

interface ImageActionEvent {
  'detail-type'?: string;
  account: string;
  detail: { 'repository-name': string; 'image-digest'?: string };
}

export const handler = async (event: ImageActionEvent) => {
  if (event['detail-type'] === 'ECR Image Action') {
    const out = await client.send(
      new DescribeImagesCommand({
        registryId: event.account,
        repositoryName: event.detail['repository-name'],
        imageIds: [{ imageDigest: event.detail['image-digest'] }],
      }),
    );
    return { size: out.imageDetails?.[0]?.imageSizeInBytes };
  }
  return { size: undefined };
};
