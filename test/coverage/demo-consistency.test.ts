// Invariants on the demo region's real-looking geometry (fractal shared borders, enclaves, a
// lake): computing each county as a zone of its own must agree with summing its townships,
// which exercises the arc walk across thousands of shared edges; coverage grows with R;
// covered ≤ total everywhere; reordering the townships permutes the results only.
import { describe, expect, it } from 'vitest';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeCoverage } from '../../src/core/coverage/compute-coverage.ts';
import { loadDemoDataset } from '../../scripts/lib/load-demo-dataset.ts';

const dataset = loadDemoDataset();
const prepared = prepareDataset(dataset);
const request = (metres: number) => ({ filter: { types: ['elder-daycare'] }, reach: { kind: 'distance' as const, metres } });

describe('demo region coverage invariants', () => {
  it('townships provably tile the counties', () => {
    expect(prepared.townshipCounty).not.toBeNull();
  });

  it('county coverage computed directly equals the sum of its townships', () => {
    const direct = computeCoverage({ ...prepared, townshipCounty: null }, request(2000)).counties;
    const result = computeCoverage(prepared, request(2000));
    // In the projected plane the two must agree to rounding (1e-9); in km² they differ only by
    // each zone's own scale factor (documented bound 1e-5).
    const projectedSum = new Float64Array(dataset.counties.length);
    result.townships.coveredAreaKm2.forEach((km2, t) => {
      projectedSum[prepared.townshipCounty![t]] += km2 * prepared.townships.scale[t] ** 2;
    });
    for (let c = 0; c < dataset.counties.length; c++) {
      const projectedDirect = direct.coveredAreaKm2[c] * prepared.counties.scale[c] ** 2;
      expect(Math.abs(projectedDirect - projectedSum[c]) / direct.areaKm2[c]).toBeLessThan(1e-9);
      expect(Math.abs(direct.coveredAreaKm2[c] - result.counties.coveredAreaKm2[c]) / direct.areaKm2[c]).toBeLessThan(1e-5);
      expect(direct.coveredPopulation[c]).toBe(result.counties.coveredPopulation[c]);
    }
  });

  it('never shrinks as R grows, and covered ≤ total in every township', () => {
    let previous = computeCoverage(prepared, request(100)).townships;
    for (const metres of [300, 800, 1500, 3000, 8000]) {
      const next = computeCoverage(prepared, request(metres)).townships;
      for (let t = 0; t < dataset.townships.length; t++) {
        expect(next.coveredAreaKm2[t]).toBeGreaterThanOrEqual(previous.coveredAreaKm2[t] - 1e-9);
        expect(next.coveredPopulation[t]).toBeGreaterThanOrEqual(previous.coveredPopulation[t]);
        expect(next.coveredAreaKm2[t]).toBeLessThanOrEqual(next.areaKm2[t] * (1 + 1e-9));
        expect(next.coveredPopulation[t]).toBeLessThanOrEqual(next.population[t]);
      }
      previous = next;
    }
  });

  it('reordering townships and facilities only permutes the results', () => {
    const base = computeCoverage(prepared, request(1500)).townships;
    const order = dataset.townships.map((_, i) => i).reverse();
    const shuffled = prepareDataset({ ...dataset, townships: order.map((i) => dataset.townships[i]), facilities: [...dataset.facilities].reverse() });
    const again = computeCoverage(shuffled, request(1500)).townships;
    order.forEach((original, k) => {
      expect(again.coveredAreaKm2[k]).toBeCloseTo(base.coveredAreaKm2[original], 9);
      expect(again.coveredPopulation[k]).toBe(base.coveredPopulation[original]);
    });
  });
});
