// Bundles the CLI (src/cli/main.ts) into one CommonJS file for `npm start` and the CLI tests,
// without the full package build: esbuild takes well under a second. Packages stay external and
// resolve from this project's node_modules, which is why the output lives under it.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Builds the CLI and returns the path of the bundle. */
export async function buildCli(outfile = path.join(root, 'node_modules/.cache/ecr-event-router/cli.js')) {
  await build({
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  console.log(await buildCli(process.argv[2] && path.resolve(process.argv[2])));
}
