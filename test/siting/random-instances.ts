// Small random covering instances for exhaustive checks, and the brute-force answers they are
// checked against (enumerating every k-subset — an independent method from the solvers).
import { createRandom } from '../../scripts/demo/seeded-random.ts';
import { buildCoverageMatrix } from '../../src/core/siting/build-coverage-matrix.ts';
import type { CandidateReach, CoverageMatrix } from '../../src/core/siting/siting-types.ts';

export interface Instance {
  /** cells[j] = cells candidate j reaches. */
  cells: Uint32Array[];
  weight: Float64Array;
  covered: Uint8Array;
}

export function randomInstance(seed: number, candidates: number, cellCount: number, density = 0.2): Instance {
  const random = createRandom(seed);
  const cells = Array.from({ length: candidates }, () => {
    const list: number[] = [];
    for (let c = 0; c < cellCount; c++) if (random.next() < density) list.push(c);
    return Uint32Array.from(list);
  });
  const weight = Float64Array.from({ length: cellCount }, () => (random.next() < 0.1 ? 0 : Math.round(random.range(1, 100))));
  const covered = Uint8Array.from({ length: cellCount }, () => (random.next() < 0.15 ? 1 : 0));
  return { cells, weight, covered };
}

function reachOf(instance: Instance): CandidateReach {
  return { label: { zh: '测试', en: 'test' }, cellsOf: (j) => instance.cells[j] };
}

export function matrixOf(instance: Instance, dropDominated = true): CoverageMatrix {
  return buildCoverageMatrix({ candidateCount: instance.cells.length, reach: reachOf(instance), cellWeight: instance.weight, cellCovered: instance.covered, dropDominated });
}

/** Weight newly covered by a set of candidates (cells not already covered). */
export function coverValue(instance: Instance, sites: number[]): number {
  const hit = new Uint8Array(instance.weight.length);
  let sum = 0;
  for (const j of sites) for (const c of instance.cells[j]) if (!hit[c] && !instance.covered[c]) (hit[c] = 1), (sum += instance.weight[c]);
  return sum;
}

export function* subsets(n: number, k: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === k) {
    yield prefix;
    return;
  }
  for (let j = start; j <= n - (k - prefix.length); j++) yield* subsets(n, k, j + 1, [...prefix, j]);
}

/** Best value over every subset of at most k sites (optionally only subsets allowed by `ok`). */
export function bruteForceMax(n: number, k: number, value: (sites: number[]) => number, ok: (sites: number[]) => boolean = () => true): number {
  let best = 0;
  for (let size = 0; size <= Math.min(k, n); size++) for (const s of subsets(n, size)) if (ok(s)) best = Math.max(best, value(s));
  return best;
}
