// planSites on a small region, checked by independent means: the coverage engine on the data with
// the new facilities, a full re-preparation and the rule engine, Turf for exclusion zones and
// GeographicLib for spacing.
import { beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import geodesicModule from 'geographiclib-geodesic';
import { prepareDataset, type PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeCoverage } from '../../src/core/coverage/compute-coverage.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import type { Rule } from '../../src/core/rules/rule-types.ts';
import { planSites, type SitingEnvironment, type SitingRequest } from '../../src/core/siting/plan-sites.ts';
import { generateCandidates } from '../../src/core/siting/generate-candidates.ts';
import { projectCandidates } from '../../src/core/siting/project-candidates.ts';
import { addFacilities } from '../../src/core/siting/add-facilities.ts';
import { summariseProposal } from '../../src/core/siting/summarise-proposal.ts';
import { demandWeights } from '../../src/core/siting/demand-weights.ts';
import { loadLinearSolver } from '../../src/core/siting/load-linear-solver.ts';
import type { LinearSolver } from '../../src/core/siting/highs-models.ts';
import type { Dataset } from '../../src/core/types.ts';
import { sitingRegion, SOUTH, STEP, WEST } from './siting-region.ts';

const geodesic = (geodesicModule as unknown as { Geodesic: { WGS84: unknown } }).Geodesic;

let dataset: Dataset;
let prepared: PreparedDataset;
let solver: LinearSolver;

const RULES: Rule[] = [
  {
    id: 'presence',
    kind: 'unit-presence',
    enabled: true,
    title: { zh: '区域性养老服务中心', en: 'regional centres' },
    level: 'township',
    require: [{ filter: { types: ['elder-regional-centre'], where: [{ field: 'comprehensive', op: 'truthy' }] }, minCount: 1 }],
    target: { op: '>=', value: 75, unit: 'percent' },
  },
  {
    id: 'within',
    kind: 'population-within',
    enabled: true,
    title: { zh: '老年人 500 米', en: 'elderly within 500 m' },
    filter: { types: ['elder-daycare'] },
    reach: { kind: 'distance', metres: 500 },
    cohort: 'age60plus',
    target: { op: '>=', value: 80, unit: 'percent' },
  },
  {
    id: 'places',
    kind: 'points-covered',
    enabled: true,
    title: { zh: '安置点广播', en: 'resettlement sites reached' },
    filter: { types: ['broadcast-terminal'] },
    reach: { kind: 'distance', metres: 300 },
    placeKinds: ['resettlement-site'],
    target: { op: '>=', value: 100, unit: 'percent' },
  },
  {
    id: 'nursery',
    kind: 'capacity-per-population',
    enabled: true,
    title: { zh: '每千人托位', en: 'nursery places per 1,000' },
    filter: { types: ['nursery'] },
    level: 'county',
    target: { op: '>=', value: 4.5, unit: 'per-1000' },
  },
  {
    id: 'public-nurseries',
    kind: 'count',
    enabled: true,
    title: { zh: '公办托育机构', en: 'public nurseries' },
    filter: { types: ['nursery'], where: [{ field: 'public', op: 'truthy' }] },
    target: { op: '>=', value: 3, unit: 'count' },
  },
];

function environment(spacing = 0): SitingEnvironment & { request: (problem: SitingRequest['problem']) => SitingRequest } {
  const weights = demandWeights(prepared, { cohort: 'age60plus' });
  if (!weights.ok) throw new Error('weights');
  const fixed = computeCoverage(prepared, { filter: { types: ['elder-daycare'] }, reach: { kind: 'distance', metres: 500 } });
  const { candidates } = generateCandidates(prepared, { cellCovered: fixed.cellCovered, cellWeight: weights.value, gridMetres: 200, spacingMetres: spacing });
  return {
    prepared,
    candidates,
    rules: RULES,
    request: (problem) => ({ service: 'elder-daycare', reach: { kind: 'distance', metres: 500 }, cohort: 'age60plus', problem }),
  };
}

beforeAll(async () => {
  dataset = sitingRegion();
  prepared = prepareDataset(dataset);
  solver = await loadLinearSolver();
});

const regionCovered = (p: PreparedDataset) =>
  computeCoverage(p, { filter: { types: ['elder-daycare'] }, reach: { kind: 'distance', metres: 500 } }).region.cohortCovered.age60plus[0];

describe('planSites', () => {
  it('MCLP: the objective is the coverage gain the coverage engine measures on the data with the new sites', () => {
    const env = environment();
    const result = planSites(env, env.request({ kind: 'max-coverage', k: 4 }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { solution, facilities } = result.value;
    expect(facilities).toHaveLength(4);
    const gain = regionCovered(addFacilities(prepared, facilities)) - regionCovered(prepared);
    expect(solution.objective).toBeCloseTo(gain, 6);
    // A full re-preparation agrees with the incremental one.
    const reprepared = prepareDataset({ ...dataset, facilities: [...dataset.facilities, ...facilities] });
    expect(regionCovered(reprepared)).toBeCloseTo(regionCovered(prepared) + gain, 6);
    expect(solution.bound.value).toBeGreaterThanOrEqual(solution.objective);
    expect(solution.gap).toBeGreaterThanOrEqual(0);
  });

  it('gives the exact HiGHS answer on a small reduced instance and says so', () => {
    const weights = demandWeights(prepared, { cohort: 'age60plus' });
    if (!weights.ok) throw new Error('weights');
    const fixed = computeCoverage(prepared, { filter: { types: ['elder-daycare'] }, reach: { kind: 'distance', metres: 500 } });
    const { candidates } = generateCandidates(prepared, { cellCovered: fixed.cellCovered, cellWeight: weights.value, gridMetres: 500 });
    const request: SitingRequest = { service: 'elder-daycare', reach: { kind: 'distance', metres: 500 }, cohort: 'age60plus', problem: { kind: 'max-coverage', k: 3 } };
    const heuristic = planSites({ prepared, candidates }, request);
    const exact = planSites({ prepared, candidates, solver }, request);
    if (!heuristic.ok || !exact.ok) throw new Error('plan');
    expect(exact.value.solution.method).toBe('mip-highs');
    expect(exact.value.solution.gap).toBe(0);
    expect(exact.value.solution.objective).toBeGreaterThanOrEqual(heuristic.value.solution.objective);
    // The heuristic's stated bound holds against the proven optimum.
    expect(heuristic.value.solution.bound.value).toBeGreaterThanOrEqual(exact.value.solution.objective - 1e-9);
  });

  it('never moves the fixed facilities and only adds new ones', () => {
    const env = environment();
    const result = planSites(env, env.request({ kind: 'max-coverage', k: 3 }));
    if (!result.ok) throw new Error(result.error.message.en);
    const after = addFacilities(prepared, result.value.facilities);
    expect(after.dataset.facilities.slice(0, dataset.facilities.length)).toEqual(dataset.facilities);
    expect(Array.from(after.facilities.x.subarray(0, dataset.facilities.length))).toEqual(Array.from(prepared.facilities.x));
    expect(result.value.facilities.every((f) => f.properties.proposed === true && f.id.startsWith('new-'))).toBe(true);
  });

  it('keeps new sites out of exclusion zones and at least the spacing apart (checked with Turf and GeographicLib)', () => {
    const exclusion = { type: 'Polygon' as const, coordinates: [[[WEST, SOUTH], [WEST + STEP, SOUTH], [WEST + STEP, SOUTH + STEP], [WEST, SOUTH + STEP], [WEST, SOUTH]]] };
    const spacing = 700;
    const weights = demandWeights(prepared, { cohort: 'age60plus' });
    if (!weights.ok) throw new Error('weights');
    const fixed = computeCoverage(prepared, { filter: { types: ['elder-daycare'] }, reach: { kind: 'distance', metres: 500 } });
    // Candidates generated densely (every gap cell) so the solver itself must enforce the spacing.
    const { candidates, dropped } = generateCandidates(prepared, { cellCovered: fixed.cellCovered, cellWeight: weights.value, exclusions: [exclusion] });
    expect(dropped.excluded).toBeGreaterThan(0);
    for (const problem of [{ kind: 'max-coverage', k: 6 }, { kind: 'set-cover', sharePercent: 60 }] as const) {
      const result = planSites({ prepared, candidates }, { service: 'elder-daycare', reach: { kind: 'distance', metres: 500 }, cohort: 'age60plus', spacingMetres: spacing, problem });
      if (!result.ok) throw new Error(result.error.message.en);
      const sites = result.value.sites;
      expect(sites.length).toBeGreaterThan(1);
      for (const site of sites) expect(turf.booleanPointInPolygon([site.lon, site.lat], exclusion)).toBe(false);
      for (const a of sites) {
        for (const b of sites) {
          if (a === b) continue;
          const { s12 } = (geodesic.WGS84 as { Inverse(a: number, b: number, c: number, d: number): { s12: number } }).Inverse(a.lat, a.lon, b.lat, b.lon);
          expect(s12).toBeGreaterThanOrEqual(spacing - 0.01); // 1 cm: plane-vs-ellipsoid tolerance at this radius
        }
      }
    }
  });

  it('LSCP reaches the asked share of people aged 60+', () => {
    const env = environment();
    const result = planSites(env, env.request({ kind: 'set-cover', sharePercent: 70 }));
    if (!result.ok) throw new Error(result.error.message.en);
    const after = addFacilities(prepared, result.value.facilities);
    const coverage = computeCoverage(after, { filter: { types: ['elder-daycare'] }, reach: { kind: 'distance', metres: 500 } }).region;
    expect(coverage.cohortCovered.age60plus[0] / coverage.cohortPopulation.age60plus[0]).toBeGreaterThanOrEqual(0.7 - 1e-12);
    expect(result.value.solution.bound.value).toBeLessThanOrEqual(result.value.solution.objective);
  });

  it('p-median lowers the weighted distance the nearest-distance engine measures', () => {
    const env = environment();
    const result = planSites(env, env.request({ kind: 'p-median', k: 3, cap: 3000 }));
    if (!result.ok) throw new Error(result.error.message.en);
    const { weightedDistance, solution } = result.value;
    expect(weightedDistance!.after).toBeLessThan(weightedDistance!.before);
    expect(solution.bound.value).toBeLessThanOrEqual(solution.objective + 1e-6);
  });

  it.each(['presence', 'within', 'places', 'nursery', 'public-nurseries'])('target-driven: rule %s passes once the sites are added and the data re-prepared', (ruleId) => {
    const env = environment();
    const before = evaluateRules(prepared, RULES).find((r) => r.ruleId === ruleId)!;
    expect(before.status).toBe('fail');
    const result = planSites({ ...env, candidates: projectCandidates(prepared, everyCell()) }, { ...env.request({ kind: 'rule', ruleId }), siteCapacity: 30 });
    if (!result.ok) throw new Error(result.error.message.en);
    expect(result.value.ruleAfter?.status).toBe('pass');
    const reprepared = prepareDataset({ ...dataset, facilities: [...dataset.facilities, ...result.value.facilities] });
    expect(evaluateRules(reprepared, RULES).find((r) => r.ruleId === ruleId)!.status).toBe('pass');
    if (ruleId === 'presence' || ruleId === 'public-nurseries') expect(result.value.facilities).toHaveLength(before.shortfall!.amount);
    if (ruleId === 'presence') expect(result.value.solution.gap).toBe(0);
  });

  it('summarises before / after: coverage, every rule, townships and sites', () => {
    const env = environment();
    const result = planSites(env, env.request({ kind: 'max-coverage', k: 3 }));
    if (!result.ok) throw new Error(result.error.message.en);
    const summary = summariseProposal(prepared, result.value, RULES);
    expect(summary.coverage.after - summary.coverage.before).toBeCloseTo(result.value.solution.objective, 6);
    expect(summary.rules).toHaveLength(RULES.length);
    expect(summary.townships.reduce((s, t) => s + t.after, 0)).toBeCloseTo(summary.coverage.after, 6);
    expect(summary.sites).toHaveLength(3);
    for (const site of summary.sites) {
      expect(site.township).not.toBeNull();
      expect(site.serves.length).toBeGreaterThan(0);
    }
    expect(summary.rules.find((r) => r.ruleId === 'within')!.after.value!).toBeGreaterThan(summary.rules.find((r) => r.ruleId === 'within')!.before.value!);
  });

  it('returns errors as values, in Chinese and English', () => {
    const env = environment();
    const travel = planSites(env, { ...env.request({ kind: 'max-coverage', k: 2 }), reach: { kind: 'travel-time', minutes: 15, mode: 'walk' } });
    expect(travel.ok).toBe(false);
    if (!travel.ok) expect(travel.error.message.zh).toMatch(/道路图层/);
    const unknown = planSites(env, env.request({ kind: 'rule', ruleId: 'nope' }));
    expect(!unknown.ok && unknown.error.code).toBe('unknown-rule');
    const none = planSites({ ...env, candidates: projectCandidates(prepared, []) }, env.request({ kind: 'max-coverage', k: 2 }));
    expect(!none.ok && none.error.message.en).toMatch(/candidate/);
    const cohort = planSites(env, { ...env.request({ kind: 'max-coverage', k: 2 }), cohort: 'martians' });
    expect(!cohort.ok && cohort.error.code).toBe('unknown-cohort');
  });
});

function everyCell() {
  const { lon, lat } = dataset.population;
  return Array.from(lon, (_, i) => ({ id: `C${i}`, lon: lon[i], lat: lat[i] })).filter((_, i) => i % 3 === 0);
}
