// npm run bench — the coverage engine against the naive Turf approach, in the same run.
//
// For one service (all facilities of a type, straight-line radius R) it times:
//   - prepare: projection, indexes, cell/facility → township assignment (once per dataset load);
//   - recompute: area and population coverage of every township (and county and region) —
//     what the app does on every change of service or radius; median of several runs;
//   - naive Turf: buffer every facility (turf.buffer, default 8 steps per quarter circle),
//     union them, intersect the union with each township, turf.area; points-in-polygon for the
//     population. At the 10× size it runs on a sample of townships (with the facilities near
//     them) and the table says so, with the time scaled to all townships.
// and the largest difference between the two, in percentage points, over the compared townships.
// Then the whole process (scripts/bench/whole-process.ts): the CLI from files to all outputs on the
// demo and on the 10× region's files (written to a temp dir), time per phase and peak RSS.
// Then siting (scripts/bench/siting.ts) and travel time over a road network (scripts/bench/network.ts),
// each with its own table.
// Usage: npm run bench [-- --quick] (quick: demo region only; the network bench at a quarter size).
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { prepareDataset, type PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeCoverage } from '../../src/core/coverage/compute-coverage.ts';
import { computeNearestDistance } from '../../src/core/coverage/compute-nearest-distance.ts';
import { computeTwoStepFca } from '../../src/core/coverage/compute-two-step-fca.ts';
import type { CoverageResult } from '../../src/core/coverage/coverage-types.ts';
import type { Dataset } from '../../src/core/types.ts';
import { loadDemoDataset } from '../lib/load-demo-dataset.ts';
import { benchWholeProcess, printWholeProcessTable } from './whole-process.ts';
import { TEN_TIMES_REGION, generateBenchRegion, writeBenchRegion, type BenchRegionFiles } from './write-bench-region.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Row {
  dataset: string;
  size: string;
  service: string;
  radius: number;
  prepareMs: number;
  recomputeMs: number;
  recomputeCpuMs: number;
  turfMs: number;
  turfScope: string;
  maxAreaDiff: number;
  maxPopulationDiff: number;
  extra: string;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

/** The naive approach, on the given townships; returns area and population percentages per township. */
function naiveTurf(prepared: PreparedDataset, facilityIndices: Uint32Array, radius: number, townships: number[]) {
  const { dataset } = prepared;
  const results = new Map<number, { areaPct: number; populationPct: number }>();
  // Only the facilities that can reach the compared townships (all of them when comparing all).
  const degrees = radius / 90000;
  const boxes = townships.map((t) => turf.bbox(dataset.townships[t].geometry));
  const near = Array.from(facilityIndices).filter((f) => {
    const { lon, lat } = dataset.facilities[f];
    return boxes.some(([w, s, e, n]) => lon >= w - degrees && lon <= e + degrees && lat >= s - degrees && lat <= n + degrees);
  });
  const buffers = near.map((f) => turf.buffer(turf.point([dataset.facilities[f].lon, dataset.facilities[f].lat]), radius / 1000, { units: 'kilometers' })!);
  const union = buffers.length > 1 ? turf.union(turf.featureCollection(buffers)) : buffers[0] ?? null;
  const cellsByTownship = new Map<number, number[]>();
  prepared.cellTownship.forEach((t, i) => {
    if (t >= 0) (cellsByTownship.get(t) ?? cellsByTownship.set(t, []).get(t)!).push(i);
  });
  const { lon, lat, population } = dataset.population;
  for (const t of townships) {
    const shape = turf.feature(dataset.townships[t].geometry) as Feature<Polygon | MultiPolygon>;
    const covered = union ? turf.intersect(turf.featureCollection([shape, union as Feature<Polygon | MultiPolygon>])) : null;
    const areaPct = covered ? (100 * turf.area(covered)) / turf.area(shape) : 0;
    let total = 0;
    let reached = 0;
    for (const i of cellsByTownship.get(t) ?? []) {
      total += population[i];
      if (covered && turf.booleanPointInPolygon([lon[i], lat[i]], covered)) reached += population[i];
    }
    results.set(t, { areaPct, populationPct: total > 0 ? (100 * reached) / total : 0 });
  }
  return results;
}

function percentages(result: CoverageResult, t: number) {
  const m = result.townships;
  return {
    areaPct: (100 * m.coveredAreaKm2[t]) / m.areaKm2[t],
    populationPct: m.population[t] > 0 ? (100 * m.coveredPopulation[t]) / m.population[t] : 0,
  };
}

