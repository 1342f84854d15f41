/**
 * Mutations of an event: replace or delete a value anywhere in it, add a key (a prototype-polluting
 * one, say), make a cycle, swap the detail-type or source; and how they are applied.
 */
import * as fc from 'fast-check';
import { ecrDetailTypes } from '../src/index';
import { hostileValue, pollutingKeys, type ValueMaker } from './hostile-values';

/** One change to an event; `at` picks a node (modulo the number of nodes when it is applied). */
export type Mutation =
  | { readonly kind: 'replace'; readonly at: number; readonly value: ValueMaker }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'add-key'; readonly at: number; readonly key: string; readonly value: ValueMaker }
  | { readonly kind: 'cycle'; readonly at: number; readonly to: 'root' | 'parent'; readonly asNewKey: boolean }
  | { readonly kind: 'detail-type'; readonly value: string }
  | { readonly kind: 'source'; readonly value: string };

/** Any one mutation, mostly replacements, deletions and added keys. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('add-key' as const),
      at: fc.nat(),
      key: fc.oneof(fc.constantFrom(...pollutingKeys, 'toString', 'hasOwnProperty', 'valueOf', 'then', 'length'), fc.string({ maxLength: 12 })),
      value: hostileValue,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('cycle' as const), at: fc.nat(), to: fc.constantFrom<'root' | 'parent'>('root', 'parent'), asNewKey: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('detail-type' as const), value: fc.oneof(fc.constantFrom(...ecrDetailTypes, 'constructor', '__proto__', 'toString'), fc.string()) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('source' as const), value: fc.constantFrom('aws.ecr', 'aws.s3', 'my.app', '', 'AWS.ECR', 'aws.ecr ') }) },
);

type Container = Record<string | number, unknown>;
interface Node {
  readonly parent: Container | undefined;
  readonly key: string | number | undefined;
  readonly value: unknown;
}

function isPlainContainer(value: unknown): value is Container {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** Nodes of the event in breadth-first order (root first), at most `limit` of them. */
function nodesOf(root: unknown, limit = 400): Node[] {
  const nodes: Node[] = [{ parent: undefined, key: undefined, value: root }];
  for (let i = 0; i < nodes.length && nodes.length < limit; i++) {
    const { value } = nodes[i]!;
    if (!isPlainContainer(value)) continue;
    for (const key of Object.keys(value)) {
      const desc = Object.getOwnPropertyDescriptor(value, key);
      if (!desc || !('value' in desc)) continue;
      nodes.push({ parent: value as Container, key: Array.isArray(value) ? Number(key) : key, value: desc.value });
      if (nodes.length >= limit) break;
    }
  }
  return nodes;
}

/** Applies each mutation in turn to `root` (changed in place) and returns the result, which may be a new root. */
export function applyMutations(start: unknown, mutations: readonly Mutation[]): unknown {
  let root = start;
  for (const m of mutations) {
    if (m.kind === 'detail-type' || m.kind === 'source') {
      if (isPlainContainer(root) && !Array.isArray(root)) root[m.kind] = m.value;
      continue;
    }
    const nodes = nodesOf(root);
    const node = nodes[m.at % nodes.length]!;
    switch (m.kind) {
      case 'replace':
        if (node.parent) node.parent[node.key!] = m.value.make();
        else root = m.value.make();
        break;
      case 'delete':
        if (node.parent && Array.isArray(node.parent)) node.parent.splice(node.key as number, 1);
        else if (node.parent) delete node.parent[node.key!];
        break;
      case 'add-key':
        if (isPlainContainer(node.value) && !Array.isArray(node.value) && Object.isExtensible(node.value)) {
          // defineProperty, so that `__proto__` becomes an own key as JSON.parse makes it.
          Object.defineProperty(node.value, m.key, { value: m.value.make(), enumerable: true, writable: true, configurable: true });
        }
        break;
      case 'cycle':
        // As a new key, the cycle survives validation (unknown keys are kept) and reaches the logger and handlers.
        if (m.asNewKey && isPlainContainer(node.value) && !Array.isArray(node.value)) node.value.cycle = m.to === 'root' ? root : node.value;
        else if (node.parent) node.parent[node.key!] = m.to === 'root' ? root : node.parent;
        break;
    }
  }
  return root;
}

/** A short description of a mutation for failure reports. */
export function describeMutation(m: Mutation): string {
  return m.kind === 'replace' || m.kind === 'add-key'
    ? `${m.kind}@${m.at}${m.kind === 'add-key' ? `[${JSON.stringify(m.key)}]` : ''}=${m.value.label}`
    : m.kind === 'cycle'
      ? `cycle@${m.at}->${m.to}${m.asNewKey ? ' as new key' : ''}`
      : m.kind === 'delete'
        ? `delete@${m.at}`
        : `${m.kind}=${JSON.stringify(m.value)}`;
}
