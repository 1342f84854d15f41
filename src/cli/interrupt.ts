/** Exit codes of a process ended by a signal, as shells report them (128 + signal number). */
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Until the returned function is called, SIGINT and SIGTERM run `cleanup` (stop the runtime
 * child, close the fake ECR, remove the build directory) and then exit with 130 or 143, instead
 * of Node's default of dying on the spot and leaving them behind.
 */
export function cleanUpOnInterrupt(cleanup: () => void | Promise<void>): () => void {
  const handlers = (Object.keys(EXIT_CODES) as (keyof typeof EXIT_CODES)[]).map((signal) => {
    const handler = () => {
      remove();
      Promise.resolve()
        .then(cleanup)
        .catch((error: unknown) => process.stderr.write(`error while cleaning up: ${error instanceof Error ? error.message : String(error)}\n`))
        .finally(() => process.exit(EXIT_CODES[signal]));
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  const remove = () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
  return remove;
}
