// npm run bench:siting — maximal covering at scale, against a naive greedy, and the exact MIP on a
// reduced instance, in the same run.
//
// Instance: the seeded 10× region (1,000 townships, about 1 M population cells, as in npm run bench),
// 10,000 candidate sites among the populated cells the existing elder-daycare centres do not reach —
// drawn at random (scattered) and the most populated ones (dense, overlapping: the harder case) —
// radius 1,000 m, k = 20 new sites, existing centres fixed. For each candidate set it times
//   - structure: covering sets from the k-d tree, merging cells with equal covering sets, dropping
//     dominated candidates;
//   - heuristic: lazy greedy + full-neighbourhood interchange;
//   - bound: the Lagrangian upper bound, stated as the optimality gap;
//   - naive greedy: k rounds, each recomputing coverage from scratch (mark the chosen sites' cells,
//     then query every candidate's disc in the k-d tree and sum what it would add), no structure,
//     no lazy evaluation — the textbook loop;
//   - MIP: HiGHS on a reduced instance (the candidates in a window of the region), time and gap,
//     beside the heuristic on the same instance.
// Usage: npm run bench:siting [-- --quick]  (quick: 2,000 candidates, 0.3 M cells)

import { prepareDataset, type PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeCoverage } from '../../src/core/coverage/compute-coverage.ts';
import { projectCandidates, pickCandidates } from '../../src/core/siting/project-candidates.ts';
import { straightLineReach } from '../../src/core/siting/straight-line-reach.ts';
import { buildCoverageMatrix } from '../../src/core/siting/build-coverage-matrix.ts';
import { solveMaxCoverageHeuristic } from '../../src/core/siting/solve-max-coverage.ts';
import { lagrangianBound, submodularBound } from '../../src/core/siting/bound-max-coverage.ts';
import { solveMclp } from '../../src/core/siting/solve-mclp.ts';
import { loadLinearSolver } from '../../src/core/siting/load-linear-solver.ts';
import type { CandidateSet } from '../../src/core/siting/siting-types.ts';
import { createRandom } from '../demo/seeded-random.ts';
import { generateRegion } from '../demo/generate-region.ts';

const quick = process.argv.includes('--quick');
const RADIUS = 1000;
const K = 20;
const CANDIDATES = quick ? 2000 : 10_000;

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

/** The textbook greedy: every round recomputes coverage from scratch and evaluates every candidate. */
function naiveGreedy(prepared: PreparedDataset, candidates: CandidateSet, weight: Float64Array, fixed: Uint8Array, k: number) {
  const found = new Uint32Array(prepared.cells.x.length);
  const chosen: number[] = [];
  let value = 0;
  for (let round = 0; round < k; round++) {
    const covered = Uint8Array.from(fixed);
    for (const j of chosen) {
      const hits = prepared.cellIndex.withinInto(candidates.x[j], candidates.y[j], RADIUS * candidates.scale[j], found);
      for (let m = 0; m < hits; m++) covered[found[m]] = 1;
    }
    let best = -1, bestGain = 0;
    for (let j = 0; j < candidates.x.length; j++) {
      const hits = prepared.cellIndex.withinInto(candidates.x[j], candidates.y[j], RADIUS * candidates.scale[j], found);
      let gain = 0;
      for (let m = 0; m < hits; m++) if (!covered[found[m]]) gain += weight[found[m]];
      if (gain > bestGain) (bestGain = gain), (best = j);
    }
    if (best < 0) break;
    chosen.push(best);
    value += bestGain;
  }
  return { chosen, value };
}

console.error('siting benchmark: generating the seeded region …');
const dataset = generateRegion({ seed: 10, townshipCount: quick ? 300 : 1000, facilityCount: quick ? 9000 : 30000, targetCellCount: quick ? 300_000 : 1_000_000 });
const [prepared, prepareMs] = time(() => prepareDataset(dataset));
const fixedFilter = { types: ['elder-daycare'] };
const fixed = computeCoverage(prepared, { filter: fixedFilter, reach: { kind: 'distance', metres: RADIUS } }).cellCovered;
const weight = Float64Array.from(dataset.population.population, (p, i) => (prepared.cellTownship[i] >= 0 ? p : 0));
const gapCells: number[] = [];
weight.forEach((w, i) => w > 0 && !fixed[i] && gapCells.push(i));
const random = createRandom(2026);
for (let i = gapCells.length - 1; i > 0; i--) {
  const j = Math.floor(random.next() * (i + 1));
  [gapCells[i], gapCells[j]] = [gapCells[j], gapCells[i]];
}
const { lon, lat } = dataset.population;
const fixedCount = computeCoverage(prepared, { filter: fixedFilter, reach: { kind: 'distance', metres: RADIUS } }).facilityIndices.length;
const asCandidates = (cells: number[]) => projectCandidates(prepared, [...cells].sort((a, b) => a - b).map((i) => ({ id: `G${i}`, lon: lon[i], lat: lat[i] })), 'generated');
// Two candidate sets: drawn at random from the gap cells (scattered: discs rarely overlap), and the
// most populated gap cells (dense in the towns: discs overlap heavily, the harder instance).
const scattered = asCandidates(gapCells.slice(0, CANDIDATES));
const dense = asCandidates([...gapCells].sort((a, b) => weight[b] - weight[a] || a - b).slice(0, CANDIDATES));
console.error(`  ${dataset.population.population.length.toLocaleString('en')} cells, ${CANDIDATES.toLocaleString('en')} candidates, ${fixedCount} fixed centres; prepare ${(prepareMs / 1000).toFixed(1)} s`);

