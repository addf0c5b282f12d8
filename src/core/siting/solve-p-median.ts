// p-median: k new sites minimising the population-weighted distance (or time) to the nearest
// facility, existing ones fixed. Each demand cell keeps a fallback cost b_r: its distance to the
// nearest existing facility (metres, or minutes for a travel time), capped at `cap` (beyond the cap a candidate is not listed, so the
// objective is the capped weighted distance — stated in the report). Heuristic: lazy greedy (the
// saving of a site only shrinks as sites are added) and fast interchange with nearest / second
// nearest bookkeeping (Whitaker); lower bound: Lagrangian relaxation of the assignment constraints;
// exact with the HiGHS MIP on small instances.

import FlatQueue from 'flatqueue';
import type { RunOptions } from '../types.ts';
import { throwIfAborted } from '../types.ts';
import type { Bilingual } from '../rules/rule-types.ts';
import type { CandidateReach, SitingBound, SitingSolution } from './siting-types.ts';
import { relativeGap } from './siting-types.ts';
import { chooseLargest } from './bound-max-coverage.ts';
import { solveModel, type LinearSolver } from './highs-models.ts';
import { DEFAULT_EXACT_LIMITS, type ExactLimits } from './exact-limits.ts';

export interface MedianMatrix {
  /** Demand rows (cells with weight): their cell index, weight and fallback cost. */
  rowCell: Int32Array;
  rowWeight: Float64Array;
  rowBase: Float64Array;
  columnStart: Int32Array;
  columnRows: Int32Array;
  columnCost: Float64Array;
  rowStart: Int32Array;
  rowColumns: Int32Array;
  rowCost: Float64Array;
  candidateCount: number;
}

export function buildMedianMatrix(reach: CandidateReach, candidateCount: number, cellWeight: Float64Array, baseCost: Float64Array, cap: number): MedianMatrix {
  if (!reach.costsOf) throw new Error('p-median needs a reach with costs');
  const rowOfCell = new Int32Array(cellWeight.length).fill(-1);
  const rowCell: number[] = [];
  cellWeight.forEach((w, c) => {
    if (w > 0) rowOfCell[c] = rowCell.push(c) - 1;
  });
  const rowBase = Float64Array.from(rowCell, (c) => Math.min(baseCost[c], cap));
  const columnStart = new Int32Array(candidateCount + 1);
  const rows: number[] = [];
  const costs: number[] = [];
  for (let j = 0; j < candidateCount; j++) {
    const cells = reach.cellsOf(j);
    const cost = reach.costsOf(j);
    cells.forEach((c, m) => {
      const r = rowOfCell[c];
      if (r >= 0 && cost[m] < rowBase[r]) {
        rows.push(r);
        costs.push(cost[m]);
      }
    });
    columnStart[j + 1] = rows.length;
  }
  const rowCount = rowCell.length;
  const rowStart = new Int32Array(rowCount + 1);
  for (const r of rows) rowStart[r + 1]++;
  for (let r = 0; r < rowCount; r++) rowStart[r + 1] += rowStart[r];
  const cursor = rowStart.slice(0, rowCount);
  const rowColumns = new Int32Array(rows.length);
  const rowCost = new Float64Array(rows.length);
  for (let j = 0; j < candidateCount; j++) {
    for (let m = columnStart[j]; m < columnStart[j + 1]; m++) {
      const at = cursor[rows[m]]++;
      rowColumns[at] = j;
      rowCost[at] = costs[m];
    }
  }
  return {
    rowCell: Int32Array.from(rowCell),
    rowWeight: Float64Array.from(rowCell, (c) => cellWeight[c]),
    rowBase,
    columnStart,
    columnRows: Int32Array.from(rows),
    columnCost: Float64Array.from(costs),
    rowStart,
    rowColumns,
    rowCost,
    candidateCount,
  };
}

class MedianState {
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  readonly best: Int32Array;
  readonly position: Int32Array;
  readonly chosen: number[] = [];

