import * as v from 'valibot';
import { clip, EcrEventRouterError, UnroutableEventError, type IssueSummary } from './errors';
import { eventSchemas, isKnownDetailType, type EcrDetailType, type EcrEvent } from './events';

/** What the router should do with an input, decided before any handler runs. */
export type Classified =
  | { kind: 'event'; detailType: EcrDetailType; event: EcrEvent }
  | { kind: 'unknown-detail-type'; detailType: string; eventId: string | undefined }
  | { kind: 'foreign-source'; source: string; eventId: string | undefined }
  | { kind: 'invalid'; eventId: string | undefined; detailType: string | undefined; issues: IssueSummary[] };

/** Which accounts and regions may send events; absent means any. */
export interface AdmissionPolicy {
  readonly accounts?: ReadonlySet<string>;
  readonly regions?: ReadonlySet<string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * valibot issues → path + message, the path in the event's own key spelling
 * (`detail.repository-name`). The message says what was expected and what *kind* of value came,
 * never the value: valibot's default messages quote it, and an error message ends up in logs
 * (Lambda logs a failed invocation's error) where the event's content must not.
 */
export function summarizeIssues(issues: readonly v.BaseIssue<unknown>[]): IssueSummary[] {
  return issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: describeIssue(issue) }));
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  // A message of our own (e.g. the time format) does not quote the input; keep it.
  if (!issue.message.includes(issue.received)) return issue.message;
  if (issue.input === undefined) return `missing: expected ${issue.expected ?? issue.type}`;
  const what = issue.kind === 'schema' ? 'type' : issue.type;
  return `invalid ${what}: expected ${issue.expected ?? issue.type}, received ${shapeOf(issue.input)}`;
}

/** What kind of value came, without its content: `a string of 12 characters`, `an array of 3 items`. */
export function shapeOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * Decides what an input is: a valid event of a known detail-type, an `aws.ecr` event of a type
 * this version does not know (AWS adds types), an invalid one (the router throws
 * {@link EventValidationError}), or something to refuse with a typed error, thrown here.
 * Never mutates the input: valibot builds the output as new objects.
 */
export function classify(input: unknown, policy: AdmissionPolicy): Classified {
  try {
    return classifyRecord(input, policy);
  } catch (error) {
    if (error instanceof EcrEventRouterError) throw error;
    // Parsed JSON cannot throw when read; a direct invocation can pass a getter or a Proxy that does.
    const reason = error instanceof Error ? error.message : 'a non-Error value was thrown';
    return { kind: 'invalid', eventId: undefined, detailType: undefined, issues: [{ path: '', message: `the event could not be read: ${reason}` }] };
  }
}

function classifyRecord(input: unknown, policy: AdmissionPolicy): Classified {
  if (!isRecord(input)) {
    const what = input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input;
    throw new UnroutableEventError('not-an-eventbridge-event', undefined, `expected an EventBridge event object, received ${what}`);
  }
  const eventId = str(input.id);
  const source = str(input.source);
  const detailType = str(input['detail-type']);
  if (source === undefined || detailType === undefined) {
    throw new UnroutableEventError(
      'not-an-eventbridge-event',
      eventId,
      `event ${clip(eventId ?? '(no id)')} is not an EventBridge event: it has no string "source" and "detail-type"`,
    );
  }
  // Only AWS can publish `aws.*` sources on EventBridge, so this is a real guard against forged events.
  if (source !== 'aws.ecr') return { kind: 'foreign-source', source, eventId };
  if (!isKnownDetailType(detailType)) return { kind: 'unknown-detail-type', detailType, eventId };

  const result = v.safeParse(eventSchemas[detailType], input);
  if (!result.success) return { kind: 'invalid', eventId, detailType, issues: summarizeIssues(result.issues) };
  const event = result.output as EcrEvent;

  if (policy.accounts && !policy.accounts.has(event.account)) {
    throw new UnroutableEventError('account-not-allowed', eventId, `event ${clip(eventId ?? '(no id)')} comes from account ${clip(event.account)}, which is not allowed`);
  }
  if (policy.regions && !policy.regions.has(event.region)) {
    throw new UnroutableEventError('region-not-allowed', eventId, `event ${clip(eventId ?? '(no id)')} comes from region ${clip(event.region)}, which is not allowed`);
  }
  return { kind: 'event', detailType, event };
}
