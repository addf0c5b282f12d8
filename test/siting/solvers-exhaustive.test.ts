// The solvers against exhaustive enumeration on small random instances: the heuristic never claims
// more than the optimum, the HiGHS MIP finds the optimum, every stated bound holds, and the stated
// gap is never smaller than the true gap.
import { beforeAll, describe, expect, it } from 'vitest';
import { solveMclp } from '../../src/core/siting/solve-mclp.ts';
import { solveSetCover } from '../../src/core/siting/solve-set-cover.ts';
import { solveCapacitatedCoverage } from '../../src/core/siting/solve-capacitated-coverage.ts';
import { buildMedianMatrix, solvePMedian } from '../../src/core/siting/solve-p-median.ts';
import { loadLinearSolver } from '../../src/core/siting/load-linear-solver.ts';
import type { LinearSolver } from '../../src/core/siting/highs-models.ts';
import { relativeGap } from '../../src/core/siting/siting-types.ts';
import type { Conflicts } from '../../src/core/siting/spacing-conflicts.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';
import { bruteForceMax, coverValue, matrixOf, randomInstance, subsets } from './random-instances.ts';

let solver: LinearSolver;
beforeAll(async () => {
  solver = await loadLinearSolver();
});

/** Relative tolerance for float sums compared across methods. */
const TOLERANCE = 1e-9;

describe('maximal covering (MCLP)', () => {
  const cases = Array.from({ length: 12 }, (_, i) => ({ seed: 100 + i, n: 8 + (i % 5), cells: 30 + 3 * i, k: 2 + (i % 3) }));
  it.each(cases)('seed $seed: n=$n, k=$k against enumeration', ({ seed, n, cells, k }) => {
    const instance = randomInstance(seed, n, cells, 0.15);
    const optimum = bruteForceMax(n, k, (s) => coverValue(instance, s));
    const matrix = matrixOf(instance);
    for (const greedyOnly of [true, false]) {
      const heuristic = solveMclp(matrix, { k, greedyOnly });
      // The claimed objective is what the chosen sites really cover.
      expect(heuristic.objective).toBeCloseTo(coverValue(instance, heuristic.sites), 6);
      expect(heuristic.objective).toBeLessThanOrEqual(optimum * (1 + TOLERANCE));
      expect(heuristic.sites.length).toBeLessThanOrEqual(k);
      expect(heuristic.bound.value).toBeGreaterThanOrEqual(optimum * (1 - TOLERANCE));
      expect(heuristic.gap + TOLERANCE).toBeGreaterThanOrEqual(relativeGap(heuristic.objective, optimum, 'max'));
      // Greedy's guarantee for monotone submodular coverage.
      expect(heuristic.objective).toBeGreaterThanOrEqual((1 - 1 / Math.E) * optimum - TOLERANCE);
    }
    const exact = solveMclp(matrix, { k, solver });
    expect(exact.objective).toBeCloseTo(optimum, 6);
    expect(coverValue(instance, exact.sites)).toBeCloseTo(optimum, 6);
    expect(exact.gap).toBeLessThan(1e-6);
  });

  it('is deterministic for the same input', () => {
    const instance = randomInstance(7, 40, 300, 0.05);
    const a = solveMclp(matrixOf(instance), { k: 6 });
    const b = solveMclp(matrixOf(instance), { k: 6 });
    expect(a.sites).toEqual(b.sites);
    expect(a.objective).toBe(b.objective);
  });

  it('merging equal covering sets and dropping dominated candidates keeps the optimum', () => {
    for (let seed = 0; seed < 6; seed++) {
      const instance = randomInstance(seed, 10, 25, 0.2);
      const reduced = matrixOf(instance, true);
      const full = matrixOf(instance, false);
      expect(reduced.stats.rows).toBeLessThanOrEqual(full.stats.rows);
      expect(reduced.stats.columns).toBeLessThanOrEqual(full.stats.columns);
      const optimum = bruteForceMax(10, 3, (s) => coverValue(instance, s));
      expect(solveMclp(reduced, { k: 3, solver }).objective).toBeCloseTo(optimum, 6);
      expect(solveMclp(full, { k: 3, solver }).objective).toBeCloseTo(optimum, 6);
      // Every weight is accounted for: covered before + reachable rows + unreachable = total.
      let rows = 0;
      reduced.rowWeight.forEach((w) => (rows += w));
      expect(reduced.coveredWeight + rows + reduced.unreachableWeight).toBeCloseTo(reduced.totalWeight, 6);
    }
  });

  it('never puts two new sites closer than the spacing (heuristic and MIP)', () => {
    for (let seed = 20; seed < 26; seed++) {
      const n = 10;
      const instance = randomInstance(seed, n, 40, 0.2);
      const random = createRandom(seed);
      // A random conflict graph standing in for "closer than the spacing".
      const pairs = new Set<string>();
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (random.next() < 0.3) pairs.add(`${a},${b}`);
      const conflict = (a: number, b: number) => pairs.has(`${Math.min(a, b)},${Math.max(a, b)}`);
      const start = new Int32Array(n + 1);
      const items: number[] = [];
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) if (a !== b && conflict(a, b)) items.push(b);
        start[a + 1] = items.length;
      }
      const conflicts: Conflicts = { start, items: Int32Array.from(items) };
      const matrix = matrixOf(instance, false);
      const allowed = (s: number[]) => s.every((a, i) => s.every((b, j) => i === j || !conflict(a, b)));
      const optimum = bruteForceMax(n, 3, (s) => coverValue(instance, s), allowed);
      const heuristic = solveMclp(matrix, { k: 3, conflicts });
      const exact = solveMclp(matrix, { k: 3, conflicts, solver });
      for (const answer of [heuristic, exact]) expect(allowed(answer.sites)).toBe(true);
      expect(heuristic.objective).toBeLessThanOrEqual(optimum + TOLERANCE);
      expect(heuristic.bound.value).toBeGreaterThanOrEqual(optimum - TOLERANCE);
      expect(exact.objective).toBeCloseTo(optimum, 6);
    }
  });
});

