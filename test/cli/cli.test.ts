import { execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '../..');
const probe = 'test/cli/fixtures/probe-handler.ts';
let cli: string;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'cli-test-'));
  // The CLI as `npm start` runs it: one esbuild bundle, built once for this file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build } = require('esbuild') as typeof import('esbuild');
  cli = path.join(root, 'node_modules/.cache/ecr-event-router/cli-test.js');
  await build({ entryPoints: [path.join(root, 'src/cli/main.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'silent' });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runWith({}, args).done;
}

/** Runs the CLI with more environment variables; `child` is the CLI process, to signal it. */
function runWith(env: NodeJS.ProcessEnv, args: string[]): { child: ChildProcess; done: Promise<{ code: number; signal?: string; stdout: string; stderr: string }> } {
  let child!: ChildProcess;
  const done = new Promise<{ code: number; signal?: string; stdout: string; stderr: string }>((resolve) => {
    child = execFile(process.execPath, [cli, ...args], { cwd: root, env: { PATH: process.env.PATH, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, signal: error?.signal ?? undefined, stdout, stderr }),
    );
  });
  return { child, done };
}

/** Command lines of running processes that mention `text` (the runtime child's argv names its bundle). */
function processesMentioning(text: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(text) && !line.startsWith('ps '));
}

function scratchDir(name: string): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir);
  return dir;
}

const offline = ['--offline', 'examples/registry.json'];

