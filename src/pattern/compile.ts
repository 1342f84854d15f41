import { InvalidPatternError } from '../errors';
import type { EventMatcher } from './types';
import { compileLeaf, isRecord, kind, MAX_ARRAY_DEPTH, OPERATOR_NAMES, type FieldMatcher } from './leaf';

/**
 * Compiles the object structure of a pattern: fields (AND), nested objects, and `$or`. Leaves
 * (matcher arrays) are compiled by `./leaf`. Validation happens here, once; the returned closures
 * only read the event.
 */

/** Tests one object level of the event; `undefined` stands for "no object here" (absent or a leaf). */
const { hasOwnProperty } = Object.prototype;

type LevelMatcher = (object: Readonly<Record<string, unknown>> | undefined) => boolean;

/** Compiles a whole pattern, reporting errors under `path` (e.g. "detail" for a detail filter). */
export function compileRoot(pattern: unknown, path: string): EventMatcher {
  if (!isRecord(pattern)) throw new InvalidPatternError(path, `an event pattern must be a JSON object, got ${kind(pattern)}`);
  return nodeMatcher(compileLevel(pattern, path, false));
}

function compileLevel(pattern: Readonly<Record<string, unknown>>, path: string, insideOr: boolean): LevelMatcher {
  const keys: string[] = [];
  const fields: FieldMatcher[] = [];
  const alternatives: LevelMatcher[][] = [];
  for (const [key, value] of Object.entries(pattern)) {
    // JSON.stringify drops undefined members, so the rule EventBridge would get has no such field.
    if (value === undefined) continue;
    const at = path ? `${path}.${key}` : key;
    if (key === '$or') {
      alternatives.push(compileOr(value, at));
      continue;
    }
    // event-ruler refuses operator names as field names inside $or, where they would be ambiguous.
    if (insideOr && OPERATOR_NAMES.has(key)) throw new InvalidPatternError(at, `"${key}" is an operator and cannot be a field name inside $or`);
    if (Array.isArray(value)) {
      keys.push(key);
      fields.push(compileLeaf(value, at));
    } else if (isRecord(value)) {
      keys.push(key);
      fields.push(nodeMatcher(compileLevel(value, at, insideOr)));
    } else {
      throw new InvalidPatternError(at, `a field must map to an array of matchers or to a nested pattern object, got ${kind(value)}`);
    }
  }
  if (keys.length === 0 && alternatives.length === 0) throw new InvalidPatternError(path, 'empty objects are not allowed');

  return (object) => {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      // Own properties only: a field named "constructor" must not find Object.prototype's.
      // (hasOwnProperty.call, not Object.hasOwn: Node 20's optimiser inlines only the former.)
      const value = object !== undefined && hasOwnProperty.call(object, key) ? object[key] : undefined;
      if (!fields[i]!(value)) return false;
    }
    for (const branches of alternatives) {
      if (!branches.some((branch) => branch(object))) return false;
    }
    return true;
  };
}

/** `$or` takes an array of at least two patterns, each matched against the same object as its siblings. */
function compileOr(value: unknown, path: string): LevelMatcher[] {
  if (!Array.isArray(value) || value.length < 2) {
    throw new InvalidPatternError(path, `$or takes an array of at least two patterns, got ${Array.isArray(value) ? `${value.length}` : kind(value)}`);
  }
  return value.map((branch, i) => {
    if (!isRecord(branch)) throw new InvalidPatternError(`${path}[${i}]`, `each $or branch must be a pattern object, got ${kind(branch)}`);
    return compileLevel(branch, `${path}[${i}]`, true);
  });
}

/**
 * Applies a level to an event value. An array of objects matches if one element matches the
 * whole level, so two fields can never be satisfied by different elements (EventBridge's
 * "array-consistent" matching); nested arrays are flattened. A value with no object in it
 * (absent, a leaf, an empty array) is matched as "no object", where only `exists: false` holds.
 */
function nodeMatcher(level: LevelMatcher): FieldMatcher {
  return (value) => {
    if (!Array.isArray(value)) return level(isRecord(value) ? value : undefined);
    const found = someObject(value, level);
    return found === undefined ? level(undefined) : found;
  };
}

/** Whether some object in a (possibly nested) array matches; undefined when the array holds no object. */
function someObject(values: readonly unknown[], level: LevelMatcher, depth = 1): boolean | undefined {
  let sawObject: boolean | undefined;
  for (const value of values) {
    const result = Array.isArray(value)
      ? depth < MAX_ARRAY_DEPTH
        ? someObject(value, level, depth + 1)
        : undefined
      : isRecord(value)
        ? level(value)
        : undefined;
    if (result === true) return true;
    if (result === false) sawObject = false;
  }
  return sawObject;
}
