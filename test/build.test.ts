import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
// A package directory of its own inside the repo (so node_modules resolves), never the shared dist/.
const pkg = join(root, '.test-build', `build-${process.pid}`);
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: pkg, encoding: 'utf8' });

// One build for the file: esbuild bundles plus tsc declarations take a few seconds.
beforeAll(() => {
  mkdirSync(pkg, { recursive: true });
  copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out', join(pkg, 'dist')], { cwd: root });
}, 120_000);
afterAll(() => rmSync(pkg, { recursive: true, force: true }));

describe('the published build', () => {
  const probe = `
    const names = Object.keys(m).filter((k) => k !== 'default').sort();
    const router = m.createRouter({ logger: { debug() {}, info() {}, warn() {}, error() {} } }).on('ECR Image Scan', () => undefined);
    console.log(JSON.stringify({ names, pattern: router.eventPattern() }));`;

  it('is importable as CommonJS and as ESM with the same API', () => {
    const cjs = JSON.parse(node(['-e', `const m = require('ecr-event-router'); ${probe}`]));
    const esm = JSON.parse(node(['--input-type=module', '-e', `import * as m from 'ecr-event-router'; ${probe}`]));
    expect(cjs).toEqual(esm);
    expect(cjs.names).toEqual(expect.arrayContaining(['createRouter', 'matchesPattern', 'EventValidationError', 'eventSchemas', 'ImageActionEvent']));
    expect(cjs.pattern).toEqual({ source: ['aws.ecr'], 'detail-type': ['ECR Image Scan'] });
  });

  it('serves JSON Schemas from its own subpath without copying the event schemas', () => {
    const out = node(['-e', `const { eventJsonSchema } = require('ecr-event-router/json-schema'); console.log(JSON.stringify(eventJsonSchema('ECR Image Action').required))`]);
    expect(JSON.parse(out)).toEqual(expect.arrayContaining(['detail', 'detail-type', 'source']));
    const bundle = readFileSync(join(pkg, 'dist/cjs/json-schema.js'), 'utf8');
    expect(bundle).toContain('require("ecr-event-router")');
    expect(bundle).not.toContain('ECR Pull Through Cache Action');
  });

  it('does not load the ECR SDK when the package is imported', () => {
    const out = node(['-e', `require('ecr-event-router'); console.log(Object.keys(require.cache).some((k) => k.includes('@aws-sdk/client-ecr')))`]);
    expect(out.trim()).toBe('false');
  });
});