describe('set covering (LSCP)', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7])('seed %i: fewest sites for 80% of the reachable demand', (seed) => {
    const n = 10;
    const instance = randomInstance(300 + seed, n, 40, 0.15);
    const matrix = matrixOf(instance);
    let reachable = 0;
    matrix.rowWeight.forEach((w) => (reachable += w));
    const required = 0.8 * reachable;
    let fewest = Infinity;
    for (let size = 0; size <= n && fewest === Infinity; size++) for (const s of subsets(n, size)) if (coverValue(instance, s) >= required - 1e-9) fewest = size;
    const heuristic = solveSetCover(matrix, { required });
    expect(heuristic.feasible).toBe(true);
    expect(coverValue(instance, heuristic.sites)).toBeGreaterThanOrEqual(required - 1e-9);
    expect(heuristic.sites.length).toBeGreaterThanOrEqual(fewest);
    expect(heuristic.bound.value).toBeLessThanOrEqual(fewest);
    expect(heuristic.gap + TOLERANCE).toBeGreaterThanOrEqual(relativeGap(heuristic.objective, fewest, 'min'));
    const exact = solveSetCover(matrix, { required, solver });
    expect(exact.objective).toBe(fewest);
    expect(exact.gap).toBe(0);
  });
});

/** Max flow from rows (capacity = weight) to chosen columns (capacity each): the best allocation. */
function bestAllocation(cells: Uint32Array[], weight: Float64Array, covered: Uint8Array, sites: number[], capacity: number): number {
  // Successive augmenting paths on a tiny bipartite network (BFS, Edmonds–Karp).
  const demand = Array.from(weight, (w, c) => (covered[c] ? 0 : w));
  const flow = sites.map(() => new Map<number, number>());
  const used = sites.map(() => 0);
  const residualDemand = [...demand];
  let total = 0;
  for (;;) {
    // BFS from any cell with residual demand to any site with spare capacity.
    const previous = new Map<string, string | null>();
    const queue: string[] = [];
    residualDemand.forEach((d, c) => {
      if (d > 1e-12) {
        previous.set(`c${c}`, null);
        queue.push(`c${c}`);
      }
    });
    let end = null as string | null;
    while (queue.length > 0 && !end) {
      const node = queue.shift()!;
      const id = Number(node.slice(1));
      if (node[0] === 'c') {
        sites.forEach((j, s) => {
          if (cells[j].includes(id) && !previous.has(`s${s}`)) {
            previous.set(`s${s}`, node);
            if (used[s] < capacity - 1e-12) end ??= `s${s}`;
            queue.push(`s${s}`);
          }
        });
      } else {
        for (const [c, f] of flow[id]) if (f > 1e-12 && !previous.has(`c${c}`)) (previous.set(`c${c}`, node), queue.push(`c${c}`));
      }
    }
    if (!end) return total;
    const path: string[] = [];
    for (let node: string | null = end; node; node = previous.get(node)!) path.unshift(node);
    let amount = Math.min(residualDemand[Number(path[0].slice(1))], capacity - used[Number(end.slice(1))]);
    for (let i = 2; i < path.length; i += 2) amount = Math.min(amount, flow[Number(path[i - 1].slice(1))].get(Number(path[i].slice(1)))!);
    residualDemand[Number(path[0].slice(1))] -= amount;
    used[Number(end.slice(1))] += amount;
    for (let i = 0; i + 1 < path.length; i += 2) {
      const c = Number(path[i].slice(1)), s = Number(path[i + 1].slice(1));
      flow[s].set(c, (flow[s].get(c) ?? 0) + amount);
      if (i >= 2) {
        const back = Number(path[i - 1].slice(1));
        flow[back].set(c, flow[back].get(c)! - amount);
      }
    }
    total += amount;
  }
}

