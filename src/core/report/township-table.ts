// The per-township table of the CLI (townships.csv / townships.geojson) and the app's table:
// one row per township with the analysed service's figures and the rules failing there.

import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { RuleResult } from '../rules/rule-types.ts';
import type { ServiceAnalysis } from './analyze-service.ts';
import { roundTo } from '../rules/format-figures.ts';

export const TOWNSHIP_COLUMNS = [
  'code',
  'name',
  'county',
  'area_km2',
  'area_covered_km2',
  'area_covered_pct',
  'population',
  'population_covered',
  'population_covered_pct',
  'age60plus_covered_pct',
  'age0_3_covered_pct',
  'facilities',
  'capacity',
  'capacity_per_1000',
  'nearest_median_m',
  'nearest_p90_m',
  'two_step_fca_per_1000',
  'failed_rules',
] as const;

export type TownshipColumn = (typeof TOWNSHIP_COLUMNS)[number];
export type TownshipRow = Record<TownshipColumn, string | number | null>;

const round = roundTo;
const percent = (part: number, whole: number) => (whole > 0 ? round((100 * part) / whole, 2) : null);
const metresOrNull = (value: number) => (Number.isFinite(value) ? Math.round(value) : null);

/**
 * Rule ids failing in each township: rules whose failing items are the township itself, a target
 * place in it or a facility in it. County-level failures are not pinned on townships.
 */
export function failedRulesByTownship(prepared: PreparedDataset, results: RuleResult[]): string[][] {
  const byTownship: Set<string>[] = prepared.dataset.townships.map(() => new Set());
  for (const result of results) {
    if (result.status !== 'fail') continue;
    for (const item of result.failing) {
      const t =
        item.kind === 'township'
          ? item.index
          : item.kind === 'place'
            ? prepared.placeTownship[item.index]
            : item.kind === 'facility'
              ? prepared.facilityTownship[item.index]
              : -1;
      if (t >= 0) byTownship[t].add(result.ruleId);
    }
  }
  return byTownship.map((set) => [...set]);
}

export function buildTownshipRows(prepared: PreparedDataset, analysis: ServiceAnalysis, results: RuleResult[]): TownshipRow[] {
  const { townships, counties } = prepared.dataset;
  const metrics = analysis.coverage.townships;
  const failed = failedRulesByTownship(prepared, results);
  const countyByCode = new Map(counties.map((c) => [c.code, c.name]));
  const cohortShare = (cohort: string, t: number) =>
    metrics.cohortPopulation[cohort] ? percent(metrics.cohortCovered[cohort][t], metrics.cohortPopulation[cohort][t]) : null;
  return townships.map((township, t) => {
    const countyCode = township.parentCode ?? township.properties.county_code;
    // The county's name from the counties layer, else the township's own county field as given.
    const countyName = township.properties.county_name ?? (countyCode !== undefined ? (countyByCode.get(String(countyCode)) ?? countyCode) : undefined);
    return {
      code: township.code,
      name: township.name,
      county: countyName !== undefined ? String(countyName) : null,
      area_km2: round(metrics.areaKm2[t], 3),
      area_covered_km2: round(metrics.coveredAreaKm2[t], 3),
      area_covered_pct: percent(metrics.coveredAreaKm2[t], metrics.areaKm2[t]),
      population: Math.round(metrics.population[t]),
      population_covered: Math.round(metrics.coveredPopulation[t]),
      population_covered_pct: percent(metrics.coveredPopulation[t], metrics.population[t]),
      age60plus_covered_pct: cohortShare('age60plus', t),
      age0_3_covered_pct: cohortShare('age0_3', t),
      facilities: metrics.facilityCount[t],
      capacity: round(metrics.capacity[t], 2),
      capacity_per_1000: metrics.population[t] > 0 ? round((1000 * metrics.capacity[t]) / metrics.population[t], 3) : null,
      nearest_median_m: metresOrNull(analysis.nearest.townships.median[t]),
      nearest_p90_m: metresOrNull(analysis.nearest.townships.p90[t]),
      two_step_fca_per_1000: analysis.twoStepFca ? round(analysis.twoStepFca.townships[t], 3) : null,
      failed_rules: failed[t].join(';'),
    };
  });
}

/** The townships as a GeoJSON FeatureCollection carrying the row figures as properties. */
export function townshipRowsToGeoJson(prepared: PreparedDataset, rows: TownshipRow[]) {
  return {
    type: 'FeatureCollection' as const,
    features: prepared.dataset.townships.map((township, t) => ({
      type: 'Feature' as const,
      geometry: township.geometry,
      properties: { ...rows[t] },
    })),
  };
}
