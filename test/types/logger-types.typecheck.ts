// Compiled by `tsc` in `npm test`, not run: loggers users already have fit `createRouter({ logger })`.
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { createRouter, type Logger } from '../../src/index';

createRouter({ logger: new PowertoolsLogger({ serviceName: 'ecr-events' }) });
createRouter({ logger: console });
const own: Logger = { debug() {}, info() {}, warn() {}, error() {} };
createRouter({ logger: own });

// @ts-expect-error a logger must have all four levels
createRouter({ logger: { info() {}, error() {} } });
