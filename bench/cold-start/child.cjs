// Runs in a fresh `node` process, as the Lambda runtime would: require the bundled handler
// module (the init phase), invoke it once on a sample event, and report timings relative to
// the process's own start (performance.timeOrigin), plus peak RSS.
'use strict';
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

const [bundle, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const lambdaContext = {
  functionName: 'bench',
  awsRequestId: 'bench',
  getRemainingTimeInMillis: () => 30_000,
};

const beforeInit = performance.now();
const { handler } = require(bundle);
const afterInit = performance.now();
handler(event, lambdaContext).then(
  (result) => {
    const done = performance.now();
    const report = {
      startup: beforeInit, // node bootstrap until user code runs (same for every variant)
      init: afterInit - beforeInit, // require() of the bundle: Lambda's INIT phase
      invoke: done - afterInit, // the first invocation
      total: done, // process start → handler resolved
      maxRssKb: process.resourceUsage().maxRSS,
      sdkLoaded: Object.keys(require.cache).some((p) => p.includes('@aws-sdk/client-ecr')),
      result,
    };
    process.stdout.write(JSON.stringify(report) + '\n', () => process.exit(0));
  },
  (error) => {
    process.stderr.write(`handler failed: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
