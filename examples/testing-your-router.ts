// Testing your own router with ecr-event-router/testing: build events from typed samples with
// overrides, send them through the router with ECR answered from fixtures, and check what ran
// and which ECR calls were made. In your project, import from 'ecr-event-router/testing'.
import assert from 'node:assert/strict';
import { createRouter, createJsonLogger } from '../src/index';
import { invokeRouter, sampleEvent, type RegistryFixture } from '../src/testing';

/** The router under test: it flags images larger than 500 MiB. */
export function createSizeGuard(flag: (repository: string, sizeBytes: number) => void) {
  return createRouter({ logger: createJsonLogger({ level: 'silent' }) }).on('ECR Image Action', { 'action-type': ['PUSH'] }, async (event, ctx) => {
    const size = (await ctx.image())?.imageSizeInBytes ?? 0;
    if (size > 500 * 2 ** 20) flag(event.detail['repository-name'], size);
  });
}

const digest = 'sha256:' + 'b'.repeat(64);
const registry: RegistryFixture = {
  repositories: [{ repositoryName: 'ml/model', images: [{ imageDigest: digest, imageTags: ['v3'], imageSizeInBytes: 2 * 2 ** 30 }] }],
};

/** Runs the checks; a test (or `node`) calls it. Resolves when they all pass. */
export async function main(): Promise<string[]> {
  const flagged: string[] = [];
  const router = createSizeGuard((repository) => flagged.push(repository));

  // A push of a 2 GiB image is flagged, after one DescribeImages call.
  const push = sampleEvent('ECR Image Action', { detail: { 'repository-name': 'ml/model', 'image-digest': digest, 'image-tag': 'v3' } });
  const pushed = await invokeRouter(router, push, { ecr: registry });
  assert.equal(pushed.result?.status, 'handled');
  assert.deepEqual(pushed.ecrCalls.map((c) => c.operation), ['DescribeImages']);
  assert.deepEqual(flagged, ['ml/model']);

  // A delete matches no route: no lookup at all.
  const deleted = await invokeRouter(router, sampleEvent('ECR Image Action', { detail: { 'action-type': 'DELETE' } }), { ecr: registry });
  assert.equal(deleted.result?.status, 'unmatched');
  assert.equal(deleted.ecrCalls.length, 0);
  return flagged;
}
