// Travel-time metrics on seeded random networks and one hand-made ring road: isochrones agree
// with the per-cell times and nest; coverage never beats the straight line at the top speed;
// 2SFCA conserves supply and matches per-facility searches; catchments add up.
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../src/core/coverage/compute-coverage.ts';
import { buildRoadGraph } from '../../src/core/network/build-road-graph.ts';
import { coverageFromTravelTimes } from '../../src/core/network/compute-travel-time-coverage.ts';
import { computeTravelTimeFca, decayWeight } from '../../src/core/network/compute-travel-time-fca.ts';
import { travelTimesFrom } from '../../src/core/network/compute-travel-times.ts';
import { computeCatchments } from '../../src/core/network/compute-catchments.ts';
import { computeNearestTime } from '../../src/core/network/compute-nearest-time.ts';
import { weightedQuantilesByZone } from '../../src/core/coverage/compute-nearest-distance.ts';
import { buildTravelGrid, prepareTravelMode, type TravelModeNetwork } from '../../src/core/network/prepare-travel-network.ts';
import { traceFacilityIsochrones, traceIsochrones, type IsochroneFeature } from '../../src/core/network/trace-isochrones.ts';
import type { TravelMode } from '../../src/core/network/travel-modes.ts';
import type { PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { preparedAt, randomRoads, roadLines, seeded, type RoadSpec } from './network-fixtures.ts';
import { pointInRing } from '../../src/core/geometry/ring-geometry.ts';

function inIsochrone(feature: IsochroneFeature, lon: number, lat: number): boolean {
  return feature.geometry.coordinates.some((polygon) => pointInRing(lon, lat, polygon[0]) && !polygon.slice(1).some((hole) => pointInRing(lon, lat, hole)));
}

function scene(seed: number, mode: TravelMode, options: { cell?: number; facilities?: number; maxSnap?: number; roads?: RoadSpec[] } = {}) {
  const size = 6000;
  const random = seeded(500 + seed);
  const facilities = Array.from({ length: options.facilities ?? 4 }, () => ({ x: random() * size, y: random() * size, capacity: 1 + Math.floor(random() * 50) }));
  const homes: Array<{ x: number; y: number; population: number }> = [];
  for (let i = 0; i < 40; i++) for (let j = 0; j < 40; j++) homes.push({ x: (i + 0.5) * 150, y: (j + 0.5) * 150, population: Math.floor(random() * 100) });
  const prepared = preparedAt(facilities, homes);
  const graph = buildRoadGraph(roadLines(options.roads ?? randomRoads(seed, 80, size)), prepared.projection);
  const network = { graph, grid: buildTravelGrid(prepared, graph, { gridCellMetres: options.cell ?? 200 }) };
  const modeNetwork = prepareTravelMode(prepared, network, mode, { maxSnapMetres: options.maxSnap ?? 300 });
  return { prepared, modeNetwork, facilities, selected: Uint32Array.from(facilities, (_, k) => k) };
}

function checkBandsAgainstCells(prepared: PreparedDataset, network: TravelModeNetwork, seconds: Float64Array, bands: IsochroneFeature[]): number {
  let checked = 0;
  const grid = network.network.grid;
  for (const band of bands) {
    const limit = band.properties.minutes * 60;
    for (let g = 0; g < grid.x.length; g++) {
      // a cell whose time is within a millisecond of the band is on its edge: skip it
      if (Math.abs(seconds[g] - limit) < 1e-3) continue;
      const [lon, lat] = prepared.projection.inverse(grid.x[g], grid.y[g]);
      expect(inIsochrone(band, lon, lat), `cell ${g}: ${seconds[g] / 60} min vs band ${band.properties.minutes}`).toBe(seconds[g] <= limit);
      checked++;
    }
  }
  return checked;
}

describe('isochrones', () => {
  it('contain exactly the grid cells within each band, and nest', () => {
    const { prepared, modeNetwork, selected } = scene(7, 'walk');
    const times = travelTimesFrom(modeNetwork, selected);
    const bands = traceIsochrones(modeNetwork, prepared.projection, times.grid.seconds, [5, 10, 20]);
    expect(bands.map((b) => b.properties.minutes)).toEqual([20, 10, 5]);
    expect(checkBandsAgainstCells(prepared, modeNetwork, times.grid.seconds, bands)).toBeGreaterThan(2000);
    // nested: areas grow with the band, and each grid centre inside a band is inside every larger one (checked above via the times)
    expect(bands[0].properties.areaKm2).toBeGreaterThan(bands[1].properties.areaKm2);
    expect(bands[1].properties.areaKm2).toBeGreaterThan(bands[2].properties.areaKm2);
    // the area agrees with the count of cells within the band to about one cell per cell of boundary
    const cellKm2 = 0.04;
    const within = (minutes: number) => times.grid.seconds.filter((s) => s <= minutes * 60).length * cellKm2;
    for (const band of bands) expect(Math.abs(band.properties.areaKm2 - within(band.properties.minutes))).toBeLessThan(0.35 * within(band.properties.minutes) + cellKm2 * 4);
  });

  it('leave holes where nothing is reachable (a ring road round a roadless block)', () => {
    const ring: RoadSpec[] = [{ points: [[1000, 1000], [5000, 1000], [5000, 5000], [1000, 5000], [1000, 1000]] }];
    const prepared = preparedAt([{ x: 1000, y: 1000 }], [{ x: 3000, y: 3000 }]);
    const graph = buildRoadGraph(roadLines(ring), prepared.projection);
    const network = prepareTravelMode(prepared, { graph, grid: buildTravelGrid(prepared, graph, { gridCellMetres: 200 }) }, 'walk', { maxSnapMetres: 300 });
    const times = travelTimesFrom(network, Uint32Array.of(0));
    const bands = traceIsochrones(network, prepared.projection, times.grid.seconds, [120]);
    // 16 km of ring at 1.25 m/s is 213 min: within 120 min, 9 km of it, both ways from the corner
    const rings = bands[0].geometry.coordinates.flatMap((polygon) => polygon.slice(1));
    expect(rings.length).toBeGreaterThan(0); // the roadless middle (farther than 300 m from the ring) is a hole
    expect(checkBandsAgainstCells(prepared, network, times.grid.seconds, bands)).toBeGreaterThan(500);
  });

  it('per facility, on demand: the same cells as a search from that facility alone', () => {
    const { prepared, modeNetwork } = scene(8, 'ebike');
    const single = travelTimesFrom(modeNetwork, Uint32Array.of(2));
    const bands = traceFacilityIsochrones(modeNetwork, prepared.projection, 2, [5, 10]);
    expect(checkBandsAgainstCells(prepared, modeNetwork, single.grid.seconds, bands)).toBeGreaterThan(1000);
  });
});

describe('travel-time coverage', () => {
  for (const mode of ['walk', 'drive'] as const) {
    it(`${mode}: never exceeds straight-line coverage at the top speed × time`, () => {
      const { prepared, modeNetwork, selected } = scene(11, mode);
      const minutes = mode === 'walk' ? 15 : 3;
      const topKmh = mode === 'walk' ? 4.5 : 90;
      const times = travelTimesFrom(modeNetwork, selected);
      const travel = coverageFromTravelTimes(prepared, modeNetwork, times, minutes);
      const radius = (topKmh / 3.6) * minutes * 60;
      const straight = computeCoverage(prepared, { filter: {}, reach: { kind: 'distance', metres: radius * (1 + 1e-5) } });
      let coveredCells = 0;
      travel.cellCovered.forEach((covered, i) => {
        if (covered) {
          coveredCells++;
          expect(straight.cellCovered[i], `cell ${i}`).toBe(1);
        }
      });
      expect(coveredCells).toBeGreaterThan(20);
      expect(travel.region.coveredPopulation[0]).toBeLessThanOrEqual(straight.region.coveredPopulation[0]);
      expect(travel.region.coveredPopulation[0]).toBeLessThan(straight.region.coveredPopulation[0]); // roads are not straight
      // area from grid cells: each counted cell's centre is within reach, so the cell lies within radius + half a diagonal
      const widened = computeCoverage(prepared, { filter: {}, reach: { kind: 'distance', metres: radius + 200 * Math.SQRT1_2 } });
      expect(travel.region.coveredAreaKm2[0]).toBeLessThanOrEqual(widened.region.coveredAreaKm2[0] + 1e-9);
      expect(travel.reach).toEqual({ kind: 'travel-time', minutes, mode });
      // the cell flags agree with the times
      travel.cellCovered.forEach((covered, i) => expect(covered === 1).toBe(times.cells.seconds[i] <= minutes * 60));
    });
  }
});

describe('2SFCA with travel-time catchments', () => {
  for (const decay of ['none', 'gaussian'] as const) {
    it(`${decay}: matches catchments from one search per facility, and conserves supply`, () => {
      const { prepared, modeNetwork, facilities, selected } = scene(13, 'walk', { facilities: 6 });
      const minutes = 20;
      const result = computeTravelTimeFca(prepared, modeNetwork, { filter: {}, minutes, decay });
      const population = prepared.dataset.population.population;
      const expected = new Float64Array(population.length);
      let supply = 0;
      for (const f of selected) {
        const single = travelTimesFrom(modeNetwork, Uint32Array.of(f)).cells.seconds;
        let demand = 0;
        single.forEach((s, i) => (demand += decayWeight(s, minutes * 60, decay) * population[i]));
        if (demand === 0) continue;
        const ratio = (facilities[f].capacity / demand) * 1000;
        supply += facilities[f].capacity;
        single.forEach((s, i) => (expected[i] += decayWeight(s, minutes * 60, decay) * ratio));
      }
      expect(supply).toBeGreaterThan(0);
      result.cellIndex.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThan(1e-9 * Math.max(1, expected[i])));
      const delivered = result.cellIndex.reduce((s, a, i) => s + (a * population[i]) / 1000, 0);
      expect(delivered).toBeCloseTo(supply, 6);
    });
  }

  it('weights by Gaussian decay: 1 at the facility, 0 at the limit', () => {
    expect(decayWeight(0, 600, 'gaussian')).toBe(1);
    expect(decayWeight(600, 600, 'gaussian')).toBeCloseTo(0, 12);
    expect(decayWeight(601, 600, 'gaussian')).toBe(0);
    expect(decayWeight(300, 600, 'none')).toBe(1);
  });
});

