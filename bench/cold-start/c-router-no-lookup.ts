// (c) The framework with one route that never looks anything up: the ECR SDK must never load.
import { createRouter } from '../../src/index';

const router = createRouter();
router.on('ECR Image Action', { 'action-type': ['PUSH'], result: ['SUCCESS'] }, async (event) => {
  return event.detail['repository-name'];
});

export const handler = router.handler();
