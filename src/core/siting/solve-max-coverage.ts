// Maximal covering (MCLP) heuristic on the reduced coverage structure: lazy greedy (CELF: a
// candidate's gain only shrinks as sites are added, so a stale gain is an upper bound and is only
// recomputed when it reaches the top of the queue), then interchange: every pass evaluates every
// (add c, drop s) swap exactly — the full Teitz–Bart neighbourhood — in one sweep over the
// structure, from incremental bookkeeping (how many chosen sites cover each row, and which one when
// it is just one), and applies the best improving swap. Deterministic: ties go to the lower column.
// Minimum spacing between new sites is kept throughout (conflicting columns are never together).

import FlatQueue from 'flatqueue';
import type { RunOptions } from '../types.ts';
import { throwIfAborted } from '../types.ts';
import type { CoverageMatrix } from './siting-types.ts';
import type { Conflicts } from './spacing-conflicts.ts';

export interface MaxCoverageOptions extends RunOptions {
  conflicts?: Conflicts | null;
  /** Interchange passes at most (each applies one swap); default 4k + 20. */
  maxPasses?: number;
  /** Skip the interchange (greedy only). */
  greedyOnly?: boolean;
}

/** Chosen-site bookkeeping: per row how many chosen columns cover it, and the sole one when exactly one. */
export class CoverState {
  readonly count: Int32Array;
  readonly sole: Int32Array;
  readonly position: Int32Array;
  readonly blocked: Int32Array;
  readonly chosen: number[] = [];
  value = 0;

  constructor(readonly matrix: CoverageMatrix, readonly conflicts: Conflicts | null = null) {
    this.count = new Int32Array(matrix.rowWeight.length);
    this.sole = new Int32Array(matrix.rowWeight.length).fill(-1);
    this.position = new Int32Array(matrix.columnCandidate.length).fill(-1);
    this.blocked = new Int32Array(matrix.columnCandidate.length);
  }

  /** Weight newly covered if column c were added. */
  gain(c: number): number {
    const { columnStart, columnRows, rowWeight } = this.matrix;
    let gain = 0;
    for (let k = columnStart[c]; k < columnStart[c + 1]; k++) if (this.count[columnRows[k]] === 0) gain += rowWeight[columnRows[k]];
    return gain;
  }

  private block(c: number, delta: number): void {
    if (!this.conflicts) return;
    for (let k = this.conflicts.start[c]; k < this.conflicts.start[c + 1]; k++) this.blocked[this.conflicts.items[k]] += delta;
  }

  add(c: number): void {
    const { columnStart, columnRows, rowWeight } = this.matrix;
    for (let k = columnStart[c]; k < columnStart[c + 1]; k++) {
      const r = columnRows[k];
      if (this.count[r] === 0) {
        this.value += rowWeight[r];
        this.sole[r] = c;
      }
      this.count[r]++;
    }
    this.position[c] = this.chosen.push(c) - 1;
    this.block(c, 1);
  }

  remove(c: number): void {
    const { columnStart, columnRows, rowWeight, rowStart, rowColumns } = this.matrix;
    const p = this.position[c];
    this.position[c] = -1;
    const last = this.chosen.pop()!;
    if (last !== c) {
      this.chosen[p] = last;
      this.position[last] = p;
    }
    for (let k = columnStart[c]; k < columnStart[c + 1]; k++) {
      const r = columnRows[k];
      this.count[r]--;
      if (this.count[r] === 0) this.value -= rowWeight[r];
      if (this.count[r] === 1) {
        for (let m = rowStart[r]; m < rowStart[r + 1]; m++) if (this.position[rowColumns[m]] >= 0) { this.sole[r] = rowColumns[m]; break; }
      }
    }
    this.block(c, -1);
  }

  /** Weight lost if chosen column c were removed. */
  loss(c: number): number {
    const { columnStart, columnRows, rowWeight } = this.matrix;
    let loss = 0;
    for (let k = columnStart[c]; k < columnStart[c + 1]; k++) if (this.count[columnRows[k]] === 1) loss += rowWeight[columnRows[k]];
    return loss;
  }
}

