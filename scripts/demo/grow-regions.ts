// Competitive region growing over the atom graph (multi-source Dijkstra with a noisy cost field
// and an area quota per source). Every region it grows is connected by construction, and the
// noisy costs give organic, irregular shapes.
import type { Atoms } from './build-atoms.ts';

export const UNCLAIMED = -1;

export interface GrowthSource {
  label: number;
  /** Atoms the region starts from (already labelled or to be labelled). */
  atoms: number[];
  /** Larger speed: the region grows faster (reaches farther for the same cost). */
  speed: number;
  /** Stop claiming once the claimed area (m², including start atoms) reaches this. */
  quotaSquareMetres: number;
}

export interface GrowthOptions {
  atoms: Atoms;
  /** Label per atom; UNCLAIMED atoms may be claimed when `claimable` allows it. Updated in place. */
  labels: Int32Array;
  sources: GrowthSource[];
  claimable: (atom: number) => boolean;
  /** Cost multiplier of stepping onto an atom (e.g. 0.5–2 from a noise field). */
  stepCost: (atom: number) => number;
}

/** Binary min-heap of (priority, payload) kept in parallel arrays. */
class MinHeap {
  private priorities: number[] = [];
  private payloads: number[] = [];
  get size(): number {
    return this.priorities.length;
  }
  get topPriority(): number {
    return this.priorities[0];
  }
  push(priority: number, payload: number): void {
    const p = this.priorities;
    const q = this.payloads;
    let i = p.length;
    p.push(priority);
    q.push(payload);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (p[parent] <= priority) break;
      p[i] = p[parent];
      q[i] = q[parent];
      i = parent;
    }
    p[i] = priority;
    q[i] = payload;
  }
  /** Removes the minimum and returns its payload. */
  pop(): number {
    const p = this.priorities;
    const q = this.payloads;
    const top = q[0];
    const lastPriority = p.pop() as number;
    const lastPayload = q.pop() as number;
    const n = p.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && p[right] < p[left] ? right : left;
        if (p[child] >= lastPriority) break;
        p[i] = p[child];
        q[i] = q[child];
        i = child;
      }
      p[i] = lastPriority;
      q[i] = lastPayload;
    }
    return top;
  }
}

/** Grows every source until its quota is met or it is boxed in. Returns the claimed area per source. */
export function growRegions(options: GrowthOptions): number[] {
  const { atoms, labels, sources, claimable, stepCost } = options;
  const claimedArea = sources.map(() => 0);
  const heap = new MinHeap();
  // payload = atom * sourceCount + sourceIndex; no pruning, so a full source never blocks another.
  const sourceCount = sources.length;
  const expand = (atom: number, s: number, base: number): void => {
    const speed = sources[s].speed;
    for (let k = atoms.neighbourStart[atom]; k < atoms.neighbourStart[atom + 1]; k++) {
      const next = atoms.neighbourIndex[k];
      if (labels[next] !== UNCLAIMED || !claimable(next)) continue;
      const step = Math.hypot(atoms.x[next] - atoms.x[atom], atoms.y[next] - atoms.y[atom]);
      heap.push(base + (step * stepCost(next)) / speed, next * sourceCount + s);
    }
  };
  sources.forEach((source, s) => {
    for (const atom of source.atoms) {
      if (labels[atom] === UNCLAIMED) labels[atom] = source.label;
      if (labels[atom] === source.label) claimedArea[s] += atoms.area[atom];
    }
  });
  sources.forEach((source, s) => {
    for (const atom of source.atoms) if (labels[atom] === source.label) expand(atom, s, 0);
  });
  while (heap.size > 0) {
    const priority = heap.topPriority;
    const payload = heap.pop();
    const s = payload % sourceCount;
    const atom = (payload - s) / sourceCount;
    if (labels[atom] !== UNCLAIMED) continue;
    if (claimedArea[s] >= sources[s].quotaSquareMetres) continue;
    labels[atom] = sources[s].label;
    claimedArea[s] += atoms.area[atom];
    expand(atom, s, priority);
  }
  return claimedArea;
}
