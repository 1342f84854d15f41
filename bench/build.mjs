// esbuild bundles for the benchmarks, written to .bench-out/ (gitignored): each variant as a
// user's build would make it (minified, platform node, target node20, CommonJS), with the AWS SDK
// bundled in, or left external as the nodejs22.x runtime provides it (how template.yaml builds).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const outDir = path.join(root, '.bench-out');

/**
 * Bundles `entry` (relative to the repo root) to `.bench-out/<name>.cjs` and returns its path,
 * size and esbuild metafile. `external` lists packages left to the runtime.
 */
export async function bundle(name, entry, { external = [], minify = true } = {}) {
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${name}.cjs`);
  const result = await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    minify,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external,
    metafile: true,
    logLevel: 'error',
  });
  const output = result.metafile.outputs[path.relative(process.cwd(), outfile)] ?? Object.values(result.metafile.outputs)[0];
  return { outfile, bytes: output.bytes, metafile: result.metafile, output };
}
