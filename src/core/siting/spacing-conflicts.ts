// Pairs of candidate columns closer than the minimum spacing between new sites (metres on the
// ellipsoid: plane distance < spacing · k at the first candidate), as a CSR list per column.

import KDBush from 'kdbush';
import type { CandidateSet } from './siting-types.ts';

export interface Conflicts {
  start: Int32Array;
  items: Int32Array;
}

export function spacingConflicts(candidates: CandidateSet, columnCandidate: Int32Array, metres: number): Conflicts | null {
  const n = columnCandidate.length;
  if (!(metres > 0) || n === 0) return null;
  const index = new KDBush(n, 64, Float64Array);
  for (const j of columnCandidate) index.add(candidates.x[j], candidates.y[j]);
  index.finish();
  const start = new Int32Array(n + 1);
  const items: number[] = [];
  for (let c = 0; c < n; c++) {
    const j = columnCandidate[c];
    const near = index.within(candidates.x[j], candidates.y[j], metres * candidates.scale[j]);
    near.sort((a, b) => a - b);
    for (const other of near) {
      const o = columnCandidate[other];
      if (other !== c && Math.hypot(candidates.x[o] - candidates.x[j], candidates.y[o] - candidates.y[j]) < metres * candidates.scale[j]) items.push(other);
    }
    start[c + 1] = items.length;
  }
  return { start, items: Int32Array.from(items) };
}
