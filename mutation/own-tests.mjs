/**
 * Slices run against their own test files only (those that mirror their src/ files), instead of
 * every test file that imports them. Every test file of the project imports src/events, so
 * following imports (`--findRelatedTests`) ran the whole suite for each of its mutants, hours per
 * slice on two cores; with their own tests the `events` slice takes ~30 minutes. It is also the
 * stricter measure: a mutant must be caught by the tests of its module, not by an example far away.
 *
 * `coverageAnalysis: 'all'` where the code under test runs once per process: the event schemas are
 * built on first use (src/events/lazily.ts), inside whichever test validates first, and per-test
 * coverage would credit a builder's mutants to that one test alone (a run that did so reported the
 * schemas at 21–44 %: their mutants ran only a test that never looks at the field).
 */
export const ownTests = {
  events: {
    tests: ['test/events/**/*.test.ts', 'test/json-schema.test.ts'],
    // Type-level tests: they run tsc on the sources, which Stryker's instrumented copy does not pass.
    ignore: ['named-types'],
    coverageAnalysis: 'all',
  },
  'part:ecr-http': {
    tests: ['test/ecr/http/**/*.test.ts', 'test/ecr/clients.test.ts'],
  },
};