  constructor(readonly matrix: MedianMatrix) {
    this.d1 = Float64Array.from(matrix.rowBase);
    this.d2 = new Float64Array(matrix.rowBase.length).fill(Infinity);
    this.best = new Int32Array(matrix.rowBase.length).fill(-1);
    this.position = new Int32Array(matrix.candidateCount).fill(-1);
  }

  cost(): number {
    let sum = 0;
    this.d1.forEach((d, r) => (sum += this.matrix.rowWeight[r] * d));
    return sum;
  }

  saving(c: number): number {
    const { columnStart, columnRows, columnCost, rowWeight } = this.matrix;
    let saving = 0;
    for (let m = columnStart[c]; m < columnStart[c + 1]; m++) {
      const r = columnRows[m];
      if (columnCost[m] < this.d1[r]) saving += rowWeight[r] * (this.d1[r] - columnCost[m]);
    }
    return saving;
  }

  /** Nearest and second nearest among the base and the chosen columns, from scratch. */
  private refresh(r: number): void {
    const { rowStart, rowColumns, rowCost, rowBase } = this.matrix;
    let d1 = rowBase[r], d2 = Infinity, best = -1;
    for (let m = rowStart[r]; m < rowStart[r + 1]; m++) {
      if (this.position[rowColumns[m]] < 0) continue;
      const d = rowCost[m];
      if (d < d1) {
        d2 = d1;
        d1 = d;
        best = rowColumns[m];
      } else if (d < d2) d2 = d;
    }
    this.d1[r] = d1;
    this.d2[r] = d2;
    this.best[r] = best;
  }

  add(c: number): void {
    this.position[c] = this.chosen.push(c) - 1;
    const { columnStart, columnRows } = this.matrix;
    for (let m = columnStart[c]; m < columnStart[c + 1]; m++) this.refresh(columnRows[m]);
  }

  remove(c: number): void {
    const p = this.position[c];
    this.position[c] = -1;
    const last = this.chosen.pop()!;
    if (last !== c) {
      this.chosen[p] = last;
      this.position[last] = p;
    }
    const { columnStart, columnRows } = this.matrix;
    for (let m = columnStart[c]; m < columnStart[c + 1]; m++) this.refresh(columnRows[m]);
  }

  /** Cost added if chosen column c were removed. */
  loss(c: number): number {
    const { columnStart, columnRows, rowWeight } = this.matrix;
    let loss = 0;
    for (let m = columnStart[c]; m < columnStart[c + 1]; m++) {
      const r = columnRows[m];
      if (this.best[r] === c) loss += rowWeight[r] * (this.d2[r] - this.d1[r]);
    }
    return loss;
  }
}

function greedy(state: MedianState, k: number, run: RunOptions): void {
  const queue = new FlatQueue<number>();
  const n = state.matrix.candidateCount;
  for (let c = 0; c < n; c++) queue.push(c, -state.saving(c) + c * 1e-12);
  const stamp = new Int32Array(n).fill(-1);
  while (state.chosen.length < k && queue.length > 0) {
    throwIfAborted(run.signal);
    const c = queue.pop()!;
    if (stamp[c] === state.chosen.length) {
      if (state.saving(c) <= 0) break;
      state.add(c);
      continue;
    }
    stamp[c] = state.chosen.length;
    queue.push(c, -state.saving(c) + c * 1e-12);
  }
}

