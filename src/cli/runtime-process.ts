import { fork, type ChildProcess } from 'node:child_process';
import type { InvokeMessage, RuntimeArgs, RuntimeMessage } from './lambda-runtime';

/** The hidden command under which the CLI runs as the Lambda-like runtime of a child process. */
export const RUNTIME_COMMAND = '__lambda-runtime';

/** A child process running a built handler; see `lambda-runtime.ts` for its side. */
export interface RuntimeProcess {
  /** The first message: `ready` (with init logs) or `init-error`. */
  readonly started: Promise<RuntimeMessage>;
  /** Runs one event; resolves with the result, or `undefined` when the process died or timed out. */
  invoke(message: InvokeMessage): Promise<(RuntimeMessage & { type: 'result' }) | { type: 'timeout' | 'exit'; logs: string }>;
  /** Output written around the runtime's capture (raw fd writes, crashes), since last taken. */
  takeStray(): string;
  stop(): void;
}

/** Starts the CLI itself (`cliFile`) as a runtime process with a Lambda-like environment. */
export function startRuntime(cliFile: string, args: RuntimeArgs, env: NodeJS.ProcessEnv): RuntimeProcess {
  const child: ChildProcess = fork(cliFile, [RUNTIME_COMMAND, args.mode, args.exportName, args.file], {
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    execArgv: ['--enable-source-maps'],
  });
  let stray = '';
  child.stdout?.on('data', (chunk: Buffer) => (stray += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stray += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const nextMessage = () =>
    new Promise<RuntimeMessage | undefined>((resolve) => {
      const onMessage = (message: RuntimeMessage) => {
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = () => {
        child.off('message', onMessage);
        resolve(undefined);
      };
      child.once('message', onMessage);
      child.once('exit', onExit);
    });

  const started = nextMessage().then(
    (message) =>
      message ?? {
        type: 'init-error' as const,
        logs: '',
        error: { errorType: 'Runtime.ExitError', errorMessage: 'the runtime process exited before the handler was loaded' },
      },
  );
  return {
    started,
    async invoke(message) {
      const reply = nextMessage();
      child.send(message);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), message.timeoutMs);
      });
      const outcome = await Promise.race([reply, timeout]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        child.kill('SIGKILL');
        await exited;
        return { type: 'timeout', logs: '' };
      }
      if (!outcome || outcome.type !== 'result') {
        await exited;
        return { type: 'exit', logs: outcome?.logs ?? '' };
      }
      return outcome;
    },
    takeStray() {
      const taken = stray;
      stray = '';
      return taken;
    },
    stop() {
      if (child.connected) child.disconnect();
      if (child.exitCode === null) child.kill();
    },
  };
}
