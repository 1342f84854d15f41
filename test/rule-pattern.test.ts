import { createRouter, InvalidPatternError, type DetailFilter } from '../src/index';
import { EVENT_PATTERN_SIZE_QUOTA, rulePattern } from '../src/rule-pattern';
import { quiet } from './helpers/quiet-logger';

function refusal(action: () => unknown): InvalidPatternError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPatternError);
    return error as InvalidPatternError;
  }
  throw new Error('expected an InvalidPatternError, nothing was thrown');
}

/** A router with one route whose filter makes eventPattern() exactly `size` characters long. */
function routerOfPatternSize(size: number) {
  const filter = (pad: string): DetailFilter => ({ 'repository-name': [{ prefix: pad }] });
  const base = JSON.stringify(createRouter({ logger: quiet }).on('ECR Image Action', filter(''), () => undefined).eventPattern()).length;
  return createRouter({ logger: quiet }).on('ECR Image Action', filter('x'.repeat(size - base)), () => undefined);
}

describe('rulePattern', () => {
  it('takes a route without a source for an aws.ecr route', () => {
    expect(rulePattern([{ detailType: 'ECR Image Action', filter: undefined }])).toEqual({ source: ['aws.ecr'], 'detail-type': ['ECR Image Action'] });
  });

  it('drops the filters of a detail-type whose unfiltered route was added first', () => {
    const router = createRouter({ logger: quiet })
      .on('ECR Image Action', () => undefined)
      .on('ECR Image Action', { 'action-type': ['PUSH'] }, () => undefined);
    expect(router.eventPattern()).toEqual({ source: ['aws.ecr'], 'detail-type': ['ECR Image Action'] });
  });

  it('refuses a router without routes, naming no part of the pattern', () => {
    const error = refusal(() => createRouter({ logger: quiet }).eventPattern());
    expect(error.path).toBe('');
    expect(error.message).toBe('invalid event pattern: the router has no routes, so no rule pattern can cover them');
  });

  it('returns a pattern of exactly the quota, and refuses one character more, saying what to do', () => {
    expect(JSON.stringify(routerOfPatternSize(EVENT_PATTERN_SIZE_QUOTA).eventPattern())).toHaveLength(EVENT_PATTERN_SIZE_QUOTA);
    const error = refusal(() => routerOfPatternSize(EVENT_PATTERN_SIZE_QUOTA + 1).eventPattern());
    expect(error.path).toBe('');
    expect(error.message).toBe(
      `invalid event pattern: the rule pattern is 2049 characters, over EventBridge's "Event pattern size" quota of 2048 characters ` +
        '(the default; it can be raised through Service Quotas): use fewer or shorter route filters, or split the routes over several routers',
    );
  });

  it('names detail as where a legacy-syntax filter cannot share a rule', () => {
    const legacy = { $or: { 'repository-name': ['legacy'] } } as unknown as DetailFilter;
    const router = createRouter({ logger: quiet }).on('ECR Image Action', legacy, () => undefined).on('ECR Image Scan', () => undefined);
    expect(refusal(() => router.eventPattern()).path).toBe('detail');
  });

  it('refuses a filter nested too deeply to write as JSON, at detail; another failure to write it is not called depth', () => {
    let deep: Record<string, unknown> = { leaf: ['x'] };
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const error = refusal(() => rulePattern([{ detailType: 'ECR Image Action', filter: deep as DetailFilter }]));
    expect(error.path).toBe('detail');
    expect(error.message).toBe('invalid event pattern at detail: a route filter is nested too deeply to be a rule pattern');
    expect(() => rulePattern([{ detailType: 'ECR Image Action', filter: { size: [1n] } as unknown as DetailFilter }])).toThrow(TypeError);
  });
});
