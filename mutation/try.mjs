#!/usr/bin/env node
// `node mutation/try.mjs <src file> [<line>[:<column>]…] -- <jest args…>`: applies Stryker's
// mutants of one file one at a time (all of them, or those starting on the lines given), runs jest
// with the given arguments on each, puts the file back, and prints which mutants survived.
// Without `--` and jest arguments it only lists the mutants.
//
// For checking quickly that a new test kills the survivors of a Stryker run: jest runs only the
// files named, where Stryker runs every test file that imports the mutated one (a "killed" here
// is a kill; a "survived" may still be killed by a file not named). Not a replacement for
// `npm run mutate`: the scores in SCORES.md are Stryker's. It writes each mutant into the
// checkout while jest runs and puts the file back after each (and on Ctrl-C): do not edit or
// commit the file meanwhile. mutate:by-hand (by-hand.mjs) checks the issue's own bugs on a copy.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const dashes = args.indexOf('--');
const [file, ...at] = dashes === -1 ? args : args.slice(0, dashes);
const jestArgs = dashes === -1 ? [] : args.slice(dashes + 1);
if (!file) {
  console.error('usage: node mutation/try.mjs <src file> [<line>[:<column>]…] [-- <jest args…>]');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const { Instrumenter } = await import(require.resolve('@stryker-mutator/instrumenter'));
const quiet = { debug() {}, info() {}, trace() {}, warn: console.warn, error: console.error, isDebugEnabled: () => false, isTraceEnabled: () => false, isInfoEnabled: () => false };
const original = readFileSync(file, 'utf8');
const { mutants } = await new Instrumenter(quiet).instrument([{ name: file, mutate: true, content: original }], { excludedMutations: [], ignorers: [], plugins: null });
const lines = original.split('\n');

/** Offset in `original` of a Stryker location (0-based lines and columns). */
const offset = ({ line, column }) => lines.slice(0, line).reduce((n, text) => n + text.length + 1, 0) + column;
const label = (m) => {
  const [from, to] = [offset(m.location.start), offset(m.location.end)];
  return `${m.location.start.line + 1}:${m.location.start.column + 1} ${m.mutatorName} ${JSON.stringify(original.slice(from, to).slice(0, 60))} -> ${JSON.stringify(m.replacement.slice(0, 40))}`;
};

const chosen = mutants.filter((m) => m.status === undefined && (at.length === 0 || at.some((spec) => {
  const [line, column] = spec.split(':').map(Number);
  return m.location.start.line + 1 === line && (column === undefined || m.location.start.column + 1 === column);
})));
if (jestArgs.length === 0) {
  for (const m of chosen) console.log(label(m));
  process.exit(0);
}

const survived = [];
const restore = () => writeFileSync(file, original);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { restore(); process.exit(130); });
try {
  for (const m of chosen) {
    writeFileSync(file, original.slice(0, offset(m.location.start)) + m.replacement + original.slice(offset(m.location.end)));
    const run = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--silent', ...jestArgs], { encoding: 'utf8' });
    const killedBy = /● (.+)/.exec(run.stderr + run.stdout)?.[1];
    console.log(`${run.status === 0 ? 'SURVIVED' : 'killed  '} ${label(m)}${run.status === 0 ? '' : `  (${killedBy ?? `exit ${run.status}`})`}`);
    if (run.status === 0) survived.push(m);
  }
} finally {
  restore();
}
console.log(`${chosen.length} mutants, ${survived.length} survived`);
