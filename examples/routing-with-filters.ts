// Routing with filters: several routes on one router, each with an EventBridge content filter.
// Every matching route runs; the rule pattern covers exactly what the routes want.
//   npx ecr-event-router invoke examples/routing-with-filters.ts events --offline examples/registry.json
//   npx ecr-event-router pattern examples/routing-with-filters.ts
import { createRouter } from '../src/index';

export const router = createRouter()
  // Release tags only: prefix and wildcard, as in an EventBridge rule.
  .on('ECR Image Action', { 'action-type': ['PUSH'], result: ['SUCCESS'], 'image-tag': [{ wildcard: 'v*.*.*' }] }, (event, ctx) => {
    ctx.log.info('release pushed', { repository: event.detail['repository-name'], tag: event.detail['image-tag'] });
  })
  // Deletes anywhere except sandbox repositories.
  .on('ECR Image Action', { 'action-type': ['DELETE'], 'repository-name': [{ 'anything-but': { prefix: 'sandbox/' } }] }, (event, ctx) => {
    ctx.log.warn('image deleted', { repository: event.detail['repository-name'], digest: event.detail['image-digest'] });
  })
  // Scans with at least one critical finding.
  .on('ECR Image Scan', { 'finding-severity-counts': { CRITICAL: [{ numeric: ['>', 0] }] } }, (event, ctx) => {
    ctx.log.error('critical findings', { repository: event.detail['repository-name'], critical: event.detail['finding-severity-counts']?.CRITICAL });
  })
  // Either a failed pull-through sync or a failed replication: `$or` inside one route's filter.
  .on('ECR Pull Through Cache Action', { $or: [{ 'sync-status': ['FAILED'] }, { 'failure-code': [{ exists: true }] }] }, (event, ctx) => {
    ctx.log.warn('pull-through cache sync failed', { repository: event.detail['repository-name'] });
  });

export const handler = router.handler();
