#!/usr/bin/env node
// `npm run mutate:by-hand`: the bugs issue 19 applied by hand, which the whole suite then let
// through, applied again one at a time to a copy of the project (never to this checkout), each
// with the tests that must now catch it. Prints CAUGHT or MISSED per bug; exits 1 if any is missed.
// Faster than Stryker (seconds per bug) and exact: each is a bug a user would hit, not a random mutant.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** [what a user would hit, file, code as it is, the bug, the tests that must fail]. */
const bugs = [
  ['scan findings, replication and signing status memoised under one key per session', 'src/ecr/image-id.ts', 'export const oneImagePerCall = {\n  key: imageKey,', "export const oneImagePerCall = {\n  key: () => ['one'],", ['test/context', 'test/ecr']],
  ["numeric ['>=', 1] matches 0 (inclusive lower bound always true)", 'src/pattern/numeric.ts', '(lowInclusive ? v >= low : v > low)', '(lowInclusive ? true : v > low)', ['test/pattern', 'test/pattern.test.ts']],
  ['every event dated the 30th or 31st rejected', 'src/events/envelope.ts', '|3[01])T', '|3[^01])T', ['test/events']],
  ["the time check without its '^'", 'src/events/envelope.ts', 'const ISO_8601 = /^', 'const ISO_8601 = /', ['test/events']],
  ['IPv4: the digit 9 mishandled', 'src/pattern/ip.ts', 'if (code >= 48 && code <= 57) {\n      value = value * 10', 'if (code >= 48 && code < 57) {\n      value = value * 10', ['test/pattern', 'test/pattern.test.ts']],
  ['IPv4: an octet of 255 refused', 'src/pattern/ip.ts', 'value > 255) return undefined;', 'value >= 255) return undefined;', ['test/pattern', 'test/pattern.test.ts']],
  ['wildcard: a middle piece found at position 0 treated as not found', 'src/pattern/wildcard.ts', 'if (found < 0 ||', 'if (found <= 0 ||', ['test/pattern', 'test/pattern.test.ts']],
  ['ctx.image() of an event that names only a tag looks nothing up', 'src/ecr/image-id.ts', "if (typeof tag === 'string' && tag) return { imageTag: tag };", '', ['test/context', 'test/ecr']],
  ['Referrer Action contexts look nothing up', 'src/context/detail-types.ts', "'ECR Referrer Action': { names: detailNames,", "'ECR Referrer Action': { names: (e) => ({ location: own(e) }),", ['test/context']],
  ['Artifact Action contexts look nothing up', 'src/context/detail-types.ts', "'ECR Artifact Action': { names: detailNames,", "'ECR Artifact Action': { names: (e) => ({ location: own(e) }),", ['test/context']],
  ['ctx.scanFindings() throws for a scan whose response has no imageScanFindings', 'src/ecr/operations/describe-image-scan-findings.ts', 'findings.push(...(response.imageScanFindings?.findings ?? []));', 'findings.push(...response.imageScanFindings!.findings!);', ['test/context', 'test/ecr']],
  ['ctx.repository() of a Scan Resource Change naming one repository is undefined', 'src/context/detail-types.ts', '(repositoryNames.length === 1 ? repositoryNames[0] : undefined)', 'undefined', ['test/context']],
  ['sqsHandler gives handlers a fake Lambda context', 'src/router.ts', 'const lambda = context ?? fakeLambdaContext();', 'const lambda = fakeLambdaContext();', ['test/router', 'test/router.test.ts', 'test/sqs.test.ts']],
  ['exists: false misread on an array of scalars', 'src/pattern/leaf.ts', 'if (Array.isArray(value)) return someLeaf(value, anyLeaf);\n  return isScalar(value);', 'return isScalar(value);', ['test/pattern', 'test/pattern.test.ts']],
  ['the "handler failed" log line without the route and the error', 'src/router.ts', "ctx.log.error('handler failed', { route: route.index, error });", "ctx.log.error('handler failed', {});", ['test/router', 'test/router.test.ts', 'test/system/router-faults.test.ts']],
  ["a lookup's deadline timer never cleared", 'src/ecr/deadline.ts', '    clearTimeout(timer);\n', '', ['test/ecr', 'test/context']],
  ["every validation issue in an invalid event's message", 'src/errors.ts', '.slice(0, MAX_ISSUES_IN_MESSAGE)', '.slice(0)', ['test/router', 'test/router.test.ts', 'test/system/hostile-input.test.ts', 'test/system/hardening.test.ts']],
  ['prefix applied to a number throws a TypeError instead of not matching', 'src/pattern/leaf.ts', "(v) => typeof v === 'string' && v.startsWith(operand)", '(v) => (v as string).startsWith(operand)', ['test/pattern', 'test/pattern.test.ts']],
  ['the repository cache never expires (repositoryCacheTtlMs ignored)', 'src/ecr/repository-cache.ts', 'expiresAt: now() + options.ttlMs', 'expiresAt: Infinity', ['test/ecr', 'test/context', 'test/router']],
];

const copy = mkdtempSync(path.join(tmpdir(), 'ecr-event-router-by-hand-'));
const skip = new Set(['node_modules', '.git', 'dist', '.stryker-tmp', 'coverage', '.bench-out', '.test-build', '.aws-sam']);
cpSync(root, copy, { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
const jest = path.join(root, 'node_modules/jest/bin/jest.js');
let missed = 0;
try {
  for (const [what, file, code, bug, tests] of bugs) {
    const target = path.join(copy, file);
    const original = readFileSync(target, 'utf8');
    const at = original.indexOf(code);
    if (at < 0 || original.indexOf(code, at + 1) >= 0) throw new Error(`${file}: the code of "${what}" is not there exactly once; update mutation/by-hand.mjs`);
    writeFileSync(target, original.replace(code, bug));
    const run = spawnSync(process.execPath, [jest, '--silent', ...tests], { cwd: copy, encoding: 'utf8' });
    writeFileSync(target, original);
    const summary = /^Tests: .*$/m.exec(run.stderr + run.stdout)?.[0] ?? '(no summary)';
    const caught = run.status !== 0 && /failed/.test(summary);
    if (!caught) missed++;
    console.log(`${caught ? 'CAUGHT' : 'MISSED'}  ${what}  (${file}; ${summary.replace(/\s+/g, ' ')})`);
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}
console.log(`${bugs.length - missed} of ${bugs.length} caught`);
process.exit(missed ? 1 : 0);
