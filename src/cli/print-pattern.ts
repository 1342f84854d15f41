import { buildHandler, type HandlerBuildOptions } from './build-handler';
import { statOrFail } from './inputs';
import { cleanUpOnInterrupt } from './interrupt';
import { startRuntime, type RuntimeProcess } from './runtime-process';

/** Options of the `pattern` command. */
export interface PatternOptions extends HandlerBuildOptions {
  readonly handlerFile: string;
  /** The module's export holding the router (default `router`). */
  readonly routerExport: string;
  readonly functionEnv: Record<string, string>;
  readonly cliFile: string;
}

/** The rule pattern, or the error (init failure, no router export) in Lambda's error shape. */
export type PatternOutcome = { ok: true; pattern: unknown } | { ok: false; errorType: string; errorMessage: string; logs: string };

/**
 * `pattern`: builds the handler and loads it in a child process, as Lambda would at cold start
 * (so its configuration is read from the same environment), then asks the exported router for
 * `eventPattern()`.
 */
export async function printPattern(options: PatternOptions): Promise<PatternOutcome> {
  statOrFail(options.handlerFile, 'handler file');
  const built = await buildHandler(options.handlerFile, options);
  let runtime: RuntimeProcess | undefined;
  const cleanUp = async () => {
    try {
      await runtime?.stop();
    } finally {
      built.dispose();
    }
  };
  const stopListening = cleanUpOnInterrupt(cleanUp);
  try {
    runtime = startRuntime(
      options.cliFile,
      { mode: 'pattern', file: built.file, exportName: options.routerExport },
      { PATH: process.env.PATH, AWS_REGION: process.env.AWS_REGION ?? 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...options.functionEnv },
    );
    const started = await runtime.started;
    if (started.type === 'ready') return { ok: true, pattern: started.pattern };
    if (started.type === 'init-error') return { ok: false, ...started.error, logs: started.logs + runtime.takeStray() };
    return { ok: false, errorType: 'Runtime.Error', errorMessage: 'unexpected message from the runtime', logs: '' };
  } finally {
    stopListening();
    await cleanUp();
  }
}
