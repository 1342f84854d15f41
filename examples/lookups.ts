// Lookups: the context fetches the repository and image behind an event on first use, once per
// invocation however many handlers ask, and concurrent lookups share one request.
//   npx ecr-event-router invoke examples/lookups.ts events/image-scan-with-findings.json --offline examples/registry.json
import { createRouter } from '../src/index';

export const router = createRouter()
  .on('ECR Image Scan', async (event, ctx) => {
    // Three lookups at once: DescribeRepositories, DescribeImages, DescribeImageScanFindings.
    const [repository, image, scan] = await Promise.all([ctx.repository(), ctx.image(), ctx.scanFindings()]);
    ctx.log.info('scanned image', {
      repository: repository?.repositoryUri,
      pushedAt: image?.imagePushedAt,
      sizeBytes: image?.imageSizeInBytes,
      findings: scan?.findings.map((f) => `${f.severity} ${f.name}`),
    });
  })
  // A second route on the same event: its lookup is answered from the first one's, not sent again.
  .on('ECR Image Scan', async (_event, ctx) => {
    const image = await ctx.image();
    ctx.log.info('tags of the scanned image', { tags: image?.imageTags ?? [] });
  })
  .on('ECR Image Action', { 'action-type': ['DELETE'] }, async (event, ctx) => {
    // A deleted image is not found: `undefined`, not an error.
    const image = await ctx.image();
    ctx.log.info('deleted', { digest: event.detail['image-digest'], stillThere: image !== undefined });
  });

export const handler = router.handler();
