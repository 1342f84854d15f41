import { InvalidPatternError } from './errors';
import type { DetailFilter, EventPattern } from './pattern';

/** A route as the rule pattern sees it. */
export interface PatternRoute {
  readonly detailType: string;
  readonly filter: DetailFilter | undefined;
}

/** Account and region allow-lists, which the rule can enforce before Lambda is invoked. */
export interface PatternScope {
  readonly accounts?: readonly string[];
  readonly regions?: readonly string[];
}

/**
 * The narrowest EventBridge rule pattern that still delivers every event some route wants.
 * A detail-type with an unfiltered route needs no detail filter; otherwise each filter becomes
 * one branch of a top-level `$or`, so filters of different detail-types never widen each other.
 */
export function rulePattern(routes: readonly PatternRoute[], scope: PatternScope = {}): EventPattern {
  if (routes.length === 0) throw new InvalidPatternError('', 'the router has no routes, so no rule pattern can cover them');
  const unfiltered: string[] = [];
  const filtered = new Map<string, DetailFilter[]>();
  for (const { detailType, filter } of routes) {
    if (!filter) {
      if (!unfiltered.includes(detailType)) unfiltered.push(detailType);
      filtered.delete(detailType);
    } else if (!unfiltered.includes(detailType)) {
      const list = filtered.get(detailType) ?? [];
      if (!list.some((f) => JSON.stringify(f) === JSON.stringify(filter))) list.push(filter);
      filtered.set(detailType, list);
    }
  }
  const branches: Record<string, unknown>[] = [];
  if (unfiltered.length > 0) branches.push({ 'detail-type': unfiltered });
  for (const [detailType, filters] of filtered) {
    for (const detail of filters) branches.push({ 'detail-type': [detailType], detail });
  }
  const base: Record<string, unknown> = { source: ['aws.ecr'] };
  if (scope.accounts?.length) base.account = [...scope.accounts];
  if (scope.regions?.length) base.region = [...scope.regions];
  const pattern = branches.length === 1 ? { ...base, ...branches[0] } : { ...base, $or: branches };
  return pattern as EventPattern;
}