/** Lazy greedy: adds up to k columns, each time the one with the largest gain (that respects spacing). */
export function lazyGreedy(state: CoverState, k: number, run: RunOptions = {}): void {
  const n = state.matrix.columnCandidate.length;
  const queue = new FlatQueue<number>();
  // Priority: −gain, with the column index as a tiny tie-break so equal gains pop lowest column first.
  const key = (gain: number, c: number) => -gain + c * 1e-12 * (1 + gain);
  for (let c = 0; c < n; c++) if (state.position[c] < 0) queue.push(c, key(state.gain(c), c));
  const stamp = new Int32Array(n).fill(-1);
  while (state.chosen.length < k && queue.length > 0) {
    throwIfAborted(run.signal);
    const c = queue.pop()!;
    if (state.blocked[c] > 0) continue;
    if (stamp[c] === state.chosen.length) {
      if (state.gain(c) <= 0) break;
      state.add(c);
      run.onProgress?.(state.chosen.length / k, 'greedy');
      continue;
    }
    stamp[c] = state.chosen.length;
    queue.push(c, key(state.gain(c), c));
  }
}

/** Best-improvement interchange over the full swap neighbourhood until no swap improves. */
export function interchange(state: CoverState, options: MaxCoverageOptions = {}): number {
  const { matrix, conflicts } = state;
  const { columnStart, columnRows, rowWeight } = matrix;
  const n = matrix.columnCandidate.length;
  const k = state.chosen.length;
  if (k === 0) return 0;
  const maxPasses = options.maxPasses ?? 4 * k + 20;
  const epsilon = 1e-9 * Math.max(1, matrix.totalWeight);
  const extra = new Float64Array(k);
  const touched = new Uint8Array(k);
  const touchedList: number[] = [];
  const loss = new Float64Array(k);
  let swaps = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    throwIfAborted(options.signal);
    options.onProgress?.(pass / maxPasses, 'interchange');
    let minLossPosition = 0;
    for (let p = 0; p < k; p++) {
      loss[p] = state.loss(state.chosen[p]);
      if (loss[p] < loss[minLossPosition]) minLossPosition = p;
    }
    let bestDelta = epsilon;
    let bestAdd = -1;
    let bestPosition = -1;
    for (let c = 0; c < n; c++) {
      if (state.position[c] >= 0) continue;
      // Spacing: c may only replace the one chosen site it conflicts with, if any.
      let only = -1;
      if (state.blocked[c] > 1) continue;
      if (state.blocked[c] === 1 && conflicts) {
        for (let m = conflicts.start[c]; m < conflicts.start[c + 1]; m++) if (state.position[conflicts.items[m]] >= 0) only = state.position[conflicts.items[m]];
      }
      let base = 0;
      for (let m = columnStart[c]; m < columnStart[c + 1]; m++) {
        const r = columnRows[m];
        if (state.count[r] === 0) base += rowWeight[r];
        else if (state.count[r] === 1) {
          const p = state.position[state.sole[r]];
          if (!touched[p]) {
            touched[p] = 1;
            touchedList.push(p);
          }
          extra[p] += rowWeight[r];
        }
      }
      const consider = (p: number) => {
        const delta = base + extra[p] - loss[p];
        if (delta > bestDelta) {
          bestDelta = delta;
          bestAdd = c;
          bestPosition = p;
        }
      };
      if (only >= 0) consider(only);
      else {
        consider(minLossPosition);
        for (const p of touchedList) consider(p);
      }
      for (const p of touchedList) {
        touched[p] = 0;
        extra[p] = 0;
      }
      touchedList.length = 0;
    }
    if (bestAdd < 0) break;
    const dropped = state.chosen[bestPosition];
    state.remove(dropped);
    state.add(bestAdd);
    swaps++;
  }
  return swaps;
}

/** Runs the heuristic; returns the chosen columns in the order they were added (swaps replace in place). */
export function solveMaxCoverageHeuristic(matrix: CoverageMatrix, k: number, options: MaxCoverageOptions = {}) {
  const state = new CoverState(matrix, options.conflicts ?? null);
  lazyGreedy(state, k, options);
  const greedyValue = state.value;
  const swaps = options.greedyOnly ? 0 : interchange(state, options);
  return { state, greedyValue, swaps };
}
