/**
 * A promise per key: the first caller starts the work, later and concurrent callers get the same
 * promise. A rejected promise is forgotten as soon as it settles, so a failure is never cached.
 */
export interface Memo<T> {
  (key: string, start: () => Promise<T>): Promise<T>;
}

/** Creates an empty {@link Memo}; a lookup session holds one per operation. */
export function createMemo<T>(): Memo<T> {
  const promises = new Map<string, Promise<T>>();
  return (key, start) => {
    const existing = promises.get(key);
    if (existing) return existing;
    const promise = start();
    promises.set(key, promise);
    promise.catch(() => {
      if (promises.get(key) === promise) promises.delete(key);
    });
    return promise;
  };
}
