import * as v from 'valibot';

/**
 * A schema built the first time it validates something. Building every detail-type's schemas
 * when the package is imported (about 200 valibot schemas) was the largest part of a cold start
 * that evaluates the framework (~1.2 ms of ~7, bench/README.md "Schemas built on first use"),
 * though a function routes one or two detail-types. The result is a valibot `lazy` schema, so it
 * validates, infers and reports issues exactly as the schema `build` returns; `build` runs once.
 */
export function lazily<S extends v.GenericSchema>(build: () => S): v.GenericSchema<v.InferInput<S>, v.InferOutput<S>> {
  let schema: S | undefined;
  return v.lazy(() => (schema ??= build()));
}

/**
 * The schema behind one made by {@link lazily} (any other schema as it is), built now if it was
 * not yet. A schema built inside another's `build` takes its parts through `built`, so that a
 * whole event is one tree of plain valibot schemas: no lazy step on each validation, and
 * `@valibot/to-json-schema` converts it without `$ref`s.
 */
export function built<S extends v.GenericSchema>(schema: S): S {
  const lazy = schema as unknown as v.LazySchema<S> | S;
  return lazy.type === 'lazy' ? (lazy as v.LazySchema<S>).getter(undefined) : schema;
}
