import type { ECRClient } from '@aws-sdk/client-ecr';
import { DeadlineExceededError } from '../errors';

/** The signal `client.send` takes, by the SDK's own type: the published declarations then name no Node or DOM global. */
export type SdkAbortSignal = NonNullable<NonNullable<Parameters<ECRClient['send']>[1]>['abortSignal']>;

/** When the Lambda invocation ends, and how much of it to leave for the handler's own work. */
export interface Deadline {
  /** Milliseconds the invocation has left, e.g. Lambda's `context.getRemainingTimeInMillis`. */
  readonly remainingTimeMs: () => number;
  /** Abandon a request when the invocation has less than this left. */
  readonly marginMs: number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs `send` with an AbortSignal that fires when the invocation reaches the deadline's margin,
 * and rejects with {@link DeadlineExceededError} then (or at once, when the margin is already
 * reached). It races `send` against the signal rather than trusting the SDK to reject on abort:
 * the retry strategy may be sleeping between attempts, and a timeout in Lambda loses the logs
 * that say which call hung. The lookup layer renames the error after the resource it was for.
 */
export async function beforeDeadline<T>(
  deadline: Deadline | undefined,
  operation: string,
  send: (abortSignal: SdkAbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (!deadline) return send(undefined);
  const remaining = deadline.remainingTimeMs();
  const budget = remaining - deadline.marginMs;
  // Stryker disable next-line StringLiteral: equivalent, the lookup session renames the error after the resource it was for (lookup-session.ts, failure) before anyone sees it
  if (budget <= 0) throw new DeadlineExceededError(operation, 'a request', remaining);
  // setTimeout fires at once for delays past 2^31-1 ms (with a warning); such a deadline is no deadline.
  if (!(budget <= MAX_TIMER_MS)) return send(undefined);

  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      // Stryker disable next-line StringLiteral: equivalent, the lookup session renames the error after the resource it was for (lookup-session.ts, failure) before anyone sees it
      reject(new DeadlineExceededError(operation, 'a request', deadline.remainingTimeMs()));
    }, budget);
  });
  try {
    return await Promise.race([send(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