/** service: a facility type, or null for every facility (the 30,000-facility case). */
function benchmark(name: string, dataset: Dataset, service: string | null, radius: number, sampleSize: number | null): Row {
  const [prepared, prepareMs] = time(() => prepareDataset(dataset));
  const request = { filter: service ? { types: [service] } : {}, reach: { kind: 'distance' as const, metres: radius } };
  computeCoverage(prepared, request); // warm-up (JIT)
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  let result!: CoverageResult;
  for (let k = 0; k < 5; k++) {
    const cpu = process.cpuUsage();
    const [value, ms] = time(() => computeCoverage(prepared, request));
    const used = process.cpuUsage(cpu);
    cpuRuns.push((used.user + used.system) / 1000);
    result = value;
    runs.push(ms);
  }
  const all = dataset.townships.map((_, t) => t);
  const sample = sampleSize === null ? all : all.filter((_, t) => t % Math.ceil(all.length / sampleSize) === 0).slice(0, sampleSize);
  const [naive, turfMs] = time(() => naiveTurf(prepared, result.facilityIndices, radius, sample));
  let maxAreaDiff = 0;
  let maxPopulationDiff = 0;
  for (const [t, reference] of naive) {
    const ours = percentages(result, t);
    maxAreaDiff = Math.max(maxAreaDiff, Math.abs(ours.areaPct - reference.areaPct));
    maxPopulationDiff = Math.max(maxPopulationDiff, Math.abs(ours.populationPct - reference.populationPct));
  }
  const [, nearestMs] = time(() => computeNearestDistance(prepared, request.filter));
  const [, fcaMs] = time(() => computeTwoStepFca(prepared, { filter: request.filter, catchmentMetres: radius }));
  const scaled = sample.length < all.length;
  return {
    dataset: name,
    size: `${dataset.townships.length} townships · ${result.facilityIndices.length} ${service ?? 'facilities'} · ${dataset.population.population.length.toLocaleString('en')} cells`,
    service: service ?? 'all',
    radius,
    prepareMs,
    recomputeMs: median(runs),
    recomputeCpuMs: median(cpuRuns),
    turfMs: scaled ? (turfMs * all.length) / sample.length : turfMs,
    turfScope: scaled ? `sample of ${sample.length} townships, time ×${(all.length / sample.length).toFixed(0)}` : 'all townships',
    maxAreaDiff,
    maxPopulationDiff,
    extra: `nearest-distance ${nearestMs.toFixed(0)} ms, 2SFCA ${fcaMs.toFixed(0)} ms`,
  };
}

function printTable(rows: Row[]): void {
  const header = ['dataset', 'size', 'R (m)', 'prepare (ms)', 'recompute (ms)', 'recompute CPU (ms)', 'naive Turf (ms)', 'speed-up', 'Turf scope', 'max Δ area (pp)', 'max Δ population (pp)', 'also'];
  const lines = rows.map((r) => [
    r.dataset,
    r.size,
    String(r.radius),
    r.prepareMs.toFixed(0),
    r.recomputeMs.toFixed(1),
    r.recomputeCpuMs.toFixed(1),
    r.turfMs.toFixed(0),
    `${(r.turfMs / r.recomputeMs).toFixed(0)}×`,
    r.turfScope,
    r.maxAreaDiff.toFixed(3),
    r.maxPopulationDiff.toFixed(3),
    r.extra,
  ]);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
}

const quick = process.argv.includes('--quick');
const rows: Row[] = [];
const demo = loadDemoDataset();
console.error('benchmark: demo region …');
rows.push(benchmark('demo (玉溪, synthetic geometry)', demo, 'elder-daycare', 1000, null));
rows.push(benchmark('demo (玉溪, synthetic geometry)', demo, 'broadcast-terminal', 1500, null));
let region: ReturnType<typeof generateBenchRegion> | undefined;
if (!quick) {
  console.error('benchmark: generating the 10× region …');
  const [generated, generateMs] = time(() => generateBenchRegion(TEN_TIMES_REGION));
  region = generated;
  const large = generated.dataset;
  console.error(`  generated in ${(generateMs / 1000).toFixed(1)} s; benchmarking …`);
  rows.push(benchmark('seeded 10× region', large, null, 1500, 10));
}
let files: BenchRegionFiles | undefined;
const regionDirectory = mkdtempSync(join(tmpdir(), 'gapmap-bench-region-'));
if (region) {
  console.error(`benchmark: writing the 10× region's files to ${regionDirectory} …`);
  files = writeBenchRegion(regionDirectory, TEN_TIMES_REGION, region);
  region = undefined; // the CLI runs read the files; this process need not keep the region
}
const wholeProcess = benchWholeProcess({ quick, files });
rmSync(regionDirectory, { recursive: true, force: true });
const os = await import('node:os');
console.log(`\nCPU: ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores), load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}, one thread`);
console.log('recompute: median of 5 runs after a warm-up; CPU = this process\'s CPU time (robust when other work shares the machine)\n');
printTable(rows);
console.log('\nΔ: percentage points between the engine (exact disc areas on the GRS80/CGCS2000 ellipsoid via a local');
console.log('transverse Mercator with scale correction; cell-centroid population) and naive Turf (8-step polygon buffers,');
console.log('spherical areas). The engine itself is checked against GeographicLib in test/coverage to 1e-6 relative.');
console.log('\nWhole process: `npm run analyze` from files to every output (townships.csv/.geojson, gaps.geojson, rules.csv,');
console.log('summary.json/.md), phases and peak RSS as the CLI reports them; process wall includes Node start-up and loading the bundle.');
console.log('10× region files: townships GeoJSON with only an id, facilities and population as CSV lon,lat[,w] or GeoJSON; R = 1,500 m.\n');
printWholeProcessTable(wholeProcess);

// Siting (MCLP at scale against a naive greedy, and the MIP on a reduced instance): its own table,
// same run, same --quick.
await import('./siting.ts');

// Travel time over a road network (multi-source search, isochrones, graph building against one
// graphology Dijkstra per facility): its own table, same run, same --quick.
await import('./network.ts');