function interchange(state: MedianState, run: RunOptions): number {
  const { columnStart, columnRows, columnCost, rowWeight } = state.matrix;
  const k = state.chosen.length;
  const n = state.matrix.candidateCount;
  if (k === 0) return 0;
  const correction = new Float64Array(k);
  const touched = new Uint8Array(k);
  const touchedList: number[] = [];
  const loss = new Float64Array(k);
  const epsilon = 1e-9 * Math.max(1, state.cost());
  let swaps = 0;
  for (let pass = 0; pass < 4 * k + 20; pass++) {
    throwIfAborted(run.signal);
    let minLoss = 0;
    for (let p = 0; p < k; p++) {
      loss[p] = state.loss(state.chosen[p]);
      if (loss[p] < loss[minLoss]) minLoss = p;
    }
    let bestDelta = -epsilon, bestAdd = -1, bestPosition = -1;
    for (let c = 0; c < n; c++) {
      if (state.position[c] >= 0) continue;
      let saving = 0;
      for (let m = columnStart[c]; m < columnStart[c + 1]; m++) {
        const r = columnRows[m];
        const d = columnCost[m], d1 = state.d1[r], d2 = state.d2[r];
        if (d < d1) saving += rowWeight[r] * (d1 - d);
        const s = state.best[r];
        if (s >= 0) {
          const p = state.position[s];
          // Exact change on r when s leaves and c comes, minus what loss − saving assumed.
          const estimated = d2 - d1 - Math.max(0, d1 - d);
          const actual = Math.min(d2, d) - d1;
          if (!touched[p]) {
            touched[p] = 1;
            touchedList.push(p);
          }
          correction[p] += rowWeight[r] * (actual - estimated);
        }
      }
      const consider = (p: number) => {
        const delta = -saving + loss[p] + correction[p];
        if (delta < bestDelta) {
          bestDelta = delta;
          bestAdd = c;
          bestPosition = p;
        }
      };
      consider(minLoss);
      for (const p of touchedList) consider(p);
      for (const p of touchedList) {
        touched[p] = 0;
        correction[p] = 0;
      }
      touchedList.length = 0;
    }
    if (bestAdd < 0) break;
    state.remove(state.chosen[bestPosition]);
    state.add(bestAdd);
    swaps++;
  }
  return swaps;
}

/** Lagrangian lower bound (relaxing "every row assigned once"), by subgradient ascent. */
export function medianLowerBound(matrix: MedianMatrix, k: number, incumbent: number, run: RunOptions = {}): number {
  const { rowWeight, rowBase, columnStart, columnRows, columnCost, candidateCount: n } = matrix;
  const rows = rowWeight.length;
  const lambda = Float64Array.from(rowBase, (b, r) => rowWeight[r] * b);
  const rho = new Float64Array(n);
  const chosen = new Uint8Array(n);
  const assigned = new Float64Array(rows);
  const iterations = Math.max(20, Math.min(300, Math.floor(3e8 / Math.max(1, columnRows.length + rows))));
  let best = -Infinity, theta = 2, since = 0;
  for (let it = 0; it < iterations; it++) {
    if ((it & 7) === 0) throwIfAborted(run.signal);
    let value = 0;
    for (let r = 0; r < rows; r++) value += lambda[r] + Math.min(0, rowWeight[r] * rowBase[r] - lambda[r]);
    for (let c = 0; c < n; c++) {
      let sum = 0;
      for (let m = columnStart[c]; m < columnStart[c + 1]; m++) sum += Math.min(0, rowWeight[columnRows[m]] * columnCost[m] - lambda[columnRows[m]]);
      rho[c] = -sum;
    }
    value -= chooseLargest(rho, k, chosen);
    if (best === -Infinity || value > best + 1e-12 * Math.abs(best)) (best = value), (since = 0);
    else if (++since >= 10) (theta /= 2), (since = 0);
    if (best >= incumbent * (1 - 1e-9) || theta < 1e-6) break;
    for (let r = 0; r < rows; r++) assigned[r] = rowWeight[r] * rowBase[r] < lambda[r] ? 1 : 0;
    for (let c = 0; c < n; c++) {
      if (!chosen[c]) continue;
      for (let m = columnStart[c]; m < columnStart[c + 1]; m++) if (rowWeight[columnRows[m]] * columnCost[m] < lambda[columnRows[m]]) assigned[columnRows[m]] += 1;
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += (1 - assigned[r]) ** 2;
    if (norm === 0) break;
    const step = (theta * (incumbent - value)) / norm;
    for (let r = 0; r < rows; r++) lambda[r] = Math.max(0, lambda[r] + step * (1 - assigned[r]));
  }
  return Math.max(0, best);
}

function writeMedianModel(matrix: MedianMatrix, k: number): string {
  const { rowWeight, rowBase, rowStart, rowColumns, rowCost, candidateCount: n } = matrix;
  const objective: string[] = [];
  const constraints: string[] = [];
  const bounds: string[] = [];
  const coefficient = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(15));
  for (let r = 0; r < rowWeight.length; r++) {
    objective.push(`+ ${coefficient(rowWeight[r] * rowBase[r])} u${r}`);
    const assign = [`u${r}`];
    bounds.push(` 0 <= u${r} <= 1`);
    for (let m = rowStart[r]; m < rowStart[r + 1]; m++) {
      objective.push(`+ ${coefficient(rowWeight[r] * rowCost[m])} z${m}`);
      assign.push(`+ z${m}`);
      constraints.push(` l${m}: z${m} - x${rowColumns[m]} <= 0`);
      bounds.push(` 0 <= z${m} <= 1`);
    }
    constraints.push(` a${r}: ${assign.join(' ')} = 1`);
  }
  const x = Array.from({ length: n }, (_, c) => `x${c}`);
  const wrap = (terms: string[]) => terms.map((t, i) => (i > 0 && i % 8 === 0 ? `\n  ${t}` : t)).join(' ');
  return [
    'Minimize',
    ` obj: ${wrap(objective)}`,
    'Subject To',
    ...constraints,
    ` k: ${wrap(x.map((v) => `+ ${v}`))} <= ${k}`,
    'Bounds',
    ...bounds,
    ...x.map((v) => ` 0 <= ${v} <= 1`),
    'General',
    ` ${wrap(x)}`,
    'End',
  ].join('\n');
}

