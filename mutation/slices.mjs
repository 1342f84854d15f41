/**
 * The slices `npm run mutate -- <slice>` runs, each small enough for a 2-core machine.
 * Together they cover src/ outside the CLI (src/cli is exercised through child processes, which
 * Stryker cannot relate to the source, and src/index.ts only re-exports).
 */
export const slices = {
  ecr: ['src/ecr/**/*.ts', 'src/context/**/*.ts'],
  router: ['src/router.ts', 'src/admission.ts', 'src/sqs.ts', 'src/rule-pattern.ts'],
  events: ['src/events/**/*.ts'],
  support: [
    'src/logger.ts', 'src/errors.ts', 'src/issues.ts', 'src/lambda-context.ts', 'src/testing/**/*.ts',
    'src/is-record.ts', 'src/middy.ts', 'src/json-schema.ts',
  ],
  pattern: ['src/pattern.ts', 'src/pattern/**/*.ts'],
};

/**
 * Parts of the slices above, for a quicker run after a change to one of them (a slice of ~500
 * mutants takes hours on a busy 2-core machine: every mutant re-runs each test file that imports
 * its file, AWS SDK included).
 */
export const parts = {
  context: ['src/context/**/*.ts'],
  'ecr-operations': ['src/ecr/operations/**/*.ts'],
  'ecr-session': ['src/ecr/lookup-session.ts', 'src/ecr/deadline.ts', 'src/ecr/request.ts', 'src/ecr/repository-cache.ts'],
  router: ['src/router.ts'],
  admission: ['src/admission.ts', 'src/sqs.ts'],
  // The SDK-free transport and the choice of transport (own tests: own-tests.mjs).
  'ecr-http': ['src/ecr/http/**/*.ts', 'src/ecr/clients.ts', 'src/ecr/sdk.ts', 'src/ecr/sdk-transport.ts'],
  // The pattern slice is ~1000 mutants; its leaf matchers alone are ~680.
  'pattern-leaf': ['src/pattern/leaf.ts', 'src/pattern/numeric.ts', 'src/pattern/ip.ts'],
  'pattern-operators': ['src/pattern/wildcard.ts', 'src/pattern/anything-but.ts', 'src/pattern/operands.ts'],
};
