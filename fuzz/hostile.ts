/**
 * Hostile input for the router, shared by the small property run in `npm test`
 * (test/fuzz/) and the 100,000-case run of `npm run fuzz` (fuzz/main.ts).
 *
 * Cases start from the sample events in `events/` (every detail-type), then mutate them:
 * wrong types at any path, missing fields, strings and arrays up to EventBridge's 256 KB event
 * limit, deep nesting, own `__proto__`/`constructor`/`prototype` keys (made with JSON.parse, as
 * the Lambda runtime would), values JSON cannot carry (functions, symbols, BigInt, Dates, cycles,
 * getters that throw, thenables), and detail-type/source swaps. Each case checks that
 *   - the router resolves, or rejects with one of its own typed errors (EcrEventRouterError);
 *   - the input is not mutated (a fingerprint of every own property descriptor, before and after);
 *   - Object.prototype and Array.prototype are not polluted;
 *   - the dispatch ends (a per-case time limit).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { Context as LambdaContext, SQSEvent } from 'aws-lambda';
import * as fc from 'fast-check';
import { createJsonLogger, createRouter, EcrEventRouterError, ecrDetailTypes, type Router, type RouterOptions } from '../src/index';

/** A JSON object as read from a sample file. */
export type JsonObject = Record<string, unknown>;

/** EventBridge's maximum event size (PutEvents entry), the largest input the Lambda target sees from a rule. */
export const MAX_EVENT_BYTES = 256 * 1024;

/** Every sample event in `dir` (the repository's `events/`), parsed. */
export function loadSamples(dir: string): JsonObject[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonObject);
}

// ---------------------------------------------------------------------------------------------
// Values

/** A value to put somewhere in an event; a thunk, so each case gets fresh objects to mutate. */
type ValueMaker = { readonly label: string; readonly make: () => unknown };

/**
 * A deep copy of a JSON value. Not structuredClone: under jest that builds objects of the outer
 * realm, whose prototype is not the test's Object.prototype.
 */
function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

const maker = (label: string, make: () => unknown): ValueMaker => ({ label, make });
const json = (label: string, value: unknown): ValueMaker => maker(label, () => cloneJson(value));

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

function throwingGetter(): unknown {
  return Object.defineProperty({}, 'repository-name', {
    enumerable: true,
    get() {
      throw new Error('getter that throws');
    },
  });
}

const nonJsonValues: ValueMaker[] = [
  maker('function', () => () => 'a function'),
  maker('symbol', () => Symbol('hostile')),
  maker('bigint', () => 10n ** 30n),
  maker('date', () => new Date(0)),
  maker('invalid date', () => new Date(Number.NaN)),
  maker('map', () => new Map([['repository-name', 'x']])),
  maker('set', () => new Set(['x'])),
  maker('regexp', () => /x/g),
  maker('typed array', () => new Uint8Array([1, 2, 3])),
  maker('null-prototype object', () => Object.assign(Object.create(null) as object, { 'repository-name': 'x' })),
  maker('error', () => new Error('an error as a value')),
  maker('never-settling thenable', () => ({ then() {} })),
  maker('object with a throwing getter', throwingGetter),
  maker('object with a throwing toJSON', () => ({ toJSON() {
    throw new Error('toJSON that throws');
  } })),
  maker('boxed string', () => new String('x')),
  maker('sparse array', () => [, , 'x']), // eslint-disable-line no-sparse-arrays
  maker('NaN', () => Number.NaN),
  maker('Infinity', () => Number.POSITIVE_INFINITY),
  maker('-0', () => -0),
  maker('undefined', () => undefined),
];

const pollutingKeys = ['__proto__', 'constructor', 'prototype'] as const;

/** An object with an own `key` (JSON.parse makes `__proto__` an own data property, as the Lambda runtime would). */
function withOwnKey(key: string, value: string): unknown {
  return JSON.parse(`{${JSON.stringify(key)}: ${value}}`);
}

const pollutingValues: ValueMaker[] = pollutingKeys.flatMap((key) => [
  maker(`own ${key} key`, () => withOwnKey(key, '{"polluted":"yes","toString":"x","repository-name":"x"}')),
  maker(`own ${key} key holding prototype`, () => withOwnKey(key, '{"prototype":{"polluted":"yes"},"__proto__":{"polluted":"yes"}}')),
]);

