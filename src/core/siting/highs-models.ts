// Exact answers and LP bounds from HiGHS (the `highs` package: HiGHS compiled to WebAssembly, MIT).
// The core only writes the model (CPLEX LP text) and reads the answer; the caller passes the loaded
// solver in (`loadLinearSolver` in Node, the worker's own loader in the browser), so the core never
// imports the WebAssembly module itself.

import type { CoverageMatrix } from './siting-types.ts';
import type { Conflicts } from './spacing-conflicts.ts';

/** The part of highs' one-shot API the siting code uses (LegacyHighs from the `highs` package). */
export interface LinearSolver {
  solve(
    problem: string,
    options?: Record<string, string | number | boolean>,
  ): { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal?: number }> };
}

export interface ModelAnswer {
  status: string;
  /** Proven optimal (MIP: integer optimum; LP: the relaxation's optimum). */
  optimal: boolean;
  objective: number;
  /** Columns (matrix column indices) with x = 1 in the answer (MIP only). */
  columns: number[];
}

const number = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(15));

/** Writes `terms` as `+ a x` pieces, a few per line (LP format allows continuation lines). */
function sum(terms: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 8) lines.push(terms.slice(i, i + 8).join(' '));
  return lines.join('\n  ');
}

export interface CoverModel {
  matrix: CoverageMatrix;
  conflicts?: Conflicts | null;
  integer: boolean;
  /** 'max-coverage': maximise weight covered with at most k sites. 'min-sites': fewest sites covering ≥ required weight. */
  kind: 'max-coverage' | 'min-sites';
  k?: number;
  required?: number;
}

/** MCLP / partial set covering over the reduced structure (rows y_r, columns x_c). */
export function writeCoverModel(model: CoverModel): string {
  const { matrix } = model;
  const rows = matrix.rowWeight.length;
  const n = matrix.columnCandidate.length;
  const out: string[] = [];
  const weights = Array.from(matrix.rowWeight, (w, r) => `+ ${number(w)} y${r}`);
  const sites = Array.from({ length: n }, (_, c) => `+ x${c}`);
  if (model.kind === 'max-coverage') out.push('Maximize', ` obj: ${sum(weights)}`);
  else out.push('Minimize', ` obj: ${sum(sites)}`);
  out.push('Subject To');
  for (let r = 0; r < rows; r++) {
    const terms = [`y${r}`];
    for (let m = matrix.rowStart[r]; m < matrix.rowStart[r + 1]; m++) terms.push(`- x${matrix.rowColumns[m]}`);
    out.push(` r${r}: ${sum(terms)} <= 0`);
  }
  if (model.kind === 'max-coverage') out.push(` k: ${sum(sites)} <= ${model.k}`);
  else out.push(` need: ${sum(weights)} >= ${number(model.required ?? 0)}`);
  if (model.conflicts) {
    const { start, items } = model.conflicts;
    for (let c = 0; c < n; c++) for (let m = start[c]; m < start[c + 1]; m++) if (items[m] > c) out.push(` s${c}_${items[m]}: x${c} + x${items[m]} <= 1`);
  }
  out.push('Bounds');
  for (let r = 0; r < rows; r++) out.push(` 0 <= y${r} <= 1`);
  for (let c = 0; c < n; c++) out.push(` 0 <= x${c} <= 1`);
  if (model.integer && n > 0) out.push('General', ` ${sum(Array.from({ length: n }, (_, c) => `x${c}`))}`);
  out.push('End');
  return out.join('\n');
}

/** Solves a model text; never throws (a solver failure comes back as a non-optimal status). */
export function solveModel(solver: LinearSolver, text: string, integer: boolean, timeLimitSeconds: number): ModelAnswer {
  let solution;
  try {
    solution = solver.solve(text, { time_limit: timeLimitSeconds, output_flag: false, ...(integer ? { mip_rel_gap: 0 } : {}) });
  } catch (error) {
    return { status: `error: ${error instanceof Error ? error.message : String(error)}`, optimal: false, objective: NaN, columns: [] };
  }
  const columns: number[] = [];
  for (const [name, column] of Object.entries(solution.Columns ?? {})) {
    if (name.startsWith('x') && (column.Primal ?? 0) > 0.5) columns.push(Number(name.slice(1)));
  }
  columns.sort((a, b) => a - b);
  return { status: solution.Status, optimal: solution.Status === 'Optimal', objective: solution.ObjectiveValue, columns };
}
