// With Middy: the router is the base handler; Middy's middlewares wrap it as any handler.
//   import middy from '@middy/core';
//   export const handler = middy(baseHandler, { timeoutEarlyInMillis: 1000 }).use(yourMiddleware());
// Middy passes `{ signal }` as the third argument; it aborts before the Lambda timeout and the
// adapter rejects at once, so Middy's timeout handling runs.
import { createRouter } from '../src/index';
import { ecrRouterHandler } from '../src/middy';

export const router = createRouter().on('ECR Image Action', async (event, ctx) => {
  const image = await ctx.image();
  ctx.log.info('image action', { action: event.detail['action-type'], sizeBytes: image?.imageSizeInBytes });
});

/** The base handler for `middy(baseHandler)`. */
export const baseHandler = ecrRouterHandler(router);
/** For a queue of EventBridge events: partial batch failures in `batchItemFailures`. */
export const sqsBaseHandler = ecrRouterHandler(router, { sqs: true });
