// Nearest-facility distances, 2SFCA and gap geometry against hand-computed answers.
import { describe, expect, it } from 'vitest';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeNearestDistance, weightedQuantilesByZone } from '../../src/core/coverage/compute-nearest-distance.ts';
import { computeTwoStepFca } from '../../src/core/coverage/compute-two-step-fca.ts';
import { computeGaps, generateGaps } from '../../src/core/coverage/compute-gaps.ts';
import type { AreaGeometry } from '../../src/core/types.ts';
import { facility, makeDataset, populationCells, township } from '../helpers/make-dataset.ts';
import { WGS84, geodesicDistance, geodesicRingArea, rectangleRing } from '../helpers/geodesic-reference.ts';

const polygon = (ring: number[][]): AreaGeometry => ({ type: 'Polygon', coordinates: [ring] });

/** The point `metres` due east of (lon, lat) along the geodesic. */
function east(lon: number, lat: number, metres: number): [number, number] {
  const p = WGS84.Direct(lat, lon, 90, metres);
  return [p.lon2!, p.lat2!];
}

describe('nearest-facility distance', () => {
  it('matches GeographicLib distances (1e-6 relative) and weights quantiles by population', () => {
    const origin: [number, number] = [102.5, 24.3];
    const cells: Array<[number, number, number]> = [
      [...east(...origin, 100), 1],
      [...east(...origin, 200), 1],
      [...east(...origin, 300), 1],
      [...east(...origin, 5000), 7],
    ];
    const dataset = makeDataset({
      townships: [township('1', polygon(rectangleRing(102.3, 24.1, 102.7, 24.5, 0.01)))],
      facilities: [facility('a', ...origin)],
      population: populationCells(cells),
    });
    const result = computeNearestDistance(prepareDataset(dataset), {});
    cells.forEach(([lon, lat], i) => {
      const truth = geodesicDistance(origin[0], origin[1], lon, lat);
      expect(Math.abs(result.cellDistance[i] - truth) / truth).toBeLessThan(1e-6);
    });
    // Population 10: cumulative 1, 2, 3, 10 → the median (5) and p90 (9) both fall on the 5 km cell.
    expect(result.townships.median[0]).toBeCloseTo(result.cellDistance[3], 6);
    expect(result.townships.p90[0]).toBeCloseTo(result.cellDistance[3], 6);
  });

  it('weighted quantiles by hand', () => {
    const values = Float64Array.from([10, 20, 30, 40]);
    const weights = Float64Array.from([5, 1, 1, 3]);
    const zone = Int32Array.from([0, 0, 0, 0]);
    const [median, p90] = weightedQuantilesByZone(values, weights, zone, 1, [0.5, 0.9], Uint32Array.from([0, 1, 2, 3]));
    expect(median[0]).toBe(10); // 5 of 10 reached at the first value
    expect(p90[0]).toBe(40); // 7 of 10 after 30; 9 needs the last
  });
});

describe('two-step floating catchment area', () => {
  it('spreads capacity over catchments as computed by hand, and conserves supply', () => {
    const origin: [number, number] = [102.5, 24.3];
    // Cells at 0, 600 and 1,400 m east; facilities at 0 m (10 places) and 1,400 m (30 places); d0 = 1,000 m.
    const cells: Array<[number, number, number]> = [
      [...east(...origin, 1), 100],
      [...east(...origin, 600), 300],
      [...east(...origin, 1400), 200],
    ];
    const dataset = makeDataset({
      townships: [township('1', polygon(rectangleRing(102.3, 24.1, 102.7, 24.5, 0.01)))],
      facilities: [facility('a', ...origin, 'nursery', 10), facility('b', ...east(...origin, 1400), 'nursery', 30)],
      population: populationCells(cells),
    });
    const result = computeTwoStepFca(prepareDataset(dataset), { filter: { types: ['nursery'] }, catchmentMetres: 1000 });
    // a reaches cells 0, 1 (400 people): R_a = 10/400. b reaches cells 1 (800 m away) and 2: R_b = 30/500.
    const ra = (10 / 400) * 1000;
    const rb = (30 / 500) * 1000;
    expect(result.cellIndex[0]).toBeCloseTo(ra, 9);
    expect(result.cellIndex[1]).toBeCloseTo(ra + rb, 9);
    expect(result.cellIndex[2]).toBeCloseTo(rb, 9);
    // Conservation: Σ P·A / 1000 = total capacity.
    const supply = cells.reduce((sum, c, i) => sum + (c[2] * result.cellIndex[i]) / 1000, 0);
    expect(supply).toBeCloseTo(40, 9);
    expect(result.townships[0]).toBeCloseTo((supply * 1000) / 600, 9);
  });
});

describe('gap geometry', () => {
  it('is the township minus the discs, with exact figures and the uncovered cells', () => {
    const ring = rectangleRing(102.0, 24.0, 102.1, 24.1);
    const dataset = makeDataset({
      townships: [township('1', polygon(ring))],
      facilities: [facility('a', 102.05, 24.05)],
      population: populationCells([
        [102.05, 24.05, 10],
        [102.01, 24.01, 4],
      ]),
    });
    const gaps = computeGaps(prepareDataset(dataset), { filter: {}, reach: { kind: 'distance', metres: 2000 } });
    const feature = gaps.townships.features[0];
    const [outer, ...holes] = feature.geometry.coordinates[0];
    expect(holes).toHaveLength(1); // the disc is a hole in the gap
    const drawn = (geodesicRingArea(outer) - geodesicRingArea(holes[0])) / 1e6;
    expect(Math.abs(drawn - feature.properties.uncovered_km2) / feature.properties.uncovered_km2).toBeLessThan(1e-4);
    expect(feature.properties.uncovered_population).toBe(4);
    expect(Array.from(gaps.uncoveredCells)).toEqual([1]);
  });

  it('draws only the townships asked for, by index or by a WGS84 box, one at a time, with the same geometry', () => {
    const dataset = makeDataset({
      townships: [0, 1, 2, 3].map((k) => township(String(k + 1), polygon(rectangleRing(102 + 0.1 * k, 24.0, 102.1 + 0.1 * k, 24.1)))),
      facilities: [facility('a', 102.1, 24.05), facility('b', 102.25, 24.05)],
      population: populationCells([[102.05, 24.05, 1]]),
    });
    const prepared = prepareDataset(dataset);
    const request = { filter: {}, reach: { kind: 'distance' as const, metres: 3000 } };
    const all = computeGaps(prepared, request);
    const byIndex = computeGaps(prepared, request, {}, { townships: [2] });
    expect(byIndex.townships.features.map((f) => f.properties.code)).toEqual(['3']);
    expect(byIndex.townships.features[0]).toEqual(all.townships.features[2]);
    // A box over the second and third townships (and the edge they share).
    const byBox = computeGaps(prepared, request, {}, { bbox: [102.12, 24.02, 102.28, 24.08] });
    expect(byBox.townships.features.map((f) => f.properties.code)).toEqual(['2', '3']);
    expect(byBox.townships.features).toEqual(all.townships.features.slice(1, 3));
    // Streaming: the generator yields each township's feature as it is drawn.
    const stream = generateGaps(prepared, request, all.coverage, { townships: [0, 3] });
    expect(stream.next().value?.properties.code).toBe('1');
    expect(stream.next().value?.properties.code).toBe('4');
    expect(stream.next().done).toBe(true);
  });
});
