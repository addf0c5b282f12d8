// npm run bench:network — travel times over a county-scale road network, and the naive approach
// (one single-source Dijkstra per facility with a general graph library, graphology) in the same run.
//
// A seeded synthetic county (≈ 40 × 40 km): a jittered street grid of about 210,000 edges with
// county and national roads, township roads, a few one-way streets and an expressway that meets
// the grid only at interchanges; 1,000,000 population cells, 3,000 facilities, 1,000 places, a
// travel-time grid of about 1,000,000 cells. Timed: graph building from GeoJSON text (parse,
// read, build), snapping (once per mode), the multi-source search to every cell, place and grid
// cell, coverage, the gap polygons of every township, isochrone bands, and the baseline on a sample of facilities scaled to all 3,000.
// Usage: npm run bench:network [-- --quick] (quick: a quarter of the size, for a smoke run).
import Graph from 'graphology';
import { dijkstra } from 'graphology-shortest-path';
import { createProjectionForExtent } from '../../src/core/geodesy/local-projection.ts';
import { buildRoadGraph } from '../../src/core/network/build-road-graph.ts';
import { coverageFromTravelTimes } from '../../src/core/network/compute-travel-time-coverage.ts';
import { travelTimesFrom } from '../../src/core/network/compute-travel-times.ts';
import { buildTravelGrid, prepareTravelMode } from '../../src/core/network/prepare-travel-network.ts';
import { readRoadFeatures } from '../../src/core/network/read-road-features.ts';
import { searchNetwork } from '../../src/core/network/search-network.ts';
import { traceIsochrones } from '../../src/core/network/trace-isochrones.ts';
import { travelTimeGapFeatures } from '../../src/core/network/generate-travel-time-gaps.ts';
import type { TravelMode } from '../../src/core/network/travel-modes.ts';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import type { AdminUnit, Dataset } from '../../src/core/types.ts';
import { createRandom } from '../demo/seeded-random.ts';

const quick = process.argv.includes('--quick');
const GRID = quick ? 165 : 330; // intersections per side
const SPACING = 120; // m
const CELLS_PER_SIDE = quick ? 500 : 1000;
const FACILITIES = 3000;
const SAMPLE = 3; // facilities the baseline runs on
const MODE: TravelMode = 'drive';

const random = createRandom(20261130);
const size = GRID * SPACING;
const [lon0, lat0] = [102.5, 24.3];
const projection = createProjectionForExtent(lon0, lat0, lon0, lat0);
const toLonLat = (x: number, y: number) => {
  const [lon, lat] = projection.inverse(x - size / 2, y - size / 2);
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
};