/** Wrong types, huge and deep values, non-JSON values, prototype-polluting objects. */
export const hostileValue: fc.Arbitrary<ValueMaker> = fc.oneof(
  { weight: 16, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => json('json value', value)) },
  { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => json('string', s)) },
  { weight: 6, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)).map((value) => maker('primitive', () => value)) },
  { weight: 9, arbitrary: fc.constantFrom(...nonJsonValues) },
  { weight: 9, arbitrary: fc.constantFrom(...pollutingValues) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1_000, max: MAX_EVENT_BYTES }), fc.constantFrom('x', 'é', '😀', '\uD800', '\u0000', '"'))
      .map(([n, unit]) => maker(`string of ${n} × ${JSON.stringify(unit)}`, () => unit.repeat(Math.ceil(n / unit.length)))),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1_000, max: MAX_EVENT_BYTES / 4 }), fc.constantFrom<unknown>('a', 1, null, {}, []))
      .map(([n, item]) => maker(`array of ${n}`, () => Array.from({ length: n }, () => cloneJson(item)))),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 100, max: MAX_EVENT_BYTES / 8 }), fc.constantFrom<'array' | 'object'>('array', 'object'))
      .map(([depth, kind]) => maker(`${kind} nested ${depth} deep`, () => nested(depth, kind))),
  },
);

// ---------------------------------------------------------------------------------------------
// Mutations

/** One change to an event; `at` picks a node (modulo the number of nodes when it is applied). */
export type Mutation =
  | { readonly kind: 'replace'; readonly at: number; readonly value: ValueMaker }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'add-key'; readonly at: number; readonly key: string; readonly value: ValueMaker }
  | { readonly kind: 'cycle'; readonly at: number; readonly to: 'root' | 'parent'; readonly asNewKey: boolean }
  | { readonly kind: 'detail-type'; readonly value: string }
  | { readonly kind: 'source'; readonly value: string };

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

/** A valid event varied in ways AWS may vary it: ids, names, new keys, a replay name. */
function variedSample(samples: readonly JsonObject[]): fc.Arbitrary<JsonObject> {
  return fc
    .record({
      sample: fc.constantFrom(...samples),
      id: fc.option(fc.uuid(), { nil: undefined }),
      newKey: fc.option(fc.tuple(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })), { nil: undefined }),
      replay: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    })
    .map(({ sample, id, newKey, replay }) => {
      const event = cloneJson(sample);
      if (id !== undefined) event.id = id;
      if (newKey) (event.detail as JsonObject)[newKey[0] === '__proto__' ? 'proto' : newKey[0]] = newKey[1];
      if (replay !== undefined) event['replay-name'] = replay;
      return event;
    });
}

/** A case: a (varied) sample event and the mutations to apply to it; none for a valid event. */
export interface EventCase {
  readonly base: JsonObject;
  readonly mutations: readonly Mutation[];
}

/** Valid events (about one case in six) and mutated ones. */
export function eventCase(samples: readonly JsonObject[]): fc.Arbitrary<EventCase> {
  return fc.record({
    base: variedSample(samples),
    mutations: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 5, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }) }),
  });
}

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

