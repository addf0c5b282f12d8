// npm run bench:siting-travel-time — the covering sets of a travel-time siting on the demo region, two
// ways of building them measured in the same run:
//   - from each candidate: one search bounded by the limit per candidate (what
//     src/core/siting/travel-time-reach.ts does), timed in full;
//   - from the demand: one search bounded by the same limit per populated cell (each cell's set of
//     candidates it reaches, inverted afterwards), timed on a seeded sample of cells and scaled to
//     all of them (the searches are alike: same graph, same limit).
// Then one MCLP (k = 10) on the candidate-side sets, to show the whole siting time.
// Usage: npm run bench:siting-travel-time [-- --minutes 15 --mode walk --sample 300]
import { loadavg } from 'node:os';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { travelTimeReach } from '../../src/core/siting/travel-time-reach.ts';
import { reachEngine } from '../../src/core/siting/reach-engine.ts';
import { generateCandidates } from '../../src/core/siting/generate-candidates.ts';
import { demandWeights } from '../../src/core/siting/demand-weights.ts';
import { planSites } from '../../src/core/siting/plan-sites.ts';
import { travelModeNetworkOf, travelModeOfReach } from '../../src/core/network/travel-time-coverage-of-dataset.ts';
import { snapToNetwork } from '../../src/core/network/snap-to-network.ts';
import { createNodeTimes, resetNodeTimes, searchNetwork, type SourceSet } from '../../src/core/network/search-network.ts';
import type { Reach } from '../../src/core/coverage/coverage-types.ts';
import { createRandom } from '../demo/seeded-random.ts';
import { loadDemoDataset } from '../lib/load-demo-dataset.ts';

const option = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const reach = { kind: 'travel-time', minutes: Number(option('minutes', '15')), mode: option('mode', 'walk') } as Extract<Reach, { kind: 'travel-time' }>;
const SAMPLE = Number(option('sample', '300'));
const SERVICE = 'elder-daycare';

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

const dataset = await loadDemoDataset();
const prepared = prepareDataset(dataset);
const [network, networkMs] = time(() => travelModeNetworkOf(prepared, travelModeOfReach(reach)));
const engine = reachEngine(prepared);
const fixed = engine.fixedCoverage(reach, { types: [SERVICE] })!;
const weights = demandWeights(prepared, { cohort: 'age60plus' });
if (!weights.ok) throw new Error(weights.error.message.en);
const candidates = generateCandidates(prepared, { cellCovered: fixed.cells, cellWeight: weights.value, gridMetres: 500, exclusions: [] }).candidates;

const [candidateReach, candidateMs] = time(() => travelTimeReach(prepared, candidates, reach));
let entries = 0;
for (let j = 0; j < candidates.x.length; j++) entries += candidateReach.cellsOf(j).length;

// From the demand: a bounded search from each of a seeded sample of populated cells.
const populated: number[] = [];
dataset.population.population.forEach((people, i) => {
  if (people > 0 && network.cells.snapped.edge[i] >= 0) populated.push(i);
});
const random = createRandom(7);
const sample = Array.from({ length: Math.min(SAMPLE, populated.length) }, () => populated[random.int(0, populated.length - 1)]);
const cellSources: SourceSet = { x: network.cells.x, y: network.cells.y, scale: network.cells.scale, snapped: network.cells.snapped };
const scratch = createNodeTimes(network.graph.road.nodeCount);
const [, sampleMs] = time(() => {
  for (const i of sample) {
    const touched: number[] = [];
    searchNetwork(network.graph, cellSources, { sources: [i], cutoffSeconds: reach.minutes * 60, scratch }, touched);
    resetNodeTimes(scratch, touched);
  }
});
const perCell = sampleMs / sample.length;
// The candidates' searches alone (no read-off), for a like-for-like comparison.
const snapped = snapToNetwork(network.graph, candidates, network.maxSnapMetres);
const [, candidateSearchMs] = time(() => {
  for (let j = 0; j < candidates.x.length; j++) {
    const touched: number[] = [];
    const source: SourceSet = { x: Float64Array.of(candidates.x[j]), y: Float64Array.of(candidates.y[j]), scale: Float64Array.of(candidates.scale[j]), snapped: { edge: Int32Array.of(snapped.edge[j]), fraction: Float64Array.of(snapped.fraction[j]), offMetres: Float64Array.of(snapped.offMetres[j]) } };
    searchNetwork(network.graph, source, { cutoffSeconds: reach.minutes * 60, scratch }, touched);
    resetNodeTimes(scratch, touched);
  }
});

const [proposal, solveMs] = time(() => planSites({ prepared, candidates, engine }, { service: SERVICE, reach, cohort: 'age60plus', spacingMetres: 0, problem: { kind: 'max-coverage', k: 10 } }));
if (!proposal.ok) throw new Error(proposal.error.message.en);

const n = (value: number) => Math.round(value).toLocaleString('en');
console.log(`\nTravel-time siting on the demo region (${n(dataset.population.population.length)} cells, ${n(network.graph.road.nodeCount)} road nodes), ${reach.minutes} min ${reach.mode}, ${SERVICE}, load average ${loadavg()[0].toFixed(1)}\n`);
console.log(`mode graph and snaps (once per dataset): ${networkMs.toFixed(0)} ms\n`);
console.log('| covering sets built | searches | ms per search (search only) | total ms, searches only | total ms with the read-off of the reached points |');
console.log('|---|---:|---:|---:|---:|');
console.log(`| from each candidate (used) | ${n(candidates.x.length)} | ${(candidateSearchMs / candidates.x.length).toFixed(3)} | ${n(candidateSearchMs)} | ${n(candidateMs)} (${n(entries)} cell–candidate pairs) |`);
console.log(`| from each populated cell (sample of ${sample.length}, scaled) | ${n(populated.length)} | ${perCell.toFixed(3)} | ${n(perCell * populated.length)} (estimated) | not built (the read-off of candidates would come on top) |`);
console.log(`\nMCLP k = 10 on these candidates, whole planSites (sets, structure, heuristic, bound): ${n(solveMs)} ms; objective ${n(proposal.value.solution.objective)} people aged 60+, gap ${(100 * proposal.value.solution.gap).toFixed(2)}% (${proposal.value.solution.bound.method})`);