describe('catchments and nearest time', () => {
  it('gives every reachable person to the facility they reach first', () => {
    const { prepared, modeNetwork, selected } = scene(17, 'drive', { facilities: 5 });
    const times = travelTimesFrom(modeNetwork, selected);
    const singles = Array.from(selected, (f) => travelTimesFrom(modeNetwork, Uint32Array.of(f)).cells.seconds);
    times.cells.seconds.forEach((s, i) => {
      const best = Math.min(...singles.map((single) => single[i]));
      expect(s).toBe(best);
      if (s < Infinity) expect(singles[times.cells.source[i]][i]).toBe(best);
      else expect(times.cells.source[i]).toBe(-1);
    });
    const catchments = computeCatchments(prepared, modeNetwork, times);
    const total = prepared.dataset.population.population.reduce((a, b) => a + b, 0);
    expect(catchments.servedPopulation.reduce((a, b) => a + b, 0) + catchments.unservedPopulation).toBeCloseTo(total, 6);
    const within10 = computeCatchments(prepared, modeNetwork, times, 10);
    expect(within10.unservedPopulation).toBeGreaterThanOrEqual(catchments.unservedPopulation);
    const gridKm2 = times.grid.seconds.filter((s) => s < Infinity).length * 0.04;
    expect(catchments.allocatedAreaKm2.reduce((a, b) => a + b, 0)).toBeCloseTo(gridKm2, 3);
  });

  it('reports quantiles in minutes, and Infinity where the quantile falls among unreachable people', () => {
    const { prepared, modeNetwork, selected } = scene(19, 'walk', { maxSnap: 150 });
    const times = travelTimesFrom(modeNetwork, selected);
    const nearest = computeNearestTime(prepared, times);
    const population = prepared.dataset.population.population;
    const unreachable = population.reduce((s, p, i) => s + (times.cells.seconds[i] === Infinity ? p : 0), 0);
    const total = population.reduce((a, b) => a + b, 0);
    expect(nearest.region.unreachablePopulation[0]).toBeCloseTo(unreachable, 6);
    expect(unreachable / total).toBeGreaterThan(0.1);
    expect(nearest.region.p90[0]).toBe(Infinity);
    // the median by brute force: sort people by time
    const order = Array.from(population.keys()).sort((a, b) => nearest.cellMinutes[a] - nearest.cellMinutes[b]);
    let cumulative = 0;
    const median = order.find((i) => (cumulative += population[i]) >= total / 2)!;
    expect(nearest.region.median[0]).toBe(nearest.cellMinutes[median]);
  });

  it('selects per township the same quantiles as the walk over every cell sorted by time', () => {
    const scened = scene(23, 'walk', { maxSnap: 150 });
    // Seven zones (and cells outside every one), so that the selection runs per zone.
    const zones = Int32Array.from(scened.prepared.cellTownship, (z, i) => (z < 0 || i % 11 === 0 ? -1 : i % 7));
    const prepared = { ...scened.prepared, cellTownship: zones, townships: { ...scened.prepared.townships, count: 7 } };
    const nearest = computeNearestTime(prepared, travelTimesFrom(scened.modeNetwork, scened.selected));
    const minutes = nearest.cellMinutes;
    const order = Uint32Array.from(minutes, (_, i) => i).sort((a, b) => (minutes[a] === minutes[b] ? a - b : minutes[a] < minutes[b] ? -1 : 1));
    const population = prepared.dataset.population.population;
    const [median, p90] = weightedQuantilesByZone(minutes, population, zones, 7, [0.5, 0.9], order);
    expect(Array.from(nearest.townships.median)).toEqual(Array.from(median));
    expect(Array.from(nearest.townships.p90)).toEqual(Array.from(p90));
    expect(Array.from(p90)).toContain(Infinity); // some zone's p90 falls among the unreachable
  });
});
