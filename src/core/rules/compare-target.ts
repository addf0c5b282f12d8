// Comparing a value with a rule's target, and the exact counts a target asks for.

import type { TargetOperator } from './rule-types.ts';

/** Tolerance for float noise, e.g. 0.6 * 76 / 100 style products. */
const EPSILON = 1e-9;

export function meetsTarget(value: number, op: TargetOperator, target: number): boolean {
  switch (op) {
    case '>=':
      return value >= target - EPSILON;
    case '>':
      return value > target + EPSILON;
    case '<=':
      return value <= target + EPSILON;
    case '<':
      return value < target - EPSILON;
    case '=':
      return Math.abs(value - target) <= EPSILON;
  }
}

/**
 * For a share target over `total` whole items (units, places, facilities): how many items must
 * meet the condition. For '>=' 60% of 76 that is ceil(45.6) = 46; for '>' it is floor(x) + 1;
 * for '<=' / '<' the largest count still allowed.
 */
export function requiredCount(op: TargetOperator, percent: number, total: number): number {
  const exact = (percent * total) / 100;
  switch (op) {
    case '>=':
    case '=':
      return Math.ceil(exact - EPSILON);
    case '>':
      return Math.floor(exact + EPSILON) + 1;
    case '<=':
      return Math.floor(exact + EPSILON);
    case '<':
      return Math.ceil(exact - EPSILON) - 1;
  }
}

/**
 * How many more (for >= / >) or fewer (for <= / <) whole items are needed to meet a share target,
 * given `meeting` items meet it now. 0 when met.
 */
export function countShortfall(op: TargetOperator, percent: number, total: number, meeting: number): number {
  const required = requiredCount(op, percent, total);
  if (op === '<=' || op === '<') return Math.max(0, meeting - required);
  if (op === '=') return Math.abs(required - meeting);
  return Math.max(0, required - meeting);
}

/** Whether a target asks for "at least" (the usual case) or "at most". */
export function isUpperBound(op: TargetOperator): boolean {
  return op === '<=' || op === '<';
}

/** Share in percent; 0 of 0 reads as 100% only for 'nothing to cover' callers that ask for it. */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? (100 * part) / whole : 0;
}
