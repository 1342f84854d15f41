// `npm start`: runs every handler in handlers/ on every sample event in events/ through the CLI,
// offline (ECR and SNS answered by a local fake from examples/registry.json), with the
// environment template.yaml gives each function (examples/env.json). No AWS account needed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { buildCli } from './build-cli.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = await buildCli();
const handlers = readdirSync(path.join(root, 'handlers')).filter((f) => f.endsWith('.ts')).sort();
let failed = 0;
for (const file of handlers) {
  const args = ['invoke', `handlers/${file}`, 'events', '--offline', 'examples/registry.json', '--env-vars', 'examples/env.json'];
  console.log(`\n$ ecr-event-router ${args.join(' ')}`);
  const { status } = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  if (status !== 0) failed += 1;
}
console.log(failed ? `\n${failed} handler(s) had failed invocations` : `\nAll ${handlers.length} handlers ran on every sample event, offline.`);
process.exitCode = failed ? 1 : 0;
