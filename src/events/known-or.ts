import * as v from 'valibot';

/**
 * A string that is usually one of `known`, typed so editors complete the known values,
 * but that accepts any other string: AWS adds enumeration values (new action types, results,
 * storage classes) without notice, and a new value must not make a real event invalid.
 */
export function knownOr<const T extends readonly [string, ...string[]]>(known: T) {
  return v.union([v.picklist(known), v.string()]) as unknown as v.GenericSchema<T[number] | (string & {})>;
}
