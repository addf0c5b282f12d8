// Maximal covering with k new sites: the heuristic answer, its proven upper bound (the best of the
// submodularity, Lagrangian and — when HiGHS is given and the instance fits — LP bounds), and the
// exact MIP answer from HiGHS when the reduced instance is small enough. Every figure says which
// method produced it.

import type { RunOptions } from '../types.ts';
import type { Bilingual } from '../rules/rule-types.ts';
import type { CoverageMatrix, SitingBound, SitingSolution } from './siting-types.ts';
import { relativeGap } from './siting-types.ts';
import type { Conflicts } from './spacing-conflicts.ts';
import { CoverState, solveMaxCoverageHeuristic } from './solve-max-coverage.ts';
import { lagrangianBound, submodularBound } from './bound-max-coverage.ts';
import { solveModel, writeCoverModel, type LinearSolver } from './highs-models.ts';
import { DEFAULT_EXACT_LIMITS, type ExactLimits } from './exact-limits.ts';

export interface MclpOptions extends RunOptions {
  k: number;
  conflicts?: Conflicts | null;
  solver?: LinearSolver;
  limits?: Partial<ExactLimits>;
  greedyOnly?: boolean;
}

export function tooLargeNote(matrix: CoverageMatrix, limits: ExactLimits): Bilingual {
  const { columns, entries } = matrix.stats;
  return {
    zh: `约简后规模（${columns} 个候选点、${entries} 个非零元）超过精确求解上限（${limits.mipColumns} 个候选点、${limits.mipEntries} 个非零元），未运行 HiGHS 混合整数规划`,
    en: `the reduced instance (${columns} candidates, ${entries} nonzeros) exceeds the exact-solver limit (${limits.mipColumns} candidates, ${limits.mipEntries} nonzeros): the HiGHS MIP was not run`,
  };
}

/** Per chosen column: weight lost if it alone were removed. */
export function marginalLosses(state: CoverState): number[] {
  return state.chosen.map((c) => state.loss(c));
}

export function solveMclp(matrix: CoverageMatrix, options: MclpOptions): SitingSolution & { columns: number[]; swaps: number; greedyValue: number } {
  const limits = { ...DEFAULT_EXACT_LIMITS, ...options.limits };
  const notes: Bilingual[] = [];
  const { state, greedyValue, swaps } = solveMaxCoverageHeuristic(matrix, options.k, options);
  const incumbent = state.value;
  let bound: SitingBound = { value: submodularBound(state, options.k), method: 'submodular' };
  const lagrangian = lagrangianBound(matrix, options.k, incumbent, options);
  if (lagrangian < bound.value) bound = { value: lagrangian, method: 'lagrangian' };
  let final = state;
  let method: SitingSolution['method'] = options.greedyOnly ? 'greedy' : 'greedy-interchange';
  const { solver } = options;
  if (solver && bound.value > incumbent * (1 + 1e-9)) {
    const small = matrix.stats.columns <= limits.mipColumns && matrix.stats.entries <= limits.mipEntries;
    if (small) {
      const answer = solveModel(solver, writeCoverModel({ matrix, conflicts: options.conflicts, integer: true, kind: 'max-coverage', k: options.k }), true, limits.timeLimitSeconds);
      if (answer.optimal) {
        const exact = new CoverState(matrix, options.conflicts ?? null);
        for (const c of answer.columns) exact.add(c);
        if (exact.value >= incumbent) {
          final = exact;
          method = 'mip-highs';
        }
        bound = { value: Math.max(exact.value, incumbent), method: 'mip-highs' };
      } else notes.push({ zh: `HiGHS 混合整数规划未得到最优解（${answer.status}）`, en: `the HiGHS MIP did not prove optimality (${answer.status})` });
    } else notes.push(tooLargeNote(matrix, limits));
    if (method !== 'mip-highs' && matrix.stats.entries <= limits.lpEntries) {
      const lp = solveModel(solver, writeCoverModel({ matrix, conflicts: options.conflicts, integer: false, kind: 'max-coverage', k: options.k }), false, limits.timeLimitSeconds);
      // A tiny relative allowance for the LP's feasibility tolerance keeps the bound a bound.
      if (lp.optimal && lp.objective * (1 + 1e-7) < bound.value) bound = { value: lp.objective * (1 + 1e-7), method: 'lp-highs' };
    }
  } else if (!solver) {
    notes.push({ zh: '未加载 HiGHS：界来自拉格朗日松弛 / 次模性', en: 'HiGHS not loaded: the bound comes from the Lagrangian relaxation / submodularity' });
  }
  if (bound.value <= final.value * (1 + 1e-9) && method !== 'mip-highs') bound = { value: final.value, method: bound.method };
  const objective = final.value;
  return {
    sites: final.chosen.map((c) => matrix.columnCandidate[c]),
    columns: [...final.chosen],
    objective,
    sense: 'max',
    method,
    bound,
    gap: relativeGap(objective, bound.value, 'max'),
    marginal: marginalLosses(final),
    notes,
    swaps,
    greedyValue,
  };
}
