// One analysis per reach: the discs the map draws are the ones the kernel measured (geodesic
// circles, checked against GeographicLib), the uncovered cells come from the same covered-cell
// flags, and the request travels back unchanged.
import { describe, expect, it } from 'vitest';
import geographiclib from 'geographiclib-geodesic';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeCoverage } from '../../src/core/coverage/compute-coverage.ts';
import { computeTwoStepFca } from '../../src/core/coverage/compute-two-step-fca.ts';
import { analyseReach, type ReachAnalysisRequest } from '../../src/core/reach/analyse-reach.ts';
import { tinyRegion } from '../rules/tiny-region.ts';

const geodesic = geographiclib.Geodesic.WGS84;

describe('analyseReach', () => {
  const prepared = prepareDataset(tinyRegion());

  it('draws each disc as a geodesic circle of the facility’s own reach (within 0.5 m; GRS80 and WGS84 differ by < 0.1 mm here)', () => {
    const request: ReachAnalysisRequest = { filter: { types: ['broadcast-terminal'] }, reach: { kind: 'distance', metres: 500 }, radiusField: 'audible_radius_m' };
    const { discs } = analyseReach(prepared, request);
    expect(discs!.features.map((feature) => feature.properties.facility)).toEqual([6, 7]);
    // B1 has audible_radius_m 300, B2 none: it falls back to the reach.
    expect(discs!.features.map((feature) => Math.round(feature.properties.reachMetres * 1e6) / 1e6)).toEqual([300, 500]);
    for (const feature of discs!.features) {
      const facility = prepared.dataset.facilities[feature.id];
      for (const [lon, lat] of feature.geometry.coordinates[0]) {
        const { s12 } = geodesic.Inverse(facility.lat, facility.lon, lat, lon);
        expect(Math.abs(s12! - feature.properties.reachMetres)).toBeLessThan(0.5);
      }
    }
  });

  it('returns the request unchanged, coverage equal to computeCoverage and the uncovered cells from its flags', () => {
    const request: ReachAnalysisRequest = { filter: { types: ['elder-daycare'] }, reach: { kind: 'distance', metres: 500 }, cohort: 'age60plus' };
    const result = analyseReach(prepared, request);
    expect(result.request).toBe(request);
    expect(result.coverage.reach).toEqual(request.reach);
    const coverage = computeCoverage(prepared, request);
    expect(Array.from(result.coverage.cellCovered)).toEqual(Array.from(coverage.cellCovered));
    expect(Array.from(result.coverage.townships.coveredPopulation)).toEqual(Array.from(coverage.townships.coveredPopulation));
    // Hand count (tiny-region.ts): at 500 m only c0 (F1) and c3 (F3) are covered; c1, c2, c4, c5 are not.
    expect(Array.from(result.uncoveredCells)).toEqual([1, 2, 4, 5]);
    const twoStep = computeTwoStepFca(prepared, { filter: request.filter, catchmentMetres: 500, cohort: 'age60plus' });
    expect(Array.from(result.twoStep!.townships)).toEqual(Array.from(twoStep.townships));
  });

  it('computes nearest distances once per filter (they do not depend on the reach)', () => {
    const filter = { types: ['nursery'] };
    const near = analyseReach(prepared, { filter, reach: { kind: 'distance', metres: 300 } });
    const far = analyseReach(prepared, { filter, reach: { kind: 'distance', metres: 3000 } });
    expect(far.nearest).toBe(near.nearest);
    expect(far.coverage.region.coveredPopulation[0]).toBeGreaterThanOrEqual(near.coverage.region.coveredPopulation[0]);
  });

  it('has no 2SFCA without capacities or without the cohort, and no discs when asked for none', () => {
    const terminals = analyseReach(prepared, { filter: { types: ['broadcast-terminal'] }, reach: { kind: 'distance', metres: 500 }, discs: false });
    expect(terminals.twoStep).toBeNull();
    expect(terminals.discs).toBeNull();
    const unknownCohort = analyseReach(prepared, { filter: { types: ['nursery'] }, reach: { kind: 'distance', metres: 500 }, cohort: 'age0_14' });
    expect(unknownCohort.twoStep).toBeNull();
  });

  it('refuses a travel-time reach until a network engine supplies reachable sets', () => {
    expect(() => analyseReach(prepared, { filter: { types: ['nursery'] }, reach: { kind: 'travel-time', minutes: 15, mode: 'walk' } })).toThrow(/travel-time/);
  });
});
