import type { Context } from 'aws-lambda';

/** Parent → runtime: run the handler on one event. */
export interface InvokeMessage {
  readonly type: 'invoke';
  readonly event: unknown;
  readonly requestId: string;
  readonly timeoutMs: number;
}

/** Runtime → parent messages. `logs` is what the code wrote to stdout/stderr meanwhile. */
export type RuntimeMessage =
  | { readonly type: 'ready'; readonly logs: string; readonly pattern?: unknown }
  | { readonly type: 'init-error'; readonly logs: string; readonly error: SerializedError }
  | ({ readonly type: 'result'; readonly requestId: string; readonly logs: string; readonly durationMs: number } & ResultOutcome);

/**
 * How an invocation ended. `fatal`: the runtime cannot go on (an unhandled rejection, as in
 * Lambda) and exits after sending this; the next event needs a fresh runtime process.
 */
export type ResultOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: SerializedError; readonly fatal?: boolean };

/** The errorType Lambda's Node.js runtime gives an invocation during which a rejection went unhandled. */
export const UNHANDLED_REJECTION = 'Runtime.UnhandledPromiseRejection';

/** An error as Lambda reports it to the caller. */
export interface SerializedError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stack?: string[];
}

/** How the parent tells the runtime what to load (argv after the hidden command name). */
export interface RuntimeArgs {
  readonly file: string;
  readonly exportName: string;
  /** `invoke`: wait for events; `pattern`: send the `exportName` router's eventPattern() and exit. */
  readonly mode: 'invoke' | 'pattern';
}

/**
 * The child side of `invoke` and `pattern`: a small stand-in for the Lambda Node.js runtime.
 * Loads the built handler (init), then runs it once per `invoke` message with a Lambda-like
 * context, capturing what it writes so each invocation's logs come back with its result.
 */
export function runLambdaRuntime(args: RuntimeArgs): void {
  const sendToParent = (message: RuntimeMessage) => process.send?.(message);
  const logs = captureOutput();
  let handler: (event: unknown, context: Context, callback: (error?: unknown, value?: unknown) => void) => unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(args.file) as Record<string, unknown>;
    if (args.mode === 'pattern') {
      const router = module[args.exportName] as { eventPattern?: () => unknown } | undefined;
      if (typeof router?.eventPattern !== 'function') {
        throw new TypeError(`the module exports no "${args.exportName}" with an eventPattern() method: export the router beside the handler, e.g. \`export const ${args.exportName} = createRouter()…\``);
      }
      sendToParent({ type: 'ready', logs: logs.take(), pattern: router.eventPattern() });
      process.disconnect?.();
      return;
    }
    const candidate = module[args.exportName];
    if (typeof candidate !== 'function') {
      const exported = Object.keys(module).filter((k) => typeof module[k] === 'function');
      // The name Lambda gives this init failure.
      throw Object.assign(new Error(`the module exports no function "${args.exportName}" (functions it exports: ${exported.join(', ') || 'none'}); use --handler to name another`), {
        name: 'Runtime.HandlerNotFound',
      });
    }
    handler = candidate as typeof handler;
  } catch (error) {
    sendToParent({ type: 'init-error', logs: logs.take(), error: serializeError(error, 'Runtime.InitError') });
    process.disconnect?.();
    return;
  }
  sendToParent({ type: 'ready', logs: logs.take() });

  /** The invocation running now, if any; a result is only ever sent for it, tagged with its requestId. */
  let current: { readonly requestId: string; readonly started: number; settled: boolean } | undefined;
  /** A rejection no invocation was running to take: it fails the next one, as the runtime's crash would. */
  let pendingRejection: SerializedError | undefined;
  const finish = (invocation: NonNullable<typeof current>, outcome: ResultOutcome, then?: () => void) => {
    if (invocation.settled) return;
    invocation.settled = true;
    if (current === invocation) current = undefined;
    const message: RuntimeMessage = { type: 'result', requestId: invocation.requestId, logs: logs.take(), durationMs: performance.now() - invocation.started, ...outcome };
    if (then) process.send?.(message, undefined, undefined, then);
    else sendToParent(message);
  };
  /** Lambda's Node.js runtime fails the invocation and exits on an unhandled rejection; so does this one. */
  const failAndExit = (invocation: NonNullable<typeof current>, error: SerializedError) => {
    process.removeAllListeners('message');
    finish(invocation, { ok: false, error, fatal: true }, () => process.exit(1));
    setTimeout(() => process.exit(1), 1000).unref();
  };

  process.on('message', (message: InvokeMessage) => {
    if (message.type !== 'invoke') return;
    const invocation = { requestId: message.requestId, started: performance.now(), settled: false };
    current = invocation;
    if (pendingRejection) {
      const error = pendingRejection;
      pendingRejection = undefined;
      failAndExit(invocation, error);
      return;
    }
    const deadline = Date.now() + message.timeoutMs;
    const context = lambdaContext(message.requestId, deadline);
    const callback = (error?: unknown, value?: unknown) => finish(invocation, error ? { ok: false, error: serializeError(error) } : { ok: true, value });
    try {
      const returned = handler(message.event, context, callback);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(
          (value) => finish(invocation, { ok: true, value }),
          (error: unknown) => finish(invocation, { ok: false, error: serializeError(error) }),
        );
      }
    } catch (error) {
      finish(invocation, { ok: false, error: serializeError(error) });
    }
  });
  process.on('unhandledRejection', (reason) => {
    const error = { ...serializeError(reason, UNHANDLED_REJECTION), errorType: UNHANDLED_REJECTION };
    if (current && !current.settled) {
      failAndExit(current, error);
    } else {
      // Between invocations (e.g. left behind by the last one): write it to the logs now and fail the next invocation with it.
      process.stderr.write(`ERROR\tUnhandled Promise Rejection\t${JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage })}\n`);
      pendingRejection ??= error;
    }
  });
}

function lambdaContext(requestId: string, deadline: number): Context {
  const env = process.env;
  const name = env.AWS_LAMBDA_FUNCTION_NAME ?? 'local';
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${env.AWS_REGION ?? 'us-east-1'}:123456789012:function:${name}`,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    awsRequestId: requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? `/aws/lambda/${name}`,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Lambda's error shape: `errorType` is the error's name (HandlerFailedError, ConfigurationError, …). */
export function serializeError(error: unknown, fallbackType = 'Error'): SerializedError {
  if (error instanceof Error) {
    return { errorType: error.name || fallbackType, errorMessage: error.message, stack: error.stack?.split('\n') };
  }
  return { errorType: fallbackType, errorMessage: typeof error === 'string' ? error : JSON.stringify(error) };
}

/** Collects what is written to stdout and stderr (console.* included) until taken. */
function captureOutput(): { take(): string } {
  let buffer = '';
  const capture = (chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void): boolean => {
    buffer += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    done?.();
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  return {
    take() {
      const taken = buffer;
      buffer = '';
      return taken;
    },
  };
}