function runPipeline(candidates: CandidateSet) {
  const cpuStart = process.cpuUsage();
  const [matrix, structureMs] = time(() =>
    buildCoverageMatrix({ candidateCount: candidates.x.length, reach: straightLineReach(prepared, candidates, RADIUS), cellWeight: weight, cellCovered: fixed }),
  );
  const [heuristic, heuristicMs] = time(() => solveMaxCoverageHeuristic(matrix, K));
  const [bound, boundMs] = time(() => Math.min(submodularBound(heuristic.state, K), lagrangianBound(matrix, K, heuristic.state.value)));
  const cpu = process.cpuUsage(cpuStart);
  console.error('  naive greedy …');
  const naiveCpuStart = process.cpuUsage();
  const [naive, naiveMs] = time(() => naiveGreedy(prepared, candidates, weight, fixed, K));
  const naiveCpu = process.cpuUsage(naiveCpuStart);
  return {
    matrix, heuristic, bound, structureMs, heuristicMs, boundMs, naive, naiveMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    naiveCpuMs: (naiveCpu.user + naiveCpu.system) / 1000,
    totalMs: structureMs + heuristicMs + boundMs,
  };
}
const runs = { scattered: runPipeline(scattered), dense: runPipeline(dense) };
const { matrix, heuristic } = runs.dense;
const candidates = dense;

// Reduced instance for the exact solver: the 300 dense candidates nearest the heuristic's first site.
console.error('  MIP on a reduced instance …');
const solver = await loadLinearSolver();
const centre = heuristic.state.chosen.length > 0 ? matrix.columnCandidate[heuristic.state.chosen[0]] : 0;
const byDistance = Array.from(candidates.x, (_, j) => j).sort(
  (a, b) => Math.hypot(candidates.x[a] - candidates.x[centre], candidates.y[a] - candidates.y[centre]) - Math.hypot(candidates.x[b] - candidates.x[centre], candidates.y[b] - candidates.y[centre]),
);
const window = pickCandidates(candidates, byDistance.slice(0, 300).sort((a, b) => a - b));
const small = buildCoverageMatrix({ candidateCount: window.x.length, reach: straightLineReach(prepared, window, RADIUS), cellWeight: weight, cellCovered: fixed });
const kSmall = 8;
const [smallHeuristic, smallHeuristicMs] = time(() => solveMclp(small, { k: kSmall }));
const [exact, exactMs] = time(() => solveMclp(small, { k: kSmall, solver, limits: { mipColumns: 1e9, mipEntries: 1e9, timeLimitSeconds: 120 } }));

const os = await import('node:os');
const f = (ms: number) => (ms / 1000).toFixed(2);
console.log(`\nCPU: ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores), load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}, one thread\n`);
console.log(`MCLP k = ${K}, radius ${RADIUS} m, ${CANDIDATES.toLocaleString('en')} candidates, ${dataset.population.population.length.toLocaleString('en')} cells (${prepared.dataset.townships.length} townships), ${fixedCount} existing centres fixed, ${gapCells.length.toLocaleString('en')} populated cells uncovered\n`);
console.log('| candidates | method | time (s) | people newly covered | bound | gap | notes |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, r] of Object.entries(runs)) {
  const gap = (r.bound - r.heuristic.state.value) / r.bound;
  const m = r.matrix.stats;
  console.log(
    `| ${name} | structure + lazy greedy + interchange + Lagrangian bound | ${f(r.totalMs)} (CPU ${f(r.cpuMs)}) | ${Math.round(r.heuristic.state.value).toLocaleString('en')} | ${Math.round(r.bound).toLocaleString('en')} | ${(100 * gap).toFixed(3)}% | reduced to ${m.rows.toLocaleString('en')} rows × ${m.columns.toLocaleString('en')} candidates (${m.dominated} dominated), ${m.entries.toLocaleString('en')} nonzeros; structure ${f(r.structureMs)} s, greedy+interchange ${f(r.heuristicMs)} s (${r.heuristic.swaps} swaps; greedy alone ${Math.round(r.heuristic.greedyValue).toLocaleString('en')}), bound ${f(r.boundMs)} s |`,
  );
  console.log(
    `| ${name} | naive greedy (coverage recomputed from scratch every round) | ${f(r.naiveMs)} (CPU ${f(r.naiveCpuMs)}) | ${Math.round(r.naive.value).toLocaleString('en')} | — | — | CPU ${(r.naiveCpuMs / r.cpuMs).toFixed(1)}× the pipeline above; no bound, no interchange |`,
  );
}
console.log(
  `| dense | reduced instance: ${window.x.length} candidates → ${small.stats.columns} × ${small.stats.rows} rows, ${small.stats.entries.toLocaleString('en')} nonzeros, k = ${kSmall}: heuristic | ${f(smallHeuristicMs)} | ${Math.round(smallHeuristic.objective).toLocaleString('en')} | ${Math.round(smallHeuristic.bound.value).toLocaleString('en')} (${smallHeuristic.bound.method}) | ${(100 * smallHeuristic.gap).toFixed(3)}% | |`,
);
console.log(
  `| dense | same reduced instance: HiGHS MIP | ${f(exactMs)} | ${Math.round(exact.objective).toLocaleString('en')} | ${Math.round(exact.bound.value).toLocaleString('en')} (${exact.bound.method}) | ${(100 * exact.gap).toFixed(3)}% | method ${exact.method}; true gap of the heuristic ${(100 * Math.max(0, (exact.objective - smallHeuristic.objective) / exact.objective)).toFixed(3)}% |`,
);
