// (d) The framework with one route that calls ctx.image(): one DescribeImages, like variant (b).
import { createRouter } from '../../src/index';

const router = createRouter();
router.on('ECR Image Action', { 'action-type': ['PUSH'], result: ['SUCCESS'] }, async (_event, ctx) => {
  const image = await ctx.image();
  return image?.imageSizeInBytes;
});

export const handler = router.handler();
