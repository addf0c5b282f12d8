// The demand × candidate coverage structure the solvers work on, reduced before solving:
//   1. demand = cells with weight, not already reached by the fixed (existing) facilities, and
//      reached by at least one candidate (the rest is reported as covered / unreachable);
//   2. cells with the same set of covering candidates are merged into one row (weights summed);
//   3. dominated candidates (their rows a subset of another's; the lower index kept among equals) are
//      dropped, then rows that became identical are merged again.
// Dropping dominated candidates keeps the optimum for plain covering (MCLP, LSCP); callers switch it
// off when site spacing or capacities make a dominated site matter.

import type { RunOptions } from '../types.ts';
import { throwIfAborted } from '../types.ts';
import type { CandidateReach, CoverageMatrix } from './siting-types.ts';

export interface CoverageMatrixInput {
  candidateCount: number;
  reach: CandidateReach;
  /** Demand per cell (people or a cohort); 0 = not demand. */
  cellWeight: Float64Array;
  /** Per cell: 1 when the fixed facilities already reach it. */
  cellCovered: Uint8Array;
  dropDominated?: boolean;
  /** Work budget (list steps) for the dominance test; past it the remaining candidates are kept. */
  dominanceBudget?: number;
}

interface Csr {
  start: Int32Array;
  items: Int32Array;
}

/** Transposes a CSR of `rows` lists over `columns` items (each output list ascending). */
function transpose(csr: Csr, rows: number, columns: number): Csr {
  const start = new Int32Array(columns + 1);
  for (let k = 0; k < csr.items.length; k++) start[csr.items[k] + 1]++;
  for (let c = 0; c < columns; c++) start[c + 1] += start[c];
  const cursor = start.slice(0, columns);
  const items = new Int32Array(csr.items.length);
  for (let r = 0; r < rows; r++) for (let k = csr.start[r]; k < csr.start[r + 1]; k++) items[cursor[csr.items[k]]++] = r;
  return { start, items };
}

function sameList(csr: Csr, a: number, b: number): boolean {
  const la = csr.start[a + 1] - csr.start[a];
  if (la !== csr.start[b + 1] - csr.start[b]) return false;
  for (let k = 0; k < la; k++) if (csr.items[csr.start[a] + k] !== csr.items[csr.start[b] + k]) return false;
  return true;
}

/** Groups rows with identical (ascending) lists; returns each row's group and the groups' lists. */
function mergeIdentical(rows: Csr, count: number, weight: Float64Array): { groupOf: Int32Array; groups: Csr; groupWeight: Float64Array } {
  const groupOf = new Int32Array(count).fill(-1);
  const buckets = new Map<number, number[]>();
  const firstRow: number[] = [];
  const groupWeight: number[] = [];
  for (let r = 0; r < count; r++) {
    const from = rows.start[r], to = rows.start[r + 1];
    if (from === to) continue;
    let hash = 2166136261;
    for (let k = from; k < to; k++) hash = Math.imul(hash ^ rows.items[k], 16777619);
    const bucket = buckets.get(hash) ?? buckets.set(hash, []).get(hash)!;
    let group = -1;
    for (const g of bucket) if (sameList(rows, firstRow[g], r)) { group = g; break; }
    if (group < 0) {
      group = firstRow.length;
      firstRow.push(r);
      groupWeight.push(0);
      bucket.push(group);
    }
    groupOf[r] = group;
    groupWeight[group] += weight[r];
  }
  const start = new Int32Array(firstRow.length + 1);
  firstRow.forEach((r, g) => (start[g + 1] = start[g] + rows.start[r + 1] - rows.start[r]));
  const items = new Int32Array(start[firstRow.length]);
  firstRow.forEach((r, g) => items.set(rows.items.subarray(rows.start[r], rows.start[r + 1]), start[g]));
  return { groupOf, groups: { start, items }, groupWeight: Float64Array.from(groupWeight) };
}

/** Is list a (ascending) a subset of list b (ascending)? */
function isSubset(csr: Csr, a: number, b: number): boolean {
  let i = csr.start[a], j = csr.start[b];
  const endA = csr.start[a + 1], endB = csr.start[b + 1];
  if (endA - i > endB - j) return false;
  while (i < endA) {
    while (j < endB && csr.items[j] < csr.items[i]) j++;
    if (j === endB || csr.items[j] !== csr.items[i]) return false;
    i++;
    j++;
  }
  return true;
}