describe('capacity-aware covering', () => {
  it.each([0, 1, 2, 3, 4, 5])('seed %i: against enumeration with max-flow allocation', (seed) => {
    const n = 8;
    const k = 3;
    const instance = randomInstance(500 + seed, n, 30, 0.2);
    const capacity = 150;
    const optimum = bruteForceMax(n, k, (s) => bestAllocation(instance.cells, instance.weight, instance.covered, s, capacity));
    const matrix = matrixOf(instance, false);
    const heuristic = solveCapacitatedCoverage(matrix, { k, capacity });
    expect(heuristic.objective).toBeLessThanOrEqual(optimum + 1e-6);
    expect(heuristic.objective).toBeLessThanOrEqual(bestAllocation(instance.cells, instance.weight, instance.covered, heuristic.sites, capacity) + 1e-6);
    expect(heuristic.bound.value).toBeGreaterThanOrEqual(optimum - 1e-6);
    expect(heuristic.gap + TOLERANCE).toBeGreaterThanOrEqual(relativeGap(heuristic.objective, optimum, 'max'));
    const exact = solveCapacitatedCoverage(matrix, { k, capacity, solver });
    expect(exact.objective).toBeCloseTo(optimum, 4);
  });
});

describe('p-median', () => {
  it.each([0, 1, 2, 3, 4, 5])('seed %i: against enumeration', (seed) => {
    const random = createRandom(700 + seed);
    const n = 9, cells = 30, k = 3, cap = 5000;
    const px = Array.from({ length: cells }, () => random.range(0, 4000));
    const py = Array.from({ length: cells }, () => random.range(0, 4000));
    const cx = Array.from({ length: n }, () => random.range(0, 4000));
    const cy = Array.from({ length: n }, () => random.range(0, 4000));
    const weight = Float64Array.from({ length: cells }, () => Math.round(random.range(1, 50)));
    const base = Float64Array.from({ length: cells }, () => random.range(500, 6000));
    const distance = (j: number, c: number) => Math.hypot(px[c] - cx[j], py[c] - cy[j]);
    const all = Uint32Array.from({ length: cells }, (_, c) => c);
    const reach = { label: { zh: '', en: '' }, cellsOf: () => all, costsOf: (j: number) => Float64Array.from(all, (c) => distance(j, c)) };
    const cost = (sites: number[]) => {
      let sum = 0;
      for (let c = 0; c < cells; c++) sum += weight[c] * Math.min(Math.min(base[c], cap), ...sites.map((j) => distance(j, c)));
      return sum;
    };
    let optimum = Infinity;
    for (const s of subsets(n, k)) optimum = Math.min(optimum, cost(s));
    const matrix = buildMedianMatrix(reach, n, weight, base, cap);
    const heuristic = solvePMedian(matrix, { k });
    expect(heuristic.objective).toBeCloseTo(cost(heuristic.sites), 4);
    expect(heuristic.objective).toBeGreaterThanOrEqual(optimum - 1e-6);
    expect(heuristic.bound.value).toBeLessThanOrEqual(optimum + 1e-6);
    expect(heuristic.gap + TOLERANCE).toBeGreaterThanOrEqual(relativeGap(heuristic.objective, optimum, 'min'));
    const exact = solvePMedian(matrix, { k, solver });
    expect(exact.objective).toBeCloseTo(optimum, 3);
  });
});
