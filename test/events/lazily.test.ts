import * as v from 'valibot';
import { built, lazily } from '../../src/events/lazily';

describe('lazily', () => {
  it('builds the schema on its first validation, once, and not before', () => {
    const build = jest.fn(() => v.object({ name: v.string() }));
    const schema = lazily(build);
    expect(build).not.toHaveBeenCalled();
    expect(v.parse(schema, { name: 'a' })).toEqual({ name: 'a' });
    expect(v.safeParse(schema, { name: 1 }).success).toBe(false);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('reports the issues of the schema it builds, with their paths', () => {
    const schema = lazily(() => v.object({ detail: v.object({ count: v.number() }) }));
    const result = v.safeParse(schema, { detail: { count: 'x' } });
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toEqual(['detail.count']);
  });
});

describe('built', () => {
  it('gives the schema behind a lazy one, building it if it was not yet, the same object every time', () => {
    const inner = v.object({ name: v.string() });
    const build = jest.fn(() => inner);
    const schema = lazily(build);
    expect(built(schema)).toBe(inner);
    expect(built(schema)).toBe(inner);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('gives a schema that is not lazy as it is', () => {
    const plain = v.string();
    expect(built(plain)).toBe(plain);
  });
});