let lastCpuMs = 0;
/** Wall time; the CPU time of the same call is left in lastCpuMs (other work on the machine inflates the wall time, not this). */
function time<T>(fn: () => T): [T, number] {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const used = process.cpuUsage(cpu);
  lastCpuMs = (used.user + used.system) / 1000;
  return [value, performance.now() - start];
}
const cpuNote = () => `CPU ${lastCpuMs.toFixed(0)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The county's roads as GeoJSON text (what a planner's file would hold). */
function syntheticRoads(): string {
  const jitter = Array.from({ length: GRID * GRID }, () => [(random.next() - 0.5) * 40, (random.next() - 0.5) * 40]);
  const at = (i: number, j: number) => toLonLat(i * SPACING + jitter[i + j * GRID][0], j * SPACING + jitter[i + j * GRID][1]);
  const features: object[] = [];
  const classOf = (k: number) => (k % 90 === 0 ? 'trunk' : k % 30 === 0 ? 'secondary' : k % 7 === 0 ? 'tertiary' : k % 3 === 0 ? 'unclassified' : 'residential');
  const street = (k: number, horizontal: boolean) => {
    const highway = classOf(k);
    const oneway = highway === 'residential' && random.next() < 0.04 ? 'yes' : undefined;
    let run: number[][] = [];
    const flush = () => {
      if (run.length >= 2) features.push({ type: 'Feature', properties: { highway, ...(oneway ? { oneway } : {}) }, geometry: { type: 'LineString', coordinates: run } });
      run = [];
    };
    for (let m = 0; m < GRID; m++) {
      const point = horizontal ? at(m, k) : at(k, m);
      run.push(point);
      if (m + 1 < GRID) {
        if (highway === 'residential' && random.next() < 0.03) {
          flush(); // a missing block: the street stops here
          continue;
        }
        const next = horizontal ? at(m + 1, k) : at(k, m + 1);
        // a bend between intersections
        run.push([(point[0] + next[0]) / 2 + (random.next() - 0.5) * 2e-4, (point[1] + next[1]) / 2 + (random.next() - 0.5) * 2e-4]);
      }
    }
    flush();
  };
  for (let k = 0; k < GRID; k++) {
    street(k, true);
    street(k, false);
  }
  // an expressway on the diagonal, meeting the grid only at interchanges every ~6 km
  const motorway: number[][] = [];
  for (let m = 0; m < GRID; m += 2) {
    motorway.push(toLonLat(m * SPACING + 37, m * SPACING + 11));
    if (m % 50 === 0) features.push({ type: 'Feature', properties: { highway: 'motorway_link' }, geometry: { type: 'LineString', coordinates: [toLonLat(m * SPACING + 37, m * SPACING + 11), at(m, m)] } });
  }
  features.push({ type: 'Feature', properties: { highway: 'motorway', oneway: 'no' }, geometry: { type: 'LineString', coordinates: motorway } });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

function syntheticDataset(): Dataset {
  const square = (x0: number, y0: number, x1: number, y1: number) => ({
    type: 'Polygon' as const,
    coordinates: [[toLonLat(x0, y0), toLonLat(x1, y0), toLonLat(x1, y1), toLonLat(x0, y1), toLonLat(x0, y0)]],
  });
  const townships: AdminUnit[] = [];
  const side = size / 10;
  for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) {
    const code = `T${i}${j}`;
    townships.push({ code, name: code, level: 'township', geometry: square(i * side, j * side, (i + 1) * side, (j + 1) * side), properties: {} });
  }
  const n = CELLS_PER_SIDE * CELLS_PER_SIDE;
  const lon = new Float64Array(n), lat = new Float64Array(n), population = new Float64Array(n);
  const step = size / CELLS_PER_SIDE;
  for (let i = 0; i < CELLS_PER_SIDE; i++) for (let j = 0; j < CELLS_PER_SIDE; j++) {
    const k = i + j * CELLS_PER_SIDE;
    [lon[k], lat[k]] = toLonLat((i + 0.5) * step, (j + 0.5) * step);
    population[k] = Math.floor(random.next() * 20);
  }
  const point = () => toLonLat(random.next() * size, random.next() * size);
  return {
    info: { name: 'bench county', synthetic: true, source: 'seeded synthetic' },
    townships,
    counties: [],
    areas: [],
    facilities: Array.from({ length: FACILITIES }, (_, k) => {
      const [x, y] = point();
      return { id: `F${k}`, type: 'clinic', name: `F${k}`, lon: x, lat: y, capacity: 10, properties: {} };
    }),
    places: Array.from({ length: 1000 }, (_, k) => {
      const [x, y] = point();
      return { id: `P${k}`, kind: 'village', name: `P${k}`, lon: x, lat: y, properties: {} };
    }),
    population: { lon, lat, population, cohorts: {} },
  };
}

const rows: Array<[string, string, string]> = [];
const row = (step: string, figure: string, note = '') => {
  rows.push([step, figure, note]);
  process.stderr.write(`${step}: ${figure} ${note}\n`);
};

const text = syntheticRoads();
const dataset = syntheticDataset();
const [prepared, prepareMs] = time(() => prepareDataset(dataset));
row('prepare dataset (not network)', `${prepareMs.toFixed(0)} ms`, `${cpuNote()}; ${dataset.population.population.length.toLocaleString('en')} cells, 100 townships`);

let graphMs = 0;
const graphCpu = process.cpuUsage();
const [graph] = time(() => {
  const started = performance.now();
  const parsed = JSON.parse(text) as { features: Parameters<typeof readRoadFeatures>[0] };
  const parseMs = performance.now() - started;
  const read = readRoadFeatures(parsed.features);
  if (!read.ok) throw new Error(read.error.message.en);
  const readMs = performance.now() - started - parseMs;
  const built = buildRoadGraph(read.value.lines, prepared.projection);
  graphMs = performance.now() - started;
  row('graph from GeoJSON (parse + read + build)', `${graphMs.toFixed(0)} ms`, `CPU ${((process.cpuUsage(graphCpu).user + process.cpuUsage(graphCpu).system) / 1000).toFixed(0)} ms; ${(text.length / 1e6).toFixed(0)} MB text: parse ${parseMs.toFixed(0)}, read ${readMs.toFixed(0)}, build ${(graphMs - parseMs - readMs).toFixed(0)} ms; ${read.value.report.lines.toLocaleString('en')} lines`);
  return built;
});
row('graph', `${graph.edgeCount.toLocaleString('en')} edges`, `${graph.nodeCount.toLocaleString('en')} nodes, ${(graph.build.snappedToVertex + graph.build.snappedToSegment).toLocaleString('en')} near misses joined`);

const [grid, gridMs] = time(() => buildTravelGrid(prepared, graph, { gridCellMetres: size / CELLS_PER_SIDE }));
row('travel-time grid (once per road layer)', `${gridMs.toFixed(0)} ms`, `${cpuNote()}; ${grid.active.length.toLocaleString('en')} cells of ${grid.cellMetres} m`);
const network = { graph, grid };
const [modeNetwork, snapMs] = time(() => prepareTravelMode(prepared, network, MODE, { maxSnapMetres: 500 }));
row(`mode graph + snapping (${MODE}, once per mode)`, `${snapMs.toFixed(0)} ms`, `${cpuNote()}; ${(prepared.cells.x.length + grid.active.length + 1000 + FACILITIES).toLocaleString('en')} points snapped`);

const selected = Uint32Array.from(dataset.facilities, (_, k) => k);
travelTimesFrom(modeNetwork, selected); // warm-up
const runs: number[] = [];
const cpuRuns: number[] = [];
const searchRuns: number[] = [];
let times = travelTimesFrom(modeNetwork, selected);
for (let k = 0; k < 3; k++) {
  searchRuns.push(time(() => searchNetwork(modeNetwork.graph, modeNetwork.facilities, { sources: selected }))[1]);
  const [value, ms] = time(() => travelTimesFrom(modeNetwork, selected));
  times = value;
  runs.push(ms);
  cpuRuns.push(lastCpuMs);
}
const multiMs = median(runs);
row(`multi-source times, ${FACILITIES.toLocaleString('en')} facilities → every cell, place, grid cell`, `${multiMs.toFixed(0)} ms`, `CPU ${median(cpuRuns).toFixed(0)} ms; of which the graph search ${median(searchRuns).toFixed(0)} ms (medians of 3)`);
const unreachable = times.cells.seconds.filter((s) => s === Infinity).length;
row('cells unreachable', unreachable.toLocaleString('en'), 'beyond 500 m of every road');

const [, coverageMs] = time(() => coverageFromTravelTimes(prepared, modeNetwork, times, 5));
row('coverage within 5 min (every township and the region)', `${coverageMs.toFixed(0)} ms`, cpuNote());
const allTownships = Uint32Array.from(dataset.townships, (_, z) => z);
const [gapFeatures, gapsMs] = time(() => [...travelTimeGapFeatures(prepared, grid, times.grid.seconds, 1, coverageFromTravelTimes(prepared, modeNetwork, times, 1), allTownships)]);
const gapVertices = gapFeatures.reduce((sum, f) => sum + f.geometry.coordinates.reduce((s, polygon) => s + polygon.reduce((r, ring) => r + ring.length, 0), 0), 0);
row('gap polygons beyond 1 min (fragmented), every township (gaps.geojson)', `${gapsMs.toFixed(0)} ms`, `${cpuNote()}; ${gapFeatures.length} townships, ${gapVertices.toLocaleString('en')} vertices, resolved to the ${grid.cellMetres} m grid`);
const describeBands = (list: ReturnType<typeof traceIsochrones>) =>
  list.map((b) => `${b.properties.minutes} min: ${b.properties.areaKm2.toFixed(0)} km², ${b.geometry.coordinates.length} polygons`).join('; ');
const [bands, isochroneMs] = time(() => traceIsochrones(modeNetwork, prepared.projection, times.grid.seconds, [5, 10, 15, 30]));
row('isochrone bands 5/10/15/30 min, whole grid', `${isochroneMs.toFixed(0)} ms`, `${cpuNote()}; ${describeBands(bands)}`);
// a band broken into thousands of pieces: d3-contour's hole assignment is quadratic in them
const [fragmented, fragmentedMs] = time(() => traceIsochrones(modeNetwork, prepared.projection, times.grid.seconds, [2]));
row('isochrone band 2 min (fragmented), whole grid', `${fragmentedMs.toFixed(0)} ms`, `${cpuNote()}; ${describeBands(fragmented)}`);
const memory = process.memoryUsage();
const graphBytes = [graph.nodeX, graph.nodeY, graph.edgeFrom, graph.edgeTo, graph.edgeLength, graph.roadClass, graph.maxspeed, graph.oneway, graph.forbidden, graph.edgeLine, graph.geometryStart, graph.geometryX, graph.geometryY].reduce((s, a) => s + a.byteLength, 0);
const modeBytes = [modeNetwork.graph.timeForward, modeNetwork.graph.timeBackward, modeNetwork.graph.reverseStart, modeNetwork.graph.reverseSource, modeNetwork.graph.reverseTime, modeNetwork.graph.incidentStart, modeNetwork.graph.incidentEdge].reduce((s, a) => s + a.byteLength, 0);
const pointBytes = [modeNetwork.cells, modeNetwork.grid, modeNetwork.places].reduce((s, p) => s + p.snapped.edge.byteLength + p.snapped.fraction.byteLength + p.snapped.offMetres.byteLength + p.pointsOnEdge.byteLength + p.pointsOnEdgeStart.byteLength + p.walkPoint.byteLength + p.walkMetres.byteLength, 0);
row('memory (before the baseline)', `${mb(memory.rss)} RSS`, `heap ${mb(memory.heapUsed)} with the 1 M-cell dataset and the 1 M-cell grid; road graph ${mb(graphBytes)}, ${MODE} graph ${mb(modeBytes)}, snaps and direct walks of 2 M points ${mb(pointBytes)}`);

// the naive baseline: graphology, reversed arcs, one single-source Dijkstra per facility
const [baseline, baselineBuildMs] = time(() => {
  const g = new Graph({ type: 'directed', multi: true });
  for (let v = 0; v < graph.nodeCount; v++) g.addNode(v);
  const { reverseStart, reverseSource, reverseTime } = modeNetwork.graph;
  for (let v = 0; v < graph.nodeCount; v++) for (let a = reverseStart[v]; a < reverseStart[v + 1]; a++) g.addEdge(v, reverseSource[a], { t: reverseTime[a] });
  return g;
});
row('baseline graph (graphology)', `${baselineBuildMs.toFixed(0)} ms`, `${baseline.size.toLocaleString('en')} arcs`);
const sample = Array.from({ length: SAMPLE }, (_, k) => Math.floor((k * FACILITIES) / SAMPLE)).filter((f) => modeNetwork.facilities.snapped.edge[f] >= 0);
let baselineMs = 0;
let singleSourceMs = 0;
let maxDifference = 0;
for (const f of sample) {
  const g = baseline.copy();
  const e = modeNetwork.facilities.snapped.edge[f];
  const off = modeNetwork.facilities.snapped.offMetres[f] / modeNetwork.graph.offRoadMetresPerSecond;
  const t = modeNetwork.facilities.snapped.fraction[f];
  g.addNode('source');
  if (modeNetwork.graph.timeForward[e] < Infinity) g.addEdge('source', graph.edgeFrom[e], { t: off + t * modeNetwork.graph.timeForward[e] });
  if (modeNetwork.graph.timeBackward[e] < Infinity) g.addEdge('source', graph.edgeTo[e], { t: off + (1 - t) * modeNetwork.graph.timeBackward[e] });
  const [paths, ms] = time(() => dijkstra.singleSource(g, 'source', 't'));
  baselineMs += ms;
  const [single, singleMs] = time(() => searchNetwork(modeNetwork.graph, modeNetwork.facilities, { sources: [f] }));
  singleSourceMs += singleMs;
  const ours = single.seconds;
  // check 200 nodes' path lengths against the engine
  for (let m = 0; m < 200; m++) {
    const v = String(Math.floor(random.next() * graph.nodeCount));
    const path = paths[v];
    if (!path) {
      if (ours[Number(v)] !== Infinity) maxDifference = Infinity;
      continue;
    }
    let length = 0;
    for (let s = 0; s + 1 < path.length; s++) {
      let best = Infinity;
      g.forEachOutEdge(path[s], path[s + 1], (_edge, attributes) => (best = Math.min(best, attributes.t as number)));
      length += best;
    }
    maxDifference = Math.max(maxDifference, Math.abs(length - ours[Number(v)]));
  }
}
const perFacility = baselineMs / sample.length;
const naiveMs = perFacility * FACILITIES;
row(`naive: graphology dijkstra.singleSource per facility`, `${(naiveMs / 1000).toFixed(0)} s`, `${perFacility.toFixed(0)} ms per facility × ${FACILITIES} (measured on ${sample.length}); node times agree to ${maxDifference.toExponential(1)} s`);
row('engine, one single-source search (same graph, same facility)', `${(singleSourceMs / sample.length).toFixed(0)} ms`, `${(baselineMs / singleSourceMs).toFixed(0)}× graphology per search`);
row('speed-up of the multi-source search (graph part)', `${(naiveMs / median(searchRuns)).toFixed(0)}×`, `and ${(naiveMs / multiMs).toFixed(0)}× counting the 2 M point times the baseline does not even compute`);

const targets = [
  ['graph from GeoJSON < 3 s', graphMs < 3000],
  ['multi-source < 1 s', multiMs < 1000],
  ['isochrones < 1 s', isochroneMs < 1000],
  ['≥ 20× the naive baseline', naiveMs / median(searchRuns) >= 20],
] as const;
process.stdout.write(`\nTravel time over a road network — ${quick ? 'QUICK (quarter size)' : 'county scale'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n\n`);
process.stdout.write('| step | figure | note |\n|---|---|---|\n');
for (const [step, figure, note] of rows) process.stdout.write(`| ${step} | ${figure} | ${note} |\n`);
process.stdout.write(`\n${targets.map(([name, met]) => `${met ? '✓' : '✗'} ${name}`).join(' · ')}\n`);