/** Builds the input of a case: the base event with each mutation applied in turn. */
export function buildInput(c: EventCase): unknown {
  let root: unknown = cloneJson(c.base);
  for (const m of c.mutations) {
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

/** A short description of a case for failure reports (never the whole, possibly 256 KB, input). */
export function describeCase(c: EventCase): string {
  const ms = c.mutations.map((m) =>
    m.kind === 'replace' || m.kind === 'add-key'
      ? `${m.kind}@${m.at}${m.kind === 'add-key' ? `[${JSON.stringify(m.key)}]` : ''}=${m.value.label}`
      : m.kind === 'cycle'
        ? `cycle@${m.at}->${m.to}${m.asNewKey ? ' as new key' : ''}`
        : m.kind === 'delete'
          ? `delete@${m.at}`
          : `${m.kind}=${JSON.stringify(m.value)}`,
  );
  return `${String(c.base['detail-type'])} ${String(c.base.id)} [${ms.join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------
// Invariants

/**
 * Every own property descriptor reachable from `value` (values, getters, setters, attributes,
 * prototypes, extensibility) as a flat list; equal lists mean nothing was changed.
 * Iterative, so a 30,000-deep nesting does not overflow the stack.
 */
export function fingerprint(value: unknown): unknown[] {
  const out: unknown[] = [];
  const ids = new Map<object, number>();
  const queue: object[] = [];
  const visit = (v: unknown) => {
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null) {
      out.push(typeof v, v);
      return;
    }
    let id = ids.get(v);
    if (id === undefined) {
      id = ids.size;
      ids.set(v, id);
      queue.push(v);
    }
    out.push('ref', id);
  };
  visit(value);
  for (let i = 0; i < queue.length; i++) {
    const object = queue[i]!;
    out.push('object', i, Object.getPrototypeOf(object), Object.isExtensible(object));
    for (const key of Reflect.ownKeys(object)) {
      const desc = Object.getOwnPropertyDescriptor(object, key)!;
      out.push(key, desc.enumerable, desc.configurable);
      if ('value' in desc) {
        out.push('value', desc.writable);
        visit(desc.value);
      } else {
        out.push('accessor', desc.get, desc.set);
      }
    }
    if (object instanceof Date) out.push('date', object.getTime());
    if (object instanceof Map || object instanceof Set) out.push('size', object.size);
  }
  return out;
}

/** Where the first difference between two fingerprints is, or undefined when they are equal. */
export function fingerprintDiff(before: readonly unknown[], after: readonly unknown[]): string | undefined {
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    if (!Object.is(before[i], after[i])) return `fingerprint differs at token ${i}: ${safeString(before[i])} → ${safeString(after[i])}`;
  }
  return undefined;
}

const guardedPrototypes = [Object.prototype, Array.prototype, Function.prototype, String.prototype];

/** The shallow state of the built-in prototypes a polluting write would change. */
export function prototypeState(): unknown[] {
  const out: unknown[] = [];
  for (const proto of guardedPrototypes) {
    for (const key of Reflect.ownKeys(proto)) {
      const desc = Object.getOwnPropertyDescriptor(proto, key)!;
      out.push(key, desc.value, desc.get, desc.set);
    }
  }
  return out;
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

// ---------------------------------------------------------------------------------------------
// Routers under test

/** A fake ECR client: answers every Describe* call from the request, and fails for some names. */
function fakeEcrClient(): ECRClient {
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const input = command.input;
    const name = String(input.repositoryName ?? (input.repositoryNames as string[] | undefined)?.[0] ?? '');
    if (name.includes('fail')) throw Object.assign(new Error('fake ECR failure'), { name: 'ServerException' });
    if (name.includes('gone')) throw Object.assign(new Error('gone'), { name: 'RepositoryNotFoundException' });
    switch (command.constructor.name) {
      case 'DescribeRepositoriesCommand':
        return { repositories: ((input.repositoryNames as string[]) ?? []).map((repositoryName) => ({ repositoryName })) };
      case 'DescribeImagesCommand':
        return { imageDetails: ((input.imageIds as object[]) ?? []).map((id) => ({ ...id, imageSizeInBytes: 1 })) };
      case 'DescribeImageScanFindingsCommand':
        return { imageScanStatus: { status: 'COMPLETE' }, imageScanFindings: { findings: [] } };
      case 'DescribeImageReplicationStatusCommand':
        return { replicationStatuses: [] };
      case 'DescribePullThroughCacheRulesCommand':
        return { pullThroughCacheRules: [{ ecrRepositoryPrefix: (input.ecrRepositoryPrefixes as string[] | undefined)?.[0] }] };
      default:
        return {};
    }
  };
  return { send } as unknown as ECRClient;
}

/** A Lambda context whose deadline is `remainingMs` away. */
export function lambdaContext(remainingMs: () => number): LambdaContext {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'fuzz',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fuzz',
    memoryLimitInMB: '128',
    awsRequestId: 'fuzz',
    logGroupName: 'fuzz',
    logStreamName: 'fuzz',
    getRemainingTimeInMillis: remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The routers every case goes through, and what their handlers saw. */
export interface Harness {
  readonly targets: readonly { readonly name: string; readonly router: Router; readonly context?: LambdaContext }[];
  /** Errors a context lookup rejected with that are not the framework's own: each one is a failure. */
  readonly foreignLookupErrors: unknown[];
  /** Bytes the debug-level JSON logger wrote (it must survive cyclic, BigInt and 256 KB events). */
  logged: number;
}

/** Registers a route per detail-type that calls every lookup its context offers, and some filtered routes. */
function withRoutes(router: Router, harness: Harness, throwSometimes: boolean): Router {
  for (const detailType of ecrDetailTypes) {
    router.on(detailType, async (event, ctx) => {
      const lookups = Object.entries(ctx).filter(([key, value]) => typeof value === 'function' && key !== 'log');
      await Promise.all(
        lookups.map(async ([, lookup]) => {
          try {
            await (lookup as () => Promise<unknown>)();
          } catch (error) {
            if (!(error instanceof EcrEventRouterError)) harness.foreignLookupErrors.push(error);
          }
        }),
      );
      if (throwSometimes && event.id.includes('a')) throw new Error('handler failure');
    });
  }
  router
    .on('ECR Image Action', { 'action-type': [{ 'anything-but': 'PUSH' }], 'repository-name': [{ prefix: 'my' }] }, () => undefined)
    .on('ECR Image Scan', { 'finding-severity-counts': { CRITICAL: [{ numeric: ['>', 0] }] } }, () => undefined)
    .on('ECR Image Scan', { 'image-tags': [{ exists: true }], 'repository-name': [{ wildcard: '*repo*' }] }, () => undefined)
    .on('AWS API Call via CloudTrail', { eventName: [{ 'equals-ignore-case': 'putimage' }], requestParameters: { repositoryName: [{ suffix: 'x' }] } }, () => undefined)
    .on('ECR Replication Action', { $or: [{ result: ['FAILURE'] }, { 'repository-name': [{ exists: false }] }] }, () => undefined);
  return router;
}

/** Three routers with different policies; the first logs at debug level (the full event) into a counter. */
export function createHarness(): Harness {
  const harness: Harness = { targets: [], foreignLookupErrors: [], logged: 0 };
  const logger = createJsonLogger({ level: 'debug', write: (line) => void (harness.logged += line.length) });
  const base: RouterOptions = { logger, ecrClient: fakeEcrClient() };
  const targets = [
    { name: 'default, debug logging', router: withRoutes(createRouter(base), harness, false) },
    {
      name: 'strict policies, failing handlers, near deadline',
      router: withRoutes(
        createRouter({ ...base, logger: createJsonLogger({ level: 'info', write: () => undefined }), onUnknownDetailType: 'reject', allowedAccounts: ['123456789012'], allowedRegions: ['us-east-1', 'us-west-2'], deadlineMarginMs: 50 }),
        harness,
        true,
      ),
      // Alternates between plenty of time and none, so some lookups are abandoned at the deadline.
      context: lambdaContext((() => {
        let calls = 0;
        return () => (++calls % 3 === 0 ? 10 : 60_000);
      })()),
    },
    { name: 'foreign sources ignored', router: withRoutes(createRouter({ ...base, onForeignSource: 'ignore' }), harness, false) },
  ];
  (harness.targets as typeof targets).push(...targets);
  return harness;
}

/** What one dispatch ended in, for the run's summary. */
export type Outcome = string;

/** Runs `call` and reports a hang after `timeoutMs`. */
async function withTimeout<T>(call: () => Promise<T>, timeoutMs: number): Promise<{ value?: T; error?: unknown; hung?: true; threw: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<{ hung: true; threw: false }>((resolve) => {
    timer = setTimeout(() => resolve({ hung: true, threw: false }), timeoutMs);
  });
  try {
    return await Promise.race([
      call().then(
        (value) => ({ value, threw: false }),
        (error: unknown) => ({ error, threw: true }),
      ),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The checks common to every target: typed errors only, no mutation, no pollution, no hang, no foreign lookup error. */
async function checkDispatch(
  harness: Harness,
  input: unknown,
  call: () => Promise<unknown>,
  timeoutMs: number,
  outcomes: Map<Outcome, number> | undefined,
): Promise<string | undefined> {
  const before = fingerprint(input);
  const protoBefore = prototypeState();
  const errorsBefore = harness.foreignLookupErrors.length;
  const result = await withTimeout(call, timeoutMs);
  if (result.hung) return `did not end within ${timeoutMs} ms`;
  if (result.threw && !(result.error instanceof EcrEventRouterError)) {
    const e = result.error;
    return `threw a non-framework error: ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : safeString(e)}`;
  }
  const mutated = fingerprintDiff(before, fingerprint(input));
  if (mutated) return `mutated its input: ${mutated}`;
  const polluted = fingerprintDiff(protoBefore, prototypeState());
  if (polluted || ({} as Record<string, unknown>).polluted !== undefined) return `polluted a built-in prototype: ${polluted ?? 'polluted'}`;
  if (harness.foreignLookupErrors.length > errorsBefore) {
    return `a lookup rejected with a non-framework error: ${safeString(harness.foreignLookupErrors[errorsBefore])}`;
  }
  if (outcomes) {
    const outcome = result.threw
      ? `rejected: ${(result.error as EcrEventRouterError).name}${'reason' in (result.error as object) ? `/${String((result.error as { reason: unknown }).reason)}` : ''}`
      : `resolved: ${safeString((result.value as { status?: unknown } | undefined)?.status ?? (Array.isArray((result.value as { batchItemFailures?: unknown })?.batchItemFailures) ? 'batch' : result.value))}`;
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  return undefined;
}

/** Checks one event case against every router; returns a failure description, or undefined. */
export async function checkEventCase(harness: Harness, c: EventCase, options: { timeoutMs?: number; outcomes?: Map<Outcome, number> } = {}): Promise<string | undefined> {
  for (const target of harness.targets) {
    const input = buildInput(c);
    const handler = target.router.handler();
    const failure = await checkDispatch(harness, input, () => handler(input, target.context), options.timeoutMs ?? 5_000, options.outcomes);
    if (failure) return `${target.name}: ${failure}`;
    // A valid, unmutated sample must be handled by the default router: the fuzz would prove nothing if it were refused.
    if (c.mutations.length === 0 && target === harness.targets[0]) {
      const result = await handler(buildInput(c));
      if (result.status !== 'handled') return `${target.name}: a valid event was ${result.status}`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// SQS batches

/** One record of a hostile SQS batch: a body and changes to the record's own fields. */
export interface RecordCase {
  readonly body: { readonly kind: 'event'; readonly event: EventCase } | { readonly kind: 'sns'; readonly event: EventCase } | { readonly kind: 'raw'; readonly body: ValueMaker };
  readonly messageId: ValueMaker | undefined;
  readonly eventSourceARN: ValueMaker | undefined;
  readonly drop: readonly ('body' | 'messageId' | 'attributes')[];
}

export interface BatchCase {
  readonly records: readonly RecordCase[];
  readonly fifo: boolean;
  /** Replace the whole SQS event (or its Records) with a hostile value. */
  readonly envelope: ValueMaker | undefined;
  readonly recordsValue: ValueMaker | undefined;
}

/** `arbitrary` once in `oneIn` cases, else undefined. */
function rarely<T>(arbitrary: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

const text = (label: string, s: string) => maker(label, () => s);

export function batchCase(samples: readonly JsonObject[]): fc.Arbitrary<BatchCase> {
  const event = eventCase(samples);
  const record: fc.Arbitrary<RecordCase> = fc.record({
    body: fc.oneof(
      { weight: 4, arbitrary: event.map((e) => ({ kind: 'event' as const, event: e })) },
      { weight: 1, arbitrary: event.map((e) => ({ kind: 'sns' as const, event: e })) },
      {
        weight: 2,
        arbitrary: fc
          .oneof(
            fc.constantFrom(text('invalid JSON', '{"id":'), text('empty', ''), text('JSON null', 'null'), text('SNS without Message', '{"Type":"Notification"}'), text('SNS with bad Message', '{"Type":"Notification","Message":"{"}'), text('own __proto__', '{"__proto__":{"polluted":"yes"},"source":"aws.ecr","detail-type":"ECR Image Action"}')),
            fc.string({ unit: 'binary', maxLength: 30 }).map((s) => text('string', s)),
            hostileValue,
          )
          .map((body) => ({ kind: 'raw' as const, body })),
      },
    ),
    messageId: rarely(hostileValue, 40),
    eventSourceARN: rarely(hostileValue, 20),
    drop: rarely(fc.constantFrom<readonly ('body' | 'messageId' | 'attributes')[]>(['body'], ['messageId'], ['attributes']), 30).map((d) => d ?? []),
  });
  return fc.record({
    records: fc.array(record, { minLength: 0, maxLength: 6 }),
    fifo: fc.boolean(),
    envelope: rarely(hostileValue, 25),
    recordsValue: rarely(hostileValue, 25),
  });
}

/** A JSON body for an event case, or a marker body when the mutated event is not JSON (a cycle, a BigInt). */
function bodyOf(c: EventCase): string {
  try {
    return JSON.stringify(buildInput(c)) ?? 'undefined';
  } catch {
    return '{"not":"serializable"}';
  }
}

export function buildBatch(b: BatchCase): unknown {
  if (b.envelope) return b.envelope.make();
  const queue = b.fifo ? 'arn:aws:sqs:us-east-1:123456789012:ecr-events.fifo' : 'arn:aws:sqs:us-east-1:123456789012:ecr-events';
  const records = b.records.map((r, i) => {
    const body =
      r.body.kind === 'event'
        ? bodyOf(r.body.event)
        : r.body.kind === 'sns'
          ? JSON.stringify({ Type: 'Notification', MessageId: `sns-${i}`, TopicArn: 'arn:aws:sns:us-east-1:123456789012:ecr', Message: bodyOf(r.body.event) })
          : r.body.body.make();
    const record: Record<string, unknown> = {
      messageId: r.messageId ? r.messageId.make() : `m-${i}`,
      receiptHandle: `rh-${i}`,
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: r.eventSourceARN ? r.eventSourceARN.make() : queue,
      awsRegion: 'us-east-1',
    };
    for (const key of r.drop) delete record[key];
    return record;
  });
  return { Records: b.recordsValue ? b.recordsValue.make() : records };
}

/** Checks one SQS batch against every router's sqsHandler: the common checks, and a well-formed response. */
export async function checkBatchCase(harness: Harness, b: BatchCase, options: { timeoutMs?: number; outcomes?: Map<Outcome, number> } = {}): Promise<string | undefined> {
  for (const target of harness.targets) {
    const input = buildBatch(b);
    const sqs = target.router.sqsHandler();
    let response: unknown;
    const failure = await checkDispatch(
      harness,
      input,
      async () => (response = await sqs(input as SQSEvent, target.context)),
      options.timeoutMs ?? 10_000,
      options.outcomes,
    );
    if (failure) return `${target.name} (sqs): ${failure}`;
    if (response !== undefined) {
      const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
      if (!Array.isArray(failures)) return `${target.name} (sqs): response has no batchItemFailures array`;
      const records = recordsOf(input);
      if (!records) return `${target.name} (sqs): resolved for an input without a Records array`;
      const ids = new Set(records.map((r) => r.messageId));
      for (const f of failures as { itemIdentifier?: unknown }[]) {
        if (typeof f.itemIdentifier !== 'string' || !ids.has(f.itemIdentifier)) return `${target.name} (sqs): batchItemFailures names ${safeString(f.itemIdentifier)}, not a record of the batch`;
      }
      // A record whose body is not JSON can never succeed.
      const reported = new Set((failures as { itemIdentifier: string }[]).map((f) => f.itemIdentifier));
      for (const r of records) {
        if (r.body === '{"id":' && !reported.has(r.messageId as string)) return `${target.name} (sqs): a record with invalid JSON was not reported failed`;
      }
    }
  }
  return undefined;
}

function recordsOf(input: unknown): { messageId: unknown; body: unknown }[] | undefined {
  const records = (input as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) return undefined;
  return records.map((r: unknown) => (typeof r === 'object' && r !== null ? (r as { messageId: unknown; body: unknown }) : { messageId: undefined, body: undefined }));
}
