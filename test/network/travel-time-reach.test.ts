// A travel-time reach through the engine's front doors: computeCoverage and the rules evaluate it
// over Dataset.roads, analyseReach adds nearest times, catchments and the isochrone, and without
// roads the reach stays 'not available' with the reason.
import { describe, expect, it } from 'vitest';
import { computeCoverage, UnsupportedReachError } from '../../src/core/coverage/compute-coverage.ts';
import { analyseReach } from '../../src/core/reach/analyse-reach.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import type { Rule } from '../../src/core/rules/rule-types.ts';
import { preparedAt, type RoadSpec } from './network-fixtures.ts';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { parseSpeedTables } from '../../src/core/network/travel-modes.ts';
import { catchmentPolygonsOf, facilityIsochronesOf } from '../../src/core/network/travel-time-coverage-of-dataset.ts';

const WALK = 4.5 / 3.6;
// a street along y = 0 from x = 0 to 4 km; a clinic at its west end; homes along it every 500 m
const street: RoadSpec[] = [{ points: [[0, 0], [4000, 0]] }];
const homes = Array.from({ length: 9 }, (_, k) => ({ x: 500 * k, y: 0, population: 10 }));
const reach = { kind: 'travel-time' as const, minutes: 15, mode: 'walk' as const };

describe('a travel-time reach over the dataset roads', () => {
  it('covers the homes within 15 minutes’ walk along the street (1,125 m)', () => {
    const prepared = preparedAt([{ x: 0, y: 0, capacity: 20 }], homes, [], street);
    const coverage = computeCoverage(prepared, { filter: {}, reach });
    expect(Array.from(coverage.cellCovered)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0]); // 0, 500, 1,000 m
    expect(coverage.region.coveredPopulation[0]).toBe(30);
    expect(coverage.reach).toEqual(reach);
    const analysis = analyseReach(prepared, { filter: {}, reach });
    expect(analysis.travel).toBeDefined();
    expect(analysis.travel!.nearestTime.cellMinutes[4]).toBeCloseTo(2000 / WALK / 60, 4); // lengths on the ellipsoid: k − 1 < 1e-6 here
    expect(analysis.travel!.catchments.servedPopulation[0]).toBe(30);
    expect(analysis.travel!.isochrone.properties.minutes).toBe(15);
    expect(analysis.twoStep).not.toBeNull();
    expect(analysis.twoStep!.cellIndex[0]).toBeCloseTo((20 / 30) * 1000, 9);
    expect(analysis.twoStep!.cellIndex[5]).toBe(0);
  });

  it('evaluates travel-time rules with a provenance naming the road layer, or says roads are missing', () => {
    const rule: Rule = {
      id: 'walk-15', title: { zh: '步行 15 分钟', en: '15 min walk' }, kind: 'population-within', filter: {}, reach, target: { op: '>=', value: 50, unit: 'percent' }, enabled: true,
    } as Rule;
    const [result] = evaluateRules(preparedAt([{ x: 0, y: 0 }], homes, [], street), [rule]);
    expect(result.status).toBe('fail');
    expect(result.value).toBeCloseTo(100 / 3, 9);
    expect(result.provenance.zh).toContain('test roads');
    const [without] = evaluateRules(preparedAt([{ x: 0, y: 0 }], homes), [rule]);
    expect(without.status).toBe('not-available');
    expect(without.reason!.zh).toContain('道路网');
    expect(() => computeCoverage(preparedAt([{ x: 0, y: 0 }], homes), { filter: {}, reach })).toThrow(UnsupportedReachError);
  });

  it('reuses the graph and snaps for a dataset that differs only in its facilities, with the same answers as a fresh one', () => {
    const first = preparedAt([{ x: 0, y: 0 }], homes, [], street);
    computeCoverage(first, { filter: {}, reach });
    // a what-if edit: the clinic moves to 2 km along the street; roads, cells and places are the same objects
    const moved = preparedAt([{ x: 2000, y: 0 }], homes, [], street);
    const edited = prepareDataset({ ...first.dataset, facilities: moved.dataset.facilities });
    const reused = computeCoverage(edited, { filter: {}, reach });
    const fresh = computeCoverage(prepareDataset({ ...moved.dataset }), { filter: {}, reach });
    expect(Array.from(reused.cellCovered)).toEqual([0, 0, 1, 1, 1, 1, 1, 0, 0]); // 1,000–3,000 m
    expect(Array.from(reused.cellCovered)).toEqual(Array.from(fresh.cellCovered));
    expect(reused.region.coveredAreaKm2[0]).toBeCloseTo(fresh.region.coveredAreaKm2[0], 9);
  });

  it('takes edited speeds on a dataset with the same roads: graph and grid reused, the changed mode searched anew', () => {
    const first = preparedAt([{ x: 0, y: 0 }], homes, [], street);
    expect(Array.from(computeCoverage(first, { filter: {}, reach }).cellCovered)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0]); // 1,125 m
    // walking at 9 km/h on urban streets: 2,250 m in 15 minutes
    const speeds = parseSpeedTables({ walk: { roads: { urban: 9 } } });
    if (!speeds.ok) throw new Error('speeds');
    const faster = prepareDataset({ ...first.dataset, roads: { ...first.dataset.roads!, speeds: speeds.value } });
    expect(Array.from(computeCoverage(faster, { filter: {}, reach }).cellCovered)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0]);
    const fresh = preparedAt([{ x: 0, y: 0 }], homes, [], street);
    const freshFaster = prepareDataset({ ...fresh.dataset, roads: { ...fresh.dataset.roads!, speeds: speeds.value } });
    expect(computeCoverage(freshFaster, { filter: {}, reach }).region.coveredAreaKm2[0]).toBeCloseTo(computeCoverage(faster, { filter: {}, reach }).region.coveredAreaKm2[0], 9);
  });

  it('traces each facility’s catchment and its isochrones on demand', () => {
    // two clinics 4 km apart on the street: the homes split at 2 km
    const prepared = preparedAt([{ x: 0, y: 0 }, { x: 4000, y: 0 }], homes, [], street);
    const within = { ...reach, minutes: 30 };
    const catchments = catchmentPolygonsOf(prepared, {}, within);
    expect(catchments.map((c) => c.properties.facility)).toEqual([0, 1]);
    // 0–1,500 m to the first, 2,500–4,000 m to the second; the home at 2,000 m is a tie
    expect(Math.min(catchments[0].properties.servedPopulation, catchments[1].properties.servedPopulation)).toBe(40);
    expect(catchments[0].properties.servedPopulation + catchments[1].properties.servedPopulation).toBe(90);
    for (const c of catchments) expect(c.geometry.coordinates.length).toBeGreaterThan(0);
    const bands = facilityIsochronesOf(prepared, 'walk', 1, [5, 10, 15]);
    expect(bands.map((b) => b.properties.minutes)).toEqual([15, 10, 5]);
    expect(bands[0].properties.areaKm2).toBeGreaterThan(bands[2].properties.areaKm2);
  });
});
