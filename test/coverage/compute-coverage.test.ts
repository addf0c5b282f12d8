// Coverage against answers known independently: GeographicLib areas and distances on WGS84,
// closed-form lens areas, hand-counted cells. Tolerances are stated per test.
import { describe, expect, it } from 'vitest';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeCoverage } from '../../src/core/coverage/compute-coverage.ts';
import type { AreaGeometry, Dataset } from '../../src/core/types.ts';
import { facility, makeDataset, populationCells, township } from '../helpers/make-dataset.ts';
import { geodesicCircleRing, geodesicDistance, geodesicRingArea, rectangleRing } from '../helpers/geodesic-reference.ts';

const polygon = (ring: number[][], ...holes: number[][][]): AreaGeometry => ({ type: 'Polygon', coordinates: [ring, ...holes] });
const distance = (metres: number) => ({ kind: 'distance' as const, metres });
const run = (dataset: Dataset, metres: number, types?: string[]) =>
  computeCoverage(prepareDataset(dataset), { filter: { types }, reach: distance(metres) });

describe('area covered, against GeographicLib on WGS84', () => {
  it('a circle wholly inside a township covers exactly the geodesic circle (1e-6 relative)', () => {
    const dataset = makeDataset({
      townships: [township('1', polygon(rectangleRing(102.0, 24.0, 102.2, 24.2)))],
      facilities: [facility('a', 102.1, 24.1)],
    });
    const result = run(dataset, 1500);
    const expected = geodesicRingArea(geodesicCircleRing(102.1, 24.1, 1500)) / 1e6;
    expect(Math.abs(result.townships.coveredAreaKm2[0] - expected) / expected).toBeLessThan(1e-6);
    const townshipArea = geodesicRingArea(rectangleRing(102.0, 24.0, 102.2, 24.2)) / 1e6;
    expect(Math.abs(result.townships.areaKm2[0] - townshipArea) / townshipArea).toBeLessThan(1e-6);
  });

  it('far from the central meridian the scale correction holds (1e-6 relative)', () => {
    // Two townships 1.6° apart: each lies ~80 km off the projection's central meridian.
    const dataset = makeDataset({
      townships: [
        township('w', polygon(rectangleRing(101.0, 24.0, 101.2, 24.2))),
        township('e', polygon(rectangleRing(102.8, 24.0, 103.0, 24.2))),
      ],
      facilities: [facility('a', 101.1, 24.1), facility('b', 102.9, 24.1)],
    });
    const result = run(dataset, 2000);
    for (const [z, lon] of [[0, 101.1], [1, 102.9]] as const) {
      const expected = geodesicRingArea(geodesicCircleRing(lon, 24.1, 2000)) / 1e6;
      expect(Math.abs(result.townships.coveredAreaKm2[z] - expected) / expected).toBeLessThan(1e-6);
    }
  });

  it('a township wholly inside a circle is covered entirely', () => {
    const ring = rectangleRing(102.0, 24.0, 102.01, 24.01, 0.0005);
    const dataset = makeDataset({ townships: [township('1', polygon(ring))], facilities: [facility('a', 102.005, 24.005)] });
    const result = run(dataset, 5000);
    const expected = geodesicRingArea(ring) / 1e6;
    expect(result.townships.coveredAreaKm2[0]).toBeCloseTo(result.townships.areaKm2[0], 12);
    expect(Math.abs(result.townships.coveredAreaKm2[0] - expected) / expected).toBeLessThan(1e-6);
  });

  it('a straight cut splits a circle in exact halves (the shared edge is the central meridian)', () => {
    const dataset = makeDataset({
      townships: [
        township('w', polygon(rectangleRing(101.9, 24.0, 102.0, 24.1))),
        township('e', polygon(rectangleRing(102.0, 24.0, 102.1, 24.1))),
      ],
      facilities: [facility('a', 102.0, 24.05)],
    });
    const result = run(dataset, 1000);
    const half = geodesicRingArea(geodesicCircleRing(102.0, 24.05, 1000)) / 2 / 1e6;
    expect(Math.abs(result.townships.coveredAreaKm2[0] - half) / half).toBeLessThan(1e-6);
    expect(Math.abs(result.townships.coveredAreaKm2[1] - half) / half).toBeLessThan(1e-6);
  });

  it('overlapping circles count the lens once (closed form, 1e-6 relative)', () => {
    // Two discs of radius R whose centres are d apart on a parallel: union = 2πR² − lens.
    const lat = 24.1;
    const R = 1000;
    const lonA = 102.1;
    const lonB = 102.1 + 0.012;
    const d = geodesicDistance(lonA, lat, lonB, lat);
    const lens = 2 * R * R * Math.acos(d / (2 * R)) - (d / 2) * Math.sqrt(4 * R * R - d * d);
    const expected = (2 * Math.PI * R * R - lens) / 1e6;
    const dataset = makeDataset({
      townships: [township('1', polygon(rectangleRing(102.0, 24.0, 102.2, 24.2)))],
      facilities: [facility('a', lonA, lat), facility('b', lonB, lat), facility('dup', lonA, lat)],
    });
    const result = run(dataset, R);
    expect(Math.abs(result.townships.coveredAreaKm2[0] - expected) / expected).toBeLessThan(1e-6);
  });

  it('holes are not covered: a disc centred on a lake covers only the ring around it', () => {
    const lake = rectangleRing(102.09, 24.09, 102.11, 24.11, 0.0005).reverse();
    const dataset = makeDataset({
      townships: [township('1', polygon(rectangleRing(102.0, 24.0, 102.2, 24.2), lake))],
      facilities: [facility('a', 102.1, 24.1)],
    });
    const result = run(dataset, 3000);
    const expected = (geodesicRingArea(geodesicCircleRing(102.1, 24.1, 3000)) - geodesicRingArea(lake)) / 1e6;
    expect(Math.abs(result.townships.coveredAreaKm2[0] - expected) / expected).toBeLessThan(1e-6);
  });
});

