// `npm run fuzz`: bundles fuzz/main.ts with esbuild (no TypeScript runtime needed), runs it in one
// worker process per CPU with its own seed and share of the cases, and prints the totals.
// Options (environment): FUZZ_CASES (default 102000: five sixths single events, one sixth SQS
// batches of up to 6 records), FUZZ_SEED (default: random, printed so a failing run can be
// repeated), FUZZ_WORKERS (default: one per CPU).
// Exits 1 when any case failed, 2 when a worker crashed.
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const total = Number(process.env.FUZZ_CASES ?? 102_000);
const batchCases = Math.floor(total / 6);
const eventCases = total - batchCases;
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const workers = Number(process.env.FUZZ_WORKERS ?? Math.max(1, Math.min(availableParallelism(), 8)));

const outDir = mkdtempSync(join(tmpdir(), 'ecr-event-router-fuzz-'));
const bundle = join(outDir, 'main.cjs');
await build({ entryPoints: [join(root, 'fuzz', 'main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: bundle, packages: 'external', logLevel: 'warning', absWorkingDir: root });

const share = (total, i) => Math.floor(total / workers) + (i < total % workers ? 1 : 0);
const started = Date.now();
console.log(`fuzz: ${eventCases} event cases + ${batchCases} SQS batch cases, seed ${seed}, ${workers} worker(s)`);

const results = await Promise.all(
  Array.from({ length: workers }, (_, i) =>
    new Promise((resolve) => {
      const args = [bundle, join(root, 'events'), String(share(eventCases, i)), String(share(batchCases, i)), String(seed + 1000 * i)];
      execFile(process.execPath, ['--stack-size=4000', ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_PATH: join(root, 'node_modules') } }, (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve({ worker: i, ...JSON.parse(line) });
        } catch {
          resolve({ worker: i, crashed: `${error?.message ?? 'no summary'}\n${stderr.slice(-4000)}` });
        }
      });
    }),
  ),
);
rmSync(outDir, { recursive: true, force: true });

let cases = 0;
let failures = 0;
const outcomes = {};
for (const r of results) {
  if (r.crashed) {
    console.error(`worker ${r.worker} crashed: ${r.crashed}`);
    continue;
  }
  cases += r.cases;
  failures += r.failures;
  for (const [k, n] of Object.entries(r.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + n;
  for (const f of r.firstFailures) console.error(`FAILURE (worker ${r.worker}, seed ${seed + 1000 * r.worker}): ${f}`);
}
console.log('outcomes (one per router per case):');
for (const [k, n] of Object.entries(outcomes).sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(8)}  ${k}`);
console.log(`fuzz: ${cases} cases, ${failures} failures, ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})`);
process.exit(results.some((r) => r.crashed) ? 2 : failures > 0 ? 1 : 0);
