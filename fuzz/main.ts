/**
 * `npm run fuzz`: the hostile-input checks of fuzz/checks.ts over many generated cases (fuzz/generators.ts).
 * Usage (after fuzz/run.mjs bundles this file): node main.cjs <eventsDir> <eventCases> <batchCases> <seed>
 * Prints one JSON line: cases, failures, outcomes and the first failures with their description.
 * Every case runs to the end (failures are counted, not stopped at), so the summary is complete.
 */
import * as fc from 'fast-check';
import { checkBatchCase, checkEventCase } from './checks';
import { batchCase, describeCase, eventCase, loadSamples, type BatchCase, type EventCase } from './generators';
import { createHarness } from './harness';

async function main(): Promise<void> {
  const [eventsDir, eventCases, batchCases, seed] = process.argv.slice(2);
  const samples = loadSamples(eventsDir!);
  const harness = createHarness();
  const outcomes = new Map<string, number>();
  const failures: string[] = [];
  let cases = 0;

  const eventProperty = fc.asyncProperty(eventCase(samples), async (c: EventCase) => {
    cases += 1;
    const failure = await checkEventCase(harness, c, { outcomes });
    if (failure) failures.push(`${describeCase(c)}: ${failure}`);
    return true;
  });
  const batchProperty = fc.asyncProperty(batchCase(samples), async (b: BatchCase) => {
    cases += 1;
    const failure = await checkBatchCase(harness, b, { outcomes });
    if (failure) failures.push(`SQS batch of ${b.records.length}${b.fifo ? ' (FIFO)' : ''}: ${failure}`);
    return true;
  });
  await fc.assert(eventProperty, { numRuns: Number(eventCases), seed: Number(seed) });
  await fc.assert(batchProperty, { numRuns: Number(batchCases), seed: Number(seed) + 1 });

  process.stdout.write(
    JSON.stringify({ cases, failures: failures.length, outcomes: Object.fromEntries(outcomes), firstFailures: failures.slice(0, 5).map((f) => f.slice(0, 2000)), loggedBytes: harness.logged }) + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`fuzz worker crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
