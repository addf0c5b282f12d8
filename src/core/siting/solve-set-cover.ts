// Set covering (LSCP, partial): the fewest new sites that newly cover at least `required` weight —
// the plan's 90% or 100% of people, or every target place. Heuristic: lazy greedy until the
// requirement holds, then drop sites that became redundant (latest first). Lower bound: the
// smallest m for which the MCLP upper bound with m sites still reaches the requirement (sum of the
// m largest single-site gains, sharpened by Lagrangian bounds in a binary search); exact with the
// HiGHS MIP when the reduced instance is small enough.

import type { RunOptions } from '../types.ts';
import type { Bilingual } from '../rules/rule-types.ts';
import type { CoverageMatrix, SitingBound, SitingSolution } from './siting-types.ts';
import { relativeGap } from './siting-types.ts';
import type { Conflicts } from './spacing-conflicts.ts';
import { CoverState, lazyGreedy } from './solve-max-coverage.ts';
import { lagrangianBound } from './bound-max-coverage.ts';
import { solveModel, writeCoverModel, type LinearSolver } from './highs-models.ts';
import { DEFAULT_EXACT_LIMITS, type ExactLimits } from './exact-limits.ts';
import { marginalLosses, tooLargeNote } from './solve-mclp.ts';

export interface SetCoverOptions extends RunOptions {
  /** Weight to cover newly (beyond what the fixed facilities cover). */
  required: number;
  conflicts?: Conflicts | null;
  solver?: LinearSolver;
  limits?: Partial<ExactLimits>;
}

export interface SetCoverSolution extends SitingSolution {
  /** Weight newly covered by the answer. */
  covered: number;
  /** False when even every candidate cannot cover the requirement (the answer then covers what it can). */
  feasible: boolean;
}

/** Smallest m whose m largest single-site weights reach `required` (no m sites can do better). */
function singletonLowerBound(matrix: CoverageMatrix, required: number): number {
  const n = matrix.columnCandidate.length;
  const weights = new Float64Array(n);
  for (let c = 0; c < n; c++) for (let m = matrix.columnStart[c]; m < matrix.columnStart[c + 1]; m++) weights[c] += matrix.rowWeight[matrix.columnRows[m]];
  weights.sort();
  let sum = 0;
  for (let m = 1; m <= n; m++) {
    sum += weights[n - m];
    if (sum >= required * (1 - 1e-12)) return m;
  }
  return n + 1;
}

export function solveSetCover(matrix: CoverageMatrix, options: SetCoverOptions): SetCoverSolution {
  const limits = { ...DEFAULT_EXACT_LIMITS, ...options.limits };
  const notes: Bilingual[] = [];
  const required = options.required;
  const tolerance = 1e-9 * Math.max(1, required);
  let state = new CoverState(matrix, options.conflicts ?? null);
  // Greedy one site at a time until the requirement holds (lazy evaluation inside lazyGreedy).
  while (state.value < required - tolerance) {
    const before = state.chosen.length;
    lazyGreedy(state, before + 1, options);
    if (state.chosen.length === before) break;
  }
  const feasible = state.value >= required - tolerance;
  if (feasible) {
    for (const c of [...state.chosen].reverse()) if (state.value - state.loss(c) >= required - tolerance) state.remove(c);
  } else {
    notes.push({ zh: '所有候选点合计也达不到要求：给出能覆盖的最大部分', en: 'even every candidate together cannot meet the requirement: the answer covers what it can' });
  }
  let sites = state.chosen.length;
  let method: SitingSolution['method'] = 'greedy';
  // Lower bound on the number of sites.
  let lower = Math.min(sites, singletonLowerBound(matrix, required));
  let boundMethod: SitingBound['method'] = 'submodular';
  if (feasible) {
    let lo = lower, hi = sites - 1;
    while (lo <= hi) {
      const m = Math.floor((lo + hi) / 2);
      if (lagrangianBound(matrix, m, required, { ...options, onProgress: undefined }) < required - tolerance) {
        lower = m + 1;
        boundMethod = 'lagrangian';
        lo = m + 1;
      } else hi = m - 1;
    }
  }
  const { solver } = options;
  if (solver && feasible && lower < sites) {
    if (matrix.stats.columns <= limits.mipColumns && matrix.stats.entries <= limits.mipEntries) {
      const answer = solveModel(solver, writeCoverModel({ matrix, conflicts: options.conflicts, integer: true, kind: 'min-sites', required }), true, limits.timeLimitSeconds);
      if (answer.optimal) {
        const exact = new CoverState(matrix, options.conflicts ?? null);
        for (const c of answer.columns) exact.add(c);
        if (exact.value >= required - tolerance && exact.chosen.length <= sites) {
          state = exact;
          sites = exact.chosen.length;
          method = 'mip-highs';
        }
        lower = sites;
        boundMethod = 'mip-highs';
      } else notes.push({ zh: `HiGHS 混合整数规划未得到最优解（${answer.status}）`, en: `the HiGHS MIP did not prove optimality (${answer.status})` });
    } else notes.push(tooLargeNote(matrix, limits));
  }
  return {
    sites: state.chosen.map((c) => matrix.columnCandidate[c]),
    objective: sites,
    sense: 'min',
    method,
    bound: { value: lower, method: boundMethod },
    gap: relativeGap(sites, lower, 'min'),
    marginal: marginalLosses(state),
    notes,
    covered: state.value,
    feasible,
  };
}