describe('population covered, cell-centroid semantics', () => {
  it('counts exactly the cells whose centroid is within the geodesic radius, each once', () => {
    const points: Array<[number, number, number]> = [];
    for (let i = 0; i < 40; i++) for (let j = 0; j < 40; j++) points.push([102.08 + i * 0.001, 24.08 + j * 0.001, 1 + ((i * 7 + j * 3) % 5)]);
    const facilities = [facility('a', 102.1, 24.1), facility('b', 102.105, 24.1)];
    const dataset = makeDataset({
      townships: [township('1', polygon(rectangleRing(102.0, 24.0, 102.2, 24.2)))],
      facilities,
      population: populationCells(points),
    });
    const R = 1234.5;
    let expected = 0;
    let total = 0;
    for (const [lon, lat, pop] of points) {
      total += pop;
      const nearest = Math.min(...facilities.map((f) => geodesicDistance(f.lon, f.lat, lon, lat)));
      expect(Math.abs(nearest - R)).toBeGreaterThan(0.01); // no cell on the fence
      if (nearest <= R) expected += pop;
    }
    const result = run(dataset, R);
    expect(result.townships.population[0]).toBe(total);
    expect(result.townships.coveredPopulation[0]).toBe(expected);
    expect(result.region.coveredPopulation[0]).toBe(expected);
  });
});

describe('counties', () => {
  it('sums nested townships, and equals a direct computation of the county zone', () => {
    const west = rectangleRing(101.9, 24.0, 102.0, 24.1);
    const east = rectangleRing(102.0, 24.0, 102.1, 24.1);
    const county = { code: 'C', name: 'C', level: 'county' as const, geometry: polygon(rectangleRing(101.9, 24.0, 102.1, 24.1)), properties: {} };
    const base = {
      counties: [county],
      facilities: [facility('a', 102.0, 24.05), facility('b', 101.95, 24.02)],
      population: populationCells([[102.001, 24.05, 5], [101.95, 24.02, 3], [102.09, 24.09, 2]]),
    };
    const nested = makeDataset({ ...base, townships: [township('w', polygon(west), 'C'), township('e', polygon(east), 'C')] });
    const unnested = makeDataset({ ...base, townships: [township('w', polygon(west)), township('e', polygon(east))] });
    const preparedNested = prepareDataset(nested);
    const preparedDirect = prepareDataset(unnested);
    expect(preparedNested.townshipCounty).not.toBeNull();
    expect(preparedDirect.townshipCounty).toBeNull();
    const request = { filter: {}, reach: distance(1500) };
    const summed = computeCoverage(preparedNested, request).counties;
    const direct = computeCoverage(preparedDirect, request).counties;
    expect(Math.abs(summed.coveredAreaKm2[0] - direct.coveredAreaKm2[0]) / direct.coveredAreaKm2[0]).toBeLessThan(1e-6);
    expect(Math.abs(summed.areaKm2[0] - direct.areaKm2[0]) / direct.areaKm2[0]).toBeLessThan(1e-6);
    expect(summed.coveredPopulation[0]).toBe(8);
    expect(direct.coveredPopulation[0]).toBe(8);
    expect(summed.facilityCount[0]).toBe(2);
  });
});
