import { beforeDeadline } from '../../src/ecr/deadline';
import { DeadlineExceededError } from '../../src/errors';

afterEach(() => jest.useRealTimers());

describe('beforeDeadline', () => {
  it('leaves no timer behind once a request is answered in time', async () => {
    jest.useFakeTimers();
    await expect(beforeDeadline({ remainingTimeMs: () => 60_000, marginMs: 500 }, 'DescribeImages', async () => 'answer')).resolves.toBe('answer');
    // A timer left for each request would keep a warm container's event loop busy for the rest of the invocation.
    expect(jest.getTimerCount()).toBe(0);
  });

  it('leaves no timer behind once a request fails in time', async () => {
    jest.useFakeTimers();
    await expect(beforeDeadline({ remainingTimeMs: () => 60_000, marginMs: 500 }, 'DescribeImages', () => Promise.reject(new Error('denied')))).rejects.toThrow('denied');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('fires at the margin before the end: the signal aborts and the request rejects with the time left', async () => {
    jest.useFakeTimers();
    let remaining = 10_000;
    let signal: { readonly aborted: boolean } | undefined;
    const pending = beforeDeadline({ remainingTimeMs: () => remaining, marginMs: 500 }, 'DescribeImages', (s) => {
      signal = s;
      return new Promise(() => undefined);
    }).catch((error: unknown) => error);
    remaining = 501;
    jest.advanceTimersByTime(9_499);
    expect(signal?.aborted).toBe(false);
    remaining = 500;
    jest.advanceTimersByTime(1);
    const error = await pending;
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(error).toMatchObject({ operation: 'DescribeImages', remainingMs: 500 });
    expect(signal?.aborted).toBe(true);
  });

  it('abandons a request without sending it when the margin is already reached', async () => {
    const send = jest.fn(async () => 'answer');
    const error = await beforeDeadline({ remainingTimeMs: () => 500, marginMs: 500 }, 'DescribeImages', send).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(error).toMatchObject({ operation: 'DescribeImages', remainingMs: 500 });
    expect(send).not.toHaveBeenCalled();
  });

  it('keeps a deadline as far off as a timer can wait (2^31-1 ms), and treats a farther one as none', async () => {
    jest.useFakeTimers();
    const signalFor = async (budgetMs: number) => {
      let signal: unknown = 'not sent';
      await beforeDeadline({ remainingTimeMs: () => budgetMs + 500, marginMs: 500 }, 'DescribeImages', async (s) => {
        signal = s;
      });
      return signal;
    };
    // setTimeout fires at once for a longer delay: a deadline past it would abandon every request at once.
    expect(await signalFor(2 ** 31 - 1)).toMatchObject({ aborted: false });
    expect(await signalFor(2 ** 31)).toBeUndefined();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('sends without a signal when there is no deadline', async () => {
    const seen: unknown[] = [];
    await beforeDeadline(undefined, 'DescribeImages', async (s) => void seen.push(s));
    expect(seen).toEqual([undefined]);
  });
});
