// Mutation testing (issue 19). Run through `npm run mutate -- <slice>` (mutation/run.mjs), which
// sets MUTATE_SLICE; `npx stryker run mutation/stryker.config.mjs` alone mutates every slice at once.
import { ownTests } from './own-tests.mjs';
import { parts, slices } from './slices.mjs';

const all = { ...slices, ...Object.fromEntries(Object.entries(parts).map(([name, globs]) => [`part:${name}`, globs])) };

const slice = process.env.MUTATE_SLICE;
if (slice !== undefined && !(slice in all)) throw new Error(`unknown slice ${slice}: one of ${Object.keys(all).join(', ')}`);
const name = slice ?? 'all';
const own = slice === undefined ? undefined : ownTests[slice];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: slice ? all[slice] : Object.values(slices).flat(),
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // Only the suites that run src/ in this process: the CLI, build, bench and template suites
    // spawn node processes or read templates, which Stryker cannot relate to a mutant (and they
    // are the slowest).
    config: {
      // jest.config.js's roots are test/ alone, and --findRelatedTests only follows imports
      // through files inside the roots: without src/ a mutant of src/context would run only the
      // tests that import it directly.
      roots: ['<rootDir>/test', '<rootDir>/src'],
      testPathIgnorePatterns: [
        '/node_modules/', '<rootDir>/test/cli/', '<rootDir>/test/build.test.ts',
        '<rootDir>/test/bench-guards.test.ts', '<rootDir>/test/template.test.ts', '<rootDir>/test/security-template.test.ts',
        ...(own?.ignore ?? []),
      ],
      // A slice listed in own-tests.mjs runs its own test files only.
      ...(own ? { testMatch: own.tests.map((glob) => `<rootDir>/${glob}`) } : {}),
    },
    // A mutant runs only the test files that import its file (and, per-test coverage, only the
    // tests that reached it); or, for a slice of own-tests.mjs, only those files.
    enableFindRelatedTests: own === undefined,
  },
  coverageAnalysis: own?.coverageAnalysis ?? 'perTest',
  // Type-invalid mutants are compile errors, not survivors. The checker is one process and, on a
  // busy 2-core machine, the slowest part of a run (each mutant re-checks src/ with the SDK's and
  // valibot's types): MUTATE_TYPECHECK=off skips it for a quick look, at the price of counting
  // type-invalid mutants that no test kills as survivors (the score is then a lower bound).
  checkers: process.env.MUTATE_TYPECHECK === 'off' ? [] : ['typescript'],
  tsconfigFile: 'mutation/tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // The machine has 2 cores shared with other work: two test runners at most (MUTATE_CONCURRENCY=1 to be frugal).
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 2),
  timeoutMS: 5000,
  timeoutFactor: 2,
  ignorePatterns: ['dist', '.bench-out', '.test-build', '.aws-sam', 'coverage', 'reports', 'mutation/reports'],
  // MUTATE_INCREMENTAL=on keeps each mutant's result in mutation/reports/<slice>.incremental.json
  // and, on the next run, re-tests only the mutants whose code or covering tests changed (a
  // survivor a new test reaches is re-tested; a mutant killed by an unchanged test is not).
  incremental: process.env.MUTATE_INCREMENTAL === 'on',
  incrementalFile: `mutation/reports/${name.replace(':', '-')}.incremental.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `mutation/reports/${name.replace(':', '-')}.html` },
  jsonReporter: { fileName: `mutation/reports/${name.replace(':', '-')}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 90, low: 80, break: null },
};
