// Upper bounds on the best possible MCLP objective (weight newly covered by k sites), valid with or
// without the spacing constraint (dropping a constraint can only raise the optimum):
//   - submodularity: for any set S, OPT ≤ f(S) + (sum of the k largest gains w.r.t. S);
//   - Lagrangian: relaxing y_r ≤ Σ_{j covers r} x_j with multipliers 0 ≤ λ_r ≤ w_r gives
//       L(λ) = Σ_r (w_r − λ_r)⁺ + (sum of the k largest Σ_{r ∈ j} λ_r) ≥ OPT,
//     minimised by subgradient steps (Held–Wolfe–Crowder step size towards the heuristic's value).
//     The relaxed problem has the integrality property, so its best value equals the LP bound.

import type { RunOptions } from '../types.ts';
import { throwIfAborted } from '../types.ts';
import type { CoverageMatrix } from './siting-types.ts';
import type { CoverState } from './solve-max-coverage.ts';

/** Sum of the k largest values (k ≥ values.length: all of them). */
export function sumOfLargest(values: Float64Array, k: number): number {
  if (k <= 0) return 0;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = sorted.length - 1; i >= Math.max(0, sorted.length - k); i--) sum += Math.max(0, sorted[i]);
  return sum;
}

/** Marks the k largest values in `chosen` (ties: lowest index) and returns their sum. */
export function chooseLargest(values: Float64Array, k: number, chosen: Uint8Array): number {
  chosen.fill(0);
  const n = values.length;
  if (k <= 0 || n === 0) return 0;
  if (k >= n) {
    chosen.fill(1);
    return values.reduce((a, b) => a + b, 0);
  }
  const threshold = Float64Array.from(values).sort()[n - k];
  let taken = 0;
  let sum = 0;
  for (let c = 0; c < n; c++) if (values[c] > threshold) (chosen[c] = 1), taken++, (sum += values[c]);
  for (let c = 0; c < n && taken < k; c++) if (values[c] === threshold) (chosen[c] = 1), taken++, (sum += values[c]);
  return sum;
}

export function submodularBound(state: CoverState, k: number): number {
  const n = state.matrix.columnCandidate.length;
  const gains = new Float64Array(n);
  for (let c = 0; c < n; c++) if (state.position[c] < 0) gains[c] = state.gain(c);
  return state.value + sumOfLargest(gains, k);
}

export interface LagrangianOptions extends RunOptions {
  /** Subgradient iterations at most (default: as many as fit 3·10⁸ list steps, 20–300). */
  iterations?: number;
}

export function lagrangianBound(matrix: CoverageMatrix, k: number, incumbent: number, options: LagrangianOptions = {}): number {
  const { rowWeight, columnStart, columnRows, rowStart, rowColumns } = matrix;
  const rows = rowWeight.length;
  const n = columnStart.length - 1;
  if (rows === 0) return 0;
  const entries = columnRows.length;
  const iterations = options.iterations ?? Math.max(20, Math.min(300, Math.floor(3e8 / Math.max(1, entries + rows))));
  const lambda = Float64Array.from(rowWeight);
  const columnValue = new Float64Array(n);
  const chosen = new Uint8Array(n);
  const subgradient = new Float64Array(rows);
  let best = Infinity;
  let theta = 2;
  let sinceImprovement = 0;
  for (let it = 0; it < iterations; it++) {
    if ((it & 7) === 0) {
      throwIfAborted(options.signal);
      options.onProgress?.(it / iterations, 'bound');
    }
    let value = 0;
    for (let r = 0; r < rows; r++) value += Math.max(0, rowWeight[r] - lambda[r]);
    for (let c = 0; c < n; c++) {
      let sum = 0;
      for (let m = columnStart[c]; m < columnStart[c + 1]; m++) sum += lambda[columnRows[m]];
      columnValue[c] = sum;
    }
    value += chooseLargest(columnValue, k, chosen);
    if (best === Infinity || value < best - 1e-12 * Math.abs(best)) {
      best = value;
      sinceImprovement = 0;
    } else if (++sinceImprovement >= 10) {
      theta /= 2;
      sinceImprovement = 0;
    }
    if (best <= incumbent * (1 + 1e-9) || theta < 1e-6) break;
    let norm = 0;
    for (let r = 0; r < rows; r++) {
      let covered = 0;
      for (let m = rowStart[r]; m < rowStart[r + 1]; m++) covered += chosen[rowColumns[m]];
      const g = (rowWeight[r] > lambda[r] ? 1 : 0) - covered;
      subgradient[r] = g;
      norm += g * g;
    }
    if (norm === 0) break;
    const step = (theta * (value - incumbent)) / norm;
    for (let r = 0; r < rows; r++) lambda[r] = Math.min(rowWeight[r], Math.max(0, lambda[r] + step * subgradient[r]));
  }
  return best;
}
