// The travel grid is built when first read (prepare-travel-network.ts) and the covered areas of a
// travel-time coverage measured then (compute-travel-time-coverage.ts): the figures must be those
// of a grid built up front, survive a structured clone (results cross to the page), and a build
// cancelled ahead of time must leave the network usable.
import { describe, expect, it } from 'vitest';
import { coverageFromTravelTimes } from '../../src/core/network/compute-travel-time-coverage.ts';
import { travelTimesFrom } from '../../src/core/network/compute-travel-times.ts';
import { prepareRoadNetwork, prepareTravelGrid, prepareTravelMode } from '../../src/core/network/prepare-travel-network.ts';
import { CancelledError } from '../../src/core/types.ts';
import { preparedAt, randomRoads, roadLines, seeded } from './network-fixtures.ts';

function scene() {
  const size = 6000;
  const random = seeded(77);
  const facilities = Array.from({ length: 4 }, () => ({ x: random() * size, y: random() * size }));
  const homes = Array.from({ length: 400 }, () => ({ x: random() * size, y: random() * size, population: 1 + Math.floor(random() * 50) }));
  const prepared = preparedAt(facilities, homes);
  const lines = roadLines(randomRoads(9, 60, size));
  const selected = Uint32Array.from(facilities, (_, k) => k);
  return { prepared, lines, selected };
}

describe('deferred travel grid', () => {
  it('covered areas read later equal those of a grid built up front, and survive a structured clone', () => {
    const { prepared, lines, selected } = scene();
    const deferred = prepareTravelMode(prepared, prepareRoadNetwork(prepared, lines, { gridCellMetres: 200 }), 'walk', { maxSnapMetres: 300 });
    const coverage = coverageFromTravelTimes(prepared, deferred, travelTimesFrom(deferred, selected), 10);
    const population = coverage.townships.coveredPopulation.slice();

    const early = prepareTravelMode(prepared, prepareRoadNetwork(prepared, lines, { gridCellMetres: 200 }), 'walk', { maxSnapMetres: 300 });
    prepareTravelGrid(early);
    const reference = coverageFromTravelTimes(prepared, early, travelTimesFrom(early, selected), 10);
    void reference.townships.coveredAreaKm2;

    const cloned = structuredClone(coverage);
    expect(cloned.townships.coveredAreaKm2).toEqual(reference.townships.coveredAreaKm2);
    expect(coverage.region.coveredAreaKm2).toEqual(reference.region.coveredAreaKm2);
    expect(coverage.counties.coveredAreaKm2).toEqual(reference.counties.coveredAreaKm2);
    expect(coverage.townships.coveredAreaKm2[0]).toBeGreaterThan(0);
    expect(coverage.townships.coveredAreaKm2[0]).toBeLessThan(coverage.townships.areaKm2[0]);
    expect(coverage.townships.coveredPopulation).toEqual(population);
    // the region is the sum of its townships, as for a straight-line reach
    expect(coverage.region.coveredAreaKm2[0]).toBe(coverage.townships.coveredAreaKm2.reduce((a, b) => a + b, 0));
    // written in place by a what-if update: a plain array now
    coverage.townships.coveredAreaKm2[0] = 1;
    expect(coverage.townships.coveredAreaKm2[0]).toBe(1);
  });

  it('a cancelled build ahead of time leaves the grid to be built when read', () => {
    const { prepared, lines } = scene();
    const network = prepareTravelMode(prepared, prepareRoadNetwork(prepared, lines, { gridCellMetres: 200 }), 'walk');
    expect(() => prepareTravelGrid(network, { signal: { aborted: true } })).toThrow(CancelledError);
    const progress: number[] = [];
    prepareTravelGrid(network, { onProgress: (f) => progress.push(f) });
    expect(progress.length).toBeGreaterThan(1);
    expect(network.grid.snapped.edge.length).toBe(network.network.grid.active.length);
  });
});
