// Siting (location–allocation): the shapes shared by the candidate builders, the coverage
// structure, the solvers and the reports. Candidates and demand are typed arrays indexed like
// their inputs, so a whole problem crosses the worker boundary as transferable buffers.

import type { Bilingual } from '../rules/rule-types.ts';

/** Where a candidate came from: clicked on the map / loaded as a layer, or generated from the gaps. */
export type CandidateSource = 'given' | 'generated';

/** Candidate sites, projected into the prepared dataset's local transverse Mercator. */
export interface CandidateSet {
  /** Caller's ids (feature id, 'G123' for a generated one). */
  ids: string[];
  lon: Float64Array;
  lat: Float64Array;
  x: Float64Array;
  y: Float64Array;
  /** Point scale factor k at each candidate: a geodesic radius R is R·k in the plane. */
  scale: Float64Array;
  /** Township / county index of each candidate (-1 outside every unit). */
  township: Int32Array;
  county: Int32Array;
  source: CandidateSource;
}

/**
 * How far a new site reaches, as covering sets: for candidate j, the population cells (indices into
 * the dataset's cells) it reaches. Straight-line reach comes from the k-d tree of cells
 * (straightLineReach); a travel-time engine supplies its own reachable sets through the same shape.
 */
export interface CandidateReach {
  /** Label for reports, e.g. { zh: '直线 1000 米', en: 'straight line 1,000 m' }. */
  label: Bilingual;
  /** Cells reached by candidate j (any order). */
  cellsOf(candidate: number): Uint32Array;
  /** Distance (metres) or time (minutes) from candidate j to each of cellsOf(j), same order; for p-median. */
  costsOf?(candidate: number): Float64Array;
  /** Target places (indices into the dataset's places) candidate j reaches. */
  placesOf?(candidate: number): Uint32Array;
}

/**
 * The reduced demand × candidate coverage structure: demand rows are groups of cells with the same
 * set of covering candidates (weights summed); columns are the candidates left after dominated ones
 * are dropped. Stored both ways (CSR) for the solvers' bookkeeping.
 */
export interface CoverageMatrix {
  /** Weight (people, or people of a cohort) of each demand row still to be covered. */
  rowWeight: Float64Array;
  /** Row → columns (candidate columns covering it), CSR. */
  rowStart: Int32Array;
  rowColumns: Int32Array;
  /** Column → rows, CSR. */
  columnStart: Int32Array;
  columnRows: Int32Array;
  /** Candidate index (into the CandidateSet) of each column. */
  columnCandidate: Int32Array;
  /** Demand row of each cell, -1 when the cell is not demand (no weight, already covered, or reached by no candidate). */
  cellRow: Int32Array;
  /** Whole demand weight, of which already covered by the fixed facilities, and out of every candidate's reach. */
  totalWeight: number;
  coveredWeight: number;
  unreachableWeight: number;
  /** Sizes before and after the reduction, for the report. */
  stats: { cells: number; candidates: number; rows: number; columns: number; entries: number; dominated: number };
}

/** Which method produced a figure: the heuristic, the exact solver, or a bound. */
export type SitingMethod =
  | 'greedy-interchange'
  | 'greedy'
  | 'mip-highs'
  | 'lp-highs'
  | 'lagrangian'
  | 'submodular'
  | 'counting'
  | 'enumeration';

export const METHOD_LABELS: Record<SitingMethod, Bilingual> = {
  'greedy-interchange': { zh: '惰性贪心 + 交换改进（Teitz–Bart 全邻域）', en: 'lazy greedy + interchange (full Teitz–Bart neighbourhood)' },
  greedy: { zh: '惰性贪心', en: 'lazy greedy' },
  'mip-highs': { zh: '混合整数规划精确解（HiGHS）', en: 'exact mixed-integer programme (HiGHS)' },
  'lp-highs': { zh: '线性规划松弛界（HiGHS）', en: 'LP relaxation bound (HiGHS)' },
  lagrangian: { zh: '拉格朗日松弛界（次梯度）', en: 'Lagrangian bound (subgradient)' },
  submodular: { zh: '次模性界', en: 'submodularity bound' },
  counting: { zh: '计数论证（每个新址至多使一个单元达标）', en: 'counting argument (each new site can lift one unit at most)' },
  enumeration: { zh: '穷举', en: 'enumeration' },
};

/** A proven bound on the best possible objective and how it was obtained. */
export interface SitingBound {
  /** Upper bound for maximisation (coverage), lower bound for minimisation (sites, distance). */
  value: number;
  method: SitingMethod;
}

/** One solver answer. */
export interface SitingSolution {
  /** Chosen candidate indices (into the CandidateSet), in the order the heuristic added them. */
  sites: number[];
  /** Objective: weight newly covered (MCLP, capacity), sites (LSCP), weighted distance (p-median). */
  objective: number;
  sense: 'max' | 'min';
  method: SitingMethod;
  bound: SitingBound;
  /** Relative optimality gap: |bound − objective| / |bound| (max) or / |objective| (min); 0 when proven optimal. */
  gap: number;
  /** Per site: the objective lost if it alone were removed (its marginal value in the answer). */
  marginal: number[];
  /** Notes (why the MIP was skipped, time limits hit). */
  notes: Bilingual[];
}

/** Relative gap between an answer and its bound, never negative. */
export function relativeGap(objective: number, bound: number, sense: 'max' | 'min'): number {
  if (sense === 'max') return bound <= 0 ? 0 : Math.max(0, (bound - objective) / bound);
  return objective <= 0 ? 0 : Math.max(0, (objective - bound) / objective);
}