export interface MedianOptions extends RunOptions {
  k: number;
  solver?: LinearSolver;
  limits?: Partial<ExactLimits>;
}

export function solvePMedian(matrix: MedianMatrix, options: MedianOptions): SitingSolution & { baseCost: number } {
  const limits = { ...DEFAULT_EXACT_LIMITS, ...options.limits };
  const notes: Bilingual[] = [];
  let state = new MedianState(matrix);
  const baseCost = state.cost();
  greedy(state, options.k, options);
  interchange(state, options);
  let method: SitingSolution['method'] = 'greedy-interchange';
  let cost = state.cost();
  let bound: SitingBound = { value: Math.min(cost, medianLowerBound(matrix, options.k, cost, options)), method: 'lagrangian' };
  if (options.solver && bound.value < cost * (1 - 1e-9)) {
    if (matrix.candidateCount <= limits.mipColumns && 3 * matrix.columnRows.length <= limits.mipEntries) {
      const answer = solveModel(options.solver, writeMedianModel(matrix, options.k), true, limits.timeLimitSeconds);
      if (answer.optimal) {
        const exact = new MedianState(matrix);
        for (const c of answer.columns) exact.add(c);
        if (exact.cost() <= cost) {
          state = exact;
          cost = exact.cost();
          method = 'mip-highs';
        }
        bound = { value: cost, method: 'mip-highs' };
      } else notes.push({ zh: `HiGHS 混合整数规划未得到最优解（${answer.status}）`, en: `the HiGHS MIP did not prove optimality (${answer.status})` });
    } else notes.push({ zh: 'p-中值问题规模超过精确求解上限，未运行 HiGHS', en: 'the p-median instance exceeds the exact-solver limit: HiGHS was not run' });
  }
  return {
    sites: [...state.chosen],
    objective: cost,
    sense: 'min',
    method,
    bound,
    gap: relativeGap(cost, bound.value, 'min'),
    marginal: state.chosen.map((c) => state.loss(c)),
    notes,
    baseCost,
  };
}
