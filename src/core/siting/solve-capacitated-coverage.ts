// Capacity-aware maximal covering: each new site serves at most `capacity` (people of the demand
// weight) among the demand within its reach; objective = weight served. Heuristic: lazy greedy on
// min(capacity, unserved weight in reach) — that gain only shrinks as sites are added — allocating
// each new site's capacity to the rows with the fewest other candidates first (so scarce demand is
// served where nothing else can). Upper bound: the smaller of the uncapacitated Lagrangian bound and
// the k largest min(capacity, weight in reach); exact with the HiGHS MIP on small instances.

import FlatQueue from 'flatqueue';
import type { RunOptions } from '../types.ts';
import { throwIfAborted } from '../types.ts';
import type { Bilingual } from '../rules/rule-types.ts';
import type { CoverageMatrix, SitingBound, SitingSolution } from './siting-types.ts';
import { relativeGap } from './siting-types.ts';
import { lagrangianBound, sumOfLargest } from './bound-max-coverage.ts';
import { solveModel, type LinearSolver } from './highs-models.ts';
import { DEFAULT_EXACT_LIMITS, type ExactLimits } from './exact-limits.ts';
import { tooLargeNote } from './solve-mclp.ts';

export interface CapacitatedOptions extends RunOptions {
  k: number;
  capacity: number;
  solver?: LinearSolver;
  limits?: Partial<ExactLimits>;
}

function writeCapacitatedModel(matrix: CoverageMatrix, k: number, capacity: number): string {
  const { rowWeight, rowStart, columnStart, columnRows } = matrix;
  const n = columnStart.length - 1;
  // Variable a{m}: weight of the row at column-entry m served by that column.
  const entryOfRowColumn: string[][] = Array.from({ length: rowWeight.length }, () => []);
  for (let c = 0; c < n; c++) for (let m = columnStart[c]; m < columnStart[c + 1]; m++) entryOfRowColumn[columnRows[m]].push(`a${m}`);
  const wrap = (terms: string[]) => terms.map((t, i) => (i > 0 && i % 8 === 0 ? `\n  ${t}` : t)).join(' ');
  const lines = ['Maximize', ` obj: ${wrap(Array.from(columnRows, (_, m) => `+ a${m}`))}`, 'Subject To'];
  for (let r = 0; r < rowWeight.length; r++) if (rowStart[r + 1] > rowStart[r]) lines.push(` w${r}: ${wrap(entryOfRowColumn[r].map((v) => `+ ${v}`))} <= ${rowWeight[r]}`);
  for (let c = 0; c < n; c++) {
    const terms = [];
    for (let m = columnStart[c]; m < columnStart[c + 1]; m++) terms.push(`+ a${m}`);
    lines.push(` q${c}: ${wrap(terms)} - ${capacity} x${c} <= 0`);
  }
  const x = Array.from({ length: n }, (_, c) => `x${c}`);
  lines.push(` k: ${wrap(x.map((v) => `+ ${v}`))} <= ${k}`, 'Bounds', ...x.map((v) => ` 0 <= ${v} <= 1`), 'General', ` ${wrap(x)}`, 'End');
  return lines.join('\n');
}

export function solveCapacitatedCoverage(matrix: CoverageMatrix, options: CapacitatedOptions): SitingSolution {
  const limits = { ...DEFAULT_EXACT_LIMITS, ...options.limits };
  const notes: Bilingual[] = [];
  const { rowWeight, columnStart, columnRows, rowStart } = matrix;
  const n = columnStart.length - 1;
  const capacity = options.capacity;
  const residual = Float64Array.from(rowWeight);
  const open = (c: number) => {
    let sum = 0;
    for (let m = columnStart[c]; m < columnStart[c + 1]; m++) sum += residual[columnRows[m]];
    return Math.min(capacity, sum);
  };
  const queue = new FlatQueue<number>();
  for (let c = 0; c < n; c++) queue.push(c, -open(c) + c * 1e-12);
  const stamp = new Int32Array(n).fill(-1);
  const chosen: number[] = [];
  const served: number[] = [];
  while (chosen.length < options.k && queue.length > 0) {
    throwIfAborted(options.signal);
    const c = queue.pop()!;
    if (stamp[c] !== chosen.length) {
      stamp[c] = chosen.length;
      queue.push(c, -open(c) + c * 1e-12);
      continue;
    }
    if (open(c) <= 0) break;
    // Allocate: rows with the fewest covering columns first, then by row index.
    const rows = Array.from(columnRows.subarray(columnStart[c], columnStart[c + 1])).sort(
      (a, b) => rowStart[a + 1] - rowStart[a] - (rowStart[b + 1] - rowStart[b]) || a - b,
    );
    let left = capacity;
    for (const r of rows) {
      const take = Math.min(left, residual[r]);
      residual[r] -= take;
      left -= take;
      if (left <= 0) break;
    }
    chosen.push(c);
    served.push(capacity - left);
  }
  let objective = served.reduce((a, b) => a + b, 0);
  let columns = chosen;
  let marginal = served;
  let method: SitingSolution['method'] = 'greedy';
  const singles = Float64Array.from({ length: n }, (_, c) => {
    let sum = 0;
    for (let m = columnStart[c]; m < columnStart[c + 1]; m++) sum += rowWeight[columnRows[m]];
    return Math.min(capacity, sum);
  });
  let bound: SitingBound = { value: sumOfLargest(singles, options.k), method: 'submodular' };
  const lagrangian = lagrangianBound(matrix, options.k, objective, options);
  if (lagrangian < bound.value) bound = { value: lagrangian, method: 'lagrangian' };
  if (options.solver && bound.value > objective * (1 + 1e-9)) {
    if (matrix.stats.columns <= limits.mipColumns && 2 * matrix.stats.entries <= limits.mipEntries) {
      const answer = solveModel(options.solver, writeCapacitatedModel(matrix, options.k, capacity), true, limits.timeLimitSeconds);
      if (answer.optimal) {
        if (answer.objective >= objective) {
          objective = answer.objective;
          columns = answer.columns;
          marginal = columns.map(() => NaN);
          method = 'mip-highs';
        }
        bound = { value: Math.max(objective, answer.objective), method: 'mip-highs' };
      } else notes.push({ zh: `HiGHS 混合整数规划未得到最优解（${answer.status}）`, en: `the HiGHS MIP did not prove optimality (${answer.status})` });
    } else notes.push(tooLargeNote(matrix, limits));
  }
  if (bound.value < objective) bound = { ...bound, value: objective };
  return {
    sites: columns.map((c) => matrix.columnCandidate[c]),
    objective,
    sense: 'max',
    method,
    bound,
    gap: relativeGap(objective, bound.value, 'max'),
    marginal,
    notes,
  };
}