describe('invoke', () => {
  it('runs a handler on one event offline and prints logs, report and result like sam local invoke', async () => {
    const { code, stdout } = await run('invoke', 'handlers/push-notifier.ts', 'events/image-action-push.json', ...offline, '--env-vars', 'examples/env.json');
    expect(code).toBe(0);
    expect(stdout).toMatch(/START RequestId: [0-9a-f-]{36} Version: \$LATEST/);
    expect(stdout).toContain('"message":"push notified"');
    expect(stdout).toContain('SNS Publish (offline, not sent) to arn:aws:sns:eu-west-1:123456789012:PushNotifierTopic: Pushed payments/api:v2.8.1 (41.3 MiB)');
    expect(stdout).toMatch(/REPORT RequestId: .*ECR calls: (DescribeImages, DescribeRepositories|DescribeRepositories, DescribeImages)/);
    expect(stdout).toContain('Result: {"eventId":"a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b","detailType":"ECR Image Action","status":"handled","routes":1}');
    expect(stdout).toContain('1 event(s): 1 succeeded, 0 failed');
  });

  it('runs every file of a folder, one line for events no route wanted', async () => {
    const { code, stdout } = await run('invoke', 'handlers/scan-gate.ts', 'events', ...offline, '--env-vars', 'examples/env.json');
    expect(code).toBe(0);
    expect(stdout).toContain('· events/image-scan-no-findings.json: ECR Image Scan matched no route');
    expect(stdout).toContain('ECR scan gate: payments/api:v2.8.1 has 1 CRITICAL, 4 HIGH');
    expect(stdout).toMatch(/ECR calls: DescribeImageScanFindings/);
    expect(stdout).toMatch(/(\d+) event\(s\): \1 succeeded, 0 failed/);
  });

  it('gives the handler a Lambda-like context and environment, with the offline endpoint', async () => {
    const { code, stdout } = await run('invoke', probe, 'events/pull-through-cache-failed.json', ...offline, '--env', 'GREETING=hi', '--timeout', '7');
    expect(code).toBe(0);
    expect(stdout).toContain('probe says hello');
    const result = JSON.parse(/^Result: (.*)$/m.exec(stdout)?.[1] ?? 'null');
    expect(result).toMatchObject({ functionName: 'ProbeHandlerFunction', region: 'eu-central-1', greeting: 'hi' });
    expect(result.ecrEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.remainingMs).toBeGreaterThan(5000);
    expect(result.remainingMs).toBeLessThanOrEqual(7000);
  });

  it('exits 1 and prints the error when a handler fails', async () => {
    const { code, stdout } = await run('invoke', probe, 'events/image-action-push.json', '--handler', 'failing', ...offline);
    expect(code).toBe(1);
    expect(stdout).toContain('Error: {"errorType":"HandlerFailedError"');
    expect(stdout).toContain('this route always fails');
    expect(stdout).toContain('1 event(s): 0 succeeded, 1 failed');
  });

  it('reports a configuration error at cold start as an init error', async () => {
    const { code, stdout } = await run('invoke', 'handlers/scan-gate.ts', 'events/image-scan-with-findings.json', ...offline);
    expect(code).toBe(1);
    expect(stdout).toContain('INIT ERROR {"errorType":"ConfigurationError","errorMessage":"scan-gate: environment variable TOPIC_ARN is required');
  });

  it('times an invocation out after --timeout seconds', async () => {
    const { code, stdout } = await run('invoke', probe, 'events/image-action-push.json', '--handler', 'slow', '--timeout', '0.3');
    expect(code).toBe(1);
    expect(stdout).toContain('Error: Task timed out after 0.30 seconds');
  });

  it('fails the invocation with an unhandled rejection, and the next event gets its own result', async () => {
    const events = scratchDir('rejecting-events');
    writeFileSync(path.join(events, 'a.json'), JSON.stringify({ id: 'first', reject: true }));
    writeFileSync(path.join(events, 'b.json'), JSON.stringify({ id: 'second' }));
    writeFileSync(path.join(events, 'c.json'), JSON.stringify({ id: 'third' }));
    const { code, stdout } = await run('invoke', 'test/cli/fixtures/rejecting-handler.ts', events);
    expect(code).toBe(1);
    const blocks = stdout.split('━━ ').slice(1);
    expect(blocks).toHaveLength(3);
    // Not the first event's late answer, nor any other's.
    expect(blocks[1]).toContain('Result: {"id":"second"}');
    expect(blocks[2]).toContain('Result: {"id":"third"}');
    expect(blocks[0]).toContain('Error: {"errorType":"Runtime.UnhandledPromiseRejection","errorMessage":"nobody awaited this"}');
    expect(blocks[0]).not.toContain('Result:');
    expect(stdout).toContain('3 event(s): 2 succeeded, 1 failed');
  });

  it('reports a rejection left unhandled between invocations with the next one, not silently', async () => {
    const events = scratchDir('rejecting-between-events');
    writeFileSync(path.join(events, 'a.json'), JSON.stringify({ id: 'first', rejectAfterReturn: true }));
    writeFileSync(path.join(events, 'b.json'), JSON.stringify({ id: 'second' }));
    writeFileSync(path.join(events, 'c.json'), JSON.stringify({ id: 'third' }));
    const { code, stdout } = await run('invoke', 'test/cli/fixtures/rejecting-handler.ts', events);
    expect(code).toBe(1);
    const blocks = stdout.split('━━ ').slice(1);
    expect(blocks[0]).toContain('Result: {"id":"first"}');
    expect(blocks[1]).toContain('rejected after returning');
    expect(blocks[1]).toContain('Error: {"errorType":"Runtime.UnhandledPromiseRejection","errorMessage":"rejected after returning"}');
    expect(blocks[2]).toContain('Result: {"id":"third"}');
  });

  it('gives up on a module that does not finish loading within the init limit', async () => {
    const started = Date.now();
    const { code, stdout } = await runWith({ ECR_EVENT_ROUTER_INIT_TIMEOUT_MS: '500' }, ['invoke', 'test/cli/fixtures/blocking-init.ts', 'events/image-action-push.json', '--timeout', '1']).done;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(1);
    expect(stdout).toContain('INIT ERROR {"errorType":"Runtime.InitTimeout"');
    expect(stdout).toContain('1 event(s): 0 succeeded, 1 failed');
    expect(processesMentioning('blocking-init.js')).toEqual([]);
  });

  it('on SIGTERM stops the handler, removes the build directory and exits 143', async () => {
    const tmp = scratchDir('sigterm-tmp');
    const { child, done } = runWith({ TMPDIR: tmp }, ['invoke', probe, 'events/image-action-push.json', '--handler', 'slow', ...offline]);
    // The runtime child runs from the build directory: wait until it is running the handler.
    for (let i = 0; i < 100 && processesMentioning(tmp).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(processesMentioning(tmp)).not.toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');
    const { code } = await done;
    expect(code).toBe(143);
    expect(readdirSync(tmp)).toEqual([]);
    expect(processesMentioning(tmp)).toEqual([]);
  });

  it('names the exports when --handler names none', async () => {
    const { code, stdout } = await run('invoke', probe, 'events/image-action-push.json', '--handler', 'nope');
    expect(code).toBe(1);
    expect(stdout).toContain('INIT ERROR {"errorType":"Runtime.HandlerNotFound","errorMessage":"the module exports no function \\"nope\\" (functions it exports: failing, handler, slow)');
  });

  it('exits 1 with esbuild\'s message when the handler does not build', async () => {
    const broken = path.join(scratch, 'broken.ts');
    writeFileSync(broken, 'export const handler = (;\n');
    const { code, stderr } = await run('invoke', broken, 'events/image-action-push.json');
    expect(code).toBe(1);
    expect(stderr).toMatch(/error: the handler failed to build:\n .*broken\.ts:1:/);
  });
});

describe('bad input', () => {
  it.each([
    [['invoke', 'handlers/nope.ts', 'events'], 'error: handler file not found: handlers/nope.ts'],
    [['invoke', 'handlers/audit-trail.ts', 'events/nope.json'], 'error: event file or folder not found: events/nope.json'],
    [['invoke', 'handlers/audit-trail.ts'], 'error: invoke takes a handler file and an event file or folder'],
    [['invoke', 'handlers/audit-trail.ts', 'events', '--offline', 'nope.json'], 'error: --offline registry file not found: nope.json'],
    [['invoke', 'handlers/audit-trail.ts', 'events', '--offline', 'events/image-action-push.json'], 'error: events/image-action-push.json: repositories: is missing'],
    [['invoke', 'handlers/audit-trail.ts', 'events', '--timeout', 'soon'], 'error: --timeout expects a positive number, got "soon"'],
    [['invoke', 'handlers/audit-trail.ts', 'events', '--env', 'NOEQUALS'], 'error: --env expects KEY=VALUE, got "NOEQUALS"'],
    [['invoke', 'handlers/audit-trail.ts', 'events', '--frobnicate'], "error: Unknown option '--frobnicate'"],
    [['deploy'], 'error: unknown command "deploy"'],
  ])('%j exits 2: %s', async (args, message) => {
    const { code, stderr, stdout } = await run(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });

  it('exits 2 naming the file when an event file is not JSON, before running anything', async () => {
    const dir = scratchDir('events');
    writeFileSync(path.join(dir, 'a-good.json'), '{"source":"aws.ecr"}');
    writeFileSync(path.join(dir, 'b-bad.json'), '{"source": aws.ecr}');
    const { code, stderr, stdout } = await run('invoke', 'handlers/audit-trail.ts', dir);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: ${path.join(dir, 'b-bad.json')} is not valid JSON`);
    expect(stdout).toBe('');
  });

  it('prints usage and exits 2 without a command', async () => {
    const { code, stdout } = await run();
    expect(code).toBe(2);
    expect(stdout).toContain('Usage:');
  });
});

describe('pattern', () => {
  it("prints the router's rule pattern, read with the function's environment", async () => {
    const { code, stdout } = await run('pattern', 'handlers/push-notifier.ts', '--env-vars', 'examples/env.json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      source: ['aws.ecr'],
      'detail-type': ['ECR Image Action'],
      detail: { 'action-type': ['PUSH'], result: ['SUCCESS'], 'repository-name': [{ prefix: 'payments/' }] },
    });
  });

  it('exits 1 explaining how to export the router when the module has none', async () => {
    const { code, stderr } = await run('pattern', probe, '--router', 'missing');
    expect(code).toBe(1);
    expect(stderr).toContain('exports no "missing" with an eventPattern() method');
  });

  it('gives up on a module that does not finish loading within the init limit', async () => {
    const started = Date.now();
    const { code, stderr } = await runWith({ ECR_EVENT_ROUTER_INIT_TIMEOUT_MS: '500' }, ['pattern', 'test/cli/fixtures/blocking-init.ts']).done;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(code).toBe(1);
    expect(stderr).toContain('Runtime.InitTimeout');
    expect(processesMentioning('blocking-init.js')).toEqual([]);
  });
});
