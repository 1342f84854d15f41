/** Collects items asked for in the same turn and resolves them with as few calls as possible. */
export interface Batcher<I, R> {
  /** Queues `item`; it is sent with every other item queued before the next macrotask. */
  add(item: I): Promise<R>;
}

/** How a {@link Batcher} sends: at most `maxBatchSize` items per `run`, whose results are in item order. */
export interface BatcherOptions<I, R> {
  readonly maxBatchSize: number;
  readonly run: (items: readonly I[]) => Promise<readonly R[]>;
}

interface Pending<I, R> {
  readonly item: I;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Creates a {@link Batcher}. It flushes on `setImmediate`, not on a microtask: handlers for the
 * records of an SQS batch start concurrently, and each one awaits a few promises (validation,
 * middleware) before it asks for its image; a microtask flush would send before they all joined.
 * Chunks of one flush are sent concurrently.
 */
export function createBatcher<I, R>(options: BatcherOptions<I, R>): Batcher<I, R> {
  let pending: Pending<I, R>[] = [];

  const flush = (): void => {
    const queued = pending;
    pending = [];
    for (let start = 0; start < queued.length; start += options.maxBatchSize) {
      const chunk = queued.slice(start, start + options.maxBatchSize);
      settle(chunk, options.run(chunk.map((p) => p.item)));
    }
  };

  return {
    add(item) {
      return new Promise<R>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ item, resolve, reject });
      });
    },
  };
}

function settle<I, R>(chunk: readonly Pending<I, R>[], results: Promise<readonly R[]>): void {
  results.then(
    (values) => chunk.forEach((p, i) => p.resolve(values[i] as R)),
    (error: unknown) => chunk.forEach((p) => p.reject(error)),
  );
}
