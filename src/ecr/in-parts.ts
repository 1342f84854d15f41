/** Sends one request for a list of items and returns one result per item, in order. */
export type DescribeMany<I, R> = (items: readonly I[]) => Promise<readonly (R | undefined)[]>;

/** Small batches are cheaper to ask one by one than to halve: 3 items, 1 missing → 3 calls, not 4. */
const ONE_BY_ONE_BELOW = 5;

/**
 * Describes `items` with `describe`; when ECR rejects the whole call because one of them is
 * missing (`isMissing`), asks again in parts, so the items that exist still resolve and only the
 * missing ones are `undefined`. DescribeRepositories with several names throws
 * RepositoryNotFoundException if any is missing, and DescribeImages throws ImageNotFoundException
 * likewise. Parts are halves (about 2·log2(n) extra calls for one missing item in n), or single
 * items for small batches; parts are sent concurrently.
 */
export async function describeInParts<I, R>(
  items: readonly I[],
  describe: DescribeMany<I, R>,
  isMissing: (error: unknown) => boolean,
): Promise<(R | undefined)[]> {
  try {
    return [...(await describe(items))];
  } catch (error) {
    if (!isMissing(error)) throw error;
    if (items.length === 1) return [undefined];
    const parts = items.length < ONE_BY_ONE_BELOW ? items.map((item) => [item]) : halves(items);
    const results = await Promise.all(parts.map((part) => describeInParts(part, describe, isMissing)));
    return results.flat();
  }
}

function halves<I>(items: readonly I[]): I[][] {
  const middle = Math.ceil(items.length / 2);
  return [items.slice(0, middle), items.slice(middle)];
}