/** Columns whose rows are a subset of another kept column's rows. */
function dominatedColumns(columns: Csr, rows: Csr, columnCount: number, budget: number): Uint8Array {
  const dropped = new Uint8Array(columnCount);
  let work = 0;
  for (let j = 0; j < columnCount && work < budget; j++) {
    const from = columns.start[j], to = columns.start[j + 1];
    if (from === to) {
      dropped[j] = 1;
      continue;
    }
    let rarest = columns.items[from];
    for (let k = from; k < to; k++) {
      const r = columns.items[k];
      if (rows.start[r + 1] - rows.start[r] < rows.start[rarest + 1] - rows.start[rarest]) rarest = r;
    }
    const size = to - from;
    for (let k = rows.start[rarest]; k < rows.start[rarest + 1]; k++) {
      const other = rows.items[k];
      if (other === j || dropped[other]) continue;
      const otherSize = columns.start[other + 1] - columns.start[other];
      if (otherSize < size || (otherSize === size && other > j)) continue;
      work += size + otherSize;
      if (isSubset(columns, j, other)) {
        dropped[j] = 1;
        break;
      }
    }
  }
  return dropped;
}

export function buildCoverageMatrix(input: CoverageMatrixInput, run: RunOptions = {}): CoverageMatrix {
  const { candidateCount, reach, cellWeight, cellCovered } = input;
  const cellCount = cellWeight.length;
  let totalWeight = 0;
  let coveredWeight = 0;
  for (let c = 0; c < cellCount; c++) {
    totalWeight += cellWeight[c];
    if (cellCovered[c] === 1) coveredWeight += cellWeight[c];
  }
  // 1. candidate → demand cells.
  const lists: Uint32Array[] = [];
  let entries = 0;
  for (let j = 0; j < candidateCount; j++) {
    if ((j & 255) === 0) {
      throwIfAborted(run.signal);
      run.onProgress?.((0.6 * j) / Math.max(1, candidateCount), 'reach');
    }
    const reached = reach.cellsOf(j).filter((c) => cellWeight[c] > 0 && cellCovered[c] !== 1);
    reached.sort();
    lists.push(reached);
    entries += reached.length;
  }
  const byCandidate: Csr = { start: new Int32Array(candidateCount + 1), items: new Int32Array(entries) };
  lists.forEach((list, j) => {
    byCandidate.items.set(list, byCandidate.start[j]);
    byCandidate.start[j + 1] = byCandidate.start[j] + list.length;
  });
  lists.length = 0;
  const byCell = transpose(byCandidate, candidateCount, cellCount);
  run.onProgress?.(0.7, 'merge');
  // 2. cells with the same covering candidates → one row.
  const merged = mergeIdentical(byCell, cellCount, cellWeight);
  let reachableWeight = 0;
  merged.groupWeight.forEach((w) => (reachableWeight += w));
  let rowLists = merged.groups;
  let rowWeight = merged.groupWeight;
  let cellRow = merged.groupOf;
  let columnCandidate = Int32Array.from({ length: candidateCount }, (_, j) => j);
  let dominated = 0;
  // 3. dominated candidates.
  if (input.dropDominated !== false) {
    throwIfAborted(run.signal);
    run.onProgress?.(0.8, 'dominance');
    const columns = transpose(rowLists, rowWeight.length, candidateCount);
    const dropped = dominatedColumns(columns, rowLists, candidateCount, input.dominanceBudget ?? 2e8);
    const newColumn = new Int32Array(candidateCount).fill(-1);
    const kept: number[] = [];
    for (let j = 0; j < candidateCount; j++) if (!dropped[j]) newColumn[j] = kept.push(j) - 1;
    dominated = candidateCount - kept.length;
    columnCandidate = Int32Array.from(kept);
    // Rows keep only surviving columns (still ascending), then identical rows merge again.
    const start = new Int32Array(rowWeight.length + 1);
    const items: number[] = [];
    for (let r = 0; r < rowWeight.length; r++) {
      for (let k = rowLists.start[r]; k < rowLists.start[r + 1]; k++) if (newColumn[rowLists.items[k]] >= 0) items.push(newColumn[rowLists.items[k]]);
      start[r + 1] = items.length;
    }
    const again = mergeIdentical({ start, items: Int32Array.from(items) }, rowWeight.length, rowWeight);
    cellRow = Int32Array.from(cellRow, (r) => (r < 0 ? -1 : again.groupOf[r]));
    rowLists = again.groups;
    rowWeight = again.groupWeight;
  }
  const columns = transpose(rowLists, rowWeight.length, columnCandidate.length);
  run.onProgress?.(1, 'matrix');
  return {
    rowWeight,
    rowStart: rowLists.start,
    rowColumns: rowLists.items,
    columnStart: columns.start,
    columnRows: columns.items,
    columnCandidate,
    cellRow,
    totalWeight,
    coveredWeight,
    unreachableWeight: totalWeight - coveredWeight - reachableWeight,
    stats: { cells: cellCount, candidates: candidateCount, rows: rowWeight.length, columns: columnCandidate.length, entries: rowLists.items.length, dominated },
  };
}
