// The metric table of one service at one reach: one row per township, per county and for the whole
// region (全市合计), the same columns at every level, and the plan targets each unit fails. The CLI's
// townships.csv / counties.csv and the app's table are both this table, so they cannot disagree.
// Figures are rounded here to the decimals their column states: what the app shows is what the CLI
// writes. A figure that cannot be computed is NaN, and its column says why (`unavailable`).
import type { RunOptions } from '../types.ts';
import type { Reach, UnitMetrics } from '../coverage/coverage-types.ts';
import type { ZoneTimeQuantiles } from '../network/compute-nearest-time.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { Bilingual, RuleResult } from '../rules/rule-types.ts';
import { RuleContext } from '../rules/rule-context.ts';
import { roundTo } from '../rules/format-figures.ts';
import { MESSAGES } from '../i18n/messages.ts';
import { translateBoth } from '../i18n/translate.ts';
import { AREA_MIN_FOR_SHARE_KM2 } from '../limits.ts';
import { capacityPerThousandLabel, SERVED_GROUPS, servedGroupName, type ServiceDefinition } from './service-catalog.ts';
import { computeServiceFigures, type ServiceFigures } from './compute-service-figures.ts';

export type MetricFormat = 'count' | 'percent' | 'area' | 'ratio' | 'metres' | 'minutes';
export type MetricLevel = 'township' | 'county' | 'region';

export interface MetricColumn {
  /** Column of the CSV and property of the GeoJSON; names its denominator where it has one (capacity_per_1000_age0_3). */
  id: string;
  label: Bilingual;
  format: MetricFormat;
  /** Decimals the figures are rounded to (and printed with). */
  decimals: number;
  /** Why the column has no figures (no cohort field, no capacity); null when it has them. */
  unavailable: Bilingual | null;
}

export interface MetricRows {
  level: MetricLevel;
  codes: string[];
  names: string[];
  /** County name of each row (townships), null when unknown; the county's own name for county rows. */
  counties: (string | null)[];
  /** One array per column id, one entry per row; NaN = no figure. */
  values: Record<string, Float64Array>;
  /** Ids of the plan targets each row fails (directly, through its county, its places or its facilities). */
  failedRules: string[][];
}

export interface MetricTable {
  service: ServiceDefinition;
  metres: number;
  /** The reach the figures are at: a travel time replaces the distances with minutes. */
  reach: Reach;
  columns: MetricColumn[];
  townships: MetricRows;
  counties: MetricRows;
  region: MetricRows;
  /** Notes that apply to the whole table (figures not available, estimated cohorts). */
  notes: Bilingual[];
}

const column = (id: string, label: Bilingual, format: MetricFormat, decimals: number, unavailable: Bilingual | null = null): MetricColumn => ({
  id,
  label,
  format,
  decimals,
  unavailable,
});

/** Column ids of a service: capacity per 1,000 and 2SFCA carry their denominator (the served group, or `people`). */
export function capacityColumnIds(service: ServiceDefinition): { perThousand: string; twoStep: string } {
  const group = service.servedGroup ?? 'people';
  return { perThousand: `capacity_per_1000_${group}`, twoStep: `two_step_fca_per_1000_${group}` };
}

/** Cohorts in a fixed order whatever the layer's field order: the catalog's groups first, then by name. */
function orderedCohorts(names: string[]): string[] {
  const rank = (name: string) => {
    const known = (SERVED_GROUPS as readonly string[]).indexOf(name);
    return known >= 0 ? known : SERVED_GROUPS.length;
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The columns of the table for a service over a prepared dataset, in order. */
function metricColumns(prepared: PreparedDataset, service: ServiceDefinition, figures: Pick<ServiceFigures, 'servedGroupUnavailable' | 'capacityUnavailable'> & { travel?: unknown }): MetricColumn[] {
  const ids = capacityColumnIds(service);
  const capacityReason = figures.servedGroupUnavailable ?? figures.capacityUnavailable;
  return [
    column('area_km2', MESSAGES['metric-table.area'], 'area', 3),
    column('area_covered_km2', MESSAGES['metric-table.area-covered'], 'area', 3),
    column('area_covered_pct', MESSAGES['metric-table.area-covered-pct'], 'percent', 2),
    column('population', MESSAGES['metric-table.population'], 'count', 0),
    column('population_covered', MESSAGES['metric-table.population-covered'], 'count', 0),
    column('population_covered_pct', MESSAGES['metric-table.population-covered-pct'], 'percent', 2),
    column('population_uncovered', MESSAGES['metric-table.population-uncovered'], 'count', 0),
    ...orderedCohorts(prepared.cohortNames).map((cohort) =>
      column(`${cohort}_covered_pct`, translateBoth('metric-table.group-covered-pct', { group: servedGroupName(cohort) }), 'percent', 2),
    ),
    column('facilities', MESSAGES['metric-table.facilities'], 'count', 0),
    column('capacity', translateBoth('metric-table.capacity', { unit: service.capacityUnit }), 'count', 2, figures.capacityUnavailable),
    column(ids.perThousand, capacityPerThousandLabel(service), 'ratio', 3, capacityReason),
    // a travel-time reach: minutes over the roads (Infinity: unreachable) in place of straight-line metres
    ...(figures.travel
      ? [
          column('nearest_median_min', MESSAGES['metric-table.nearest-median-minutes'], 'minutes', 1),
          column('nearest_p90_min', MESSAGES['metric-table.nearest-p90-minutes'], 'minutes', 1),
          column('unreachable_population', MESSAGES['metric-table.unreachable-population'], 'count', 0),
        ]
      : [column('nearest_median_m', MESSAGES['metric-table.nearest-median'], 'metres', 0), column('nearest_p90_m', MESSAGES['metric-table.nearest-p90'], 'metres', 0)]),
    column(ids.twoStep, translateBoth('metric-table.two-step-fca', { unit: service.capacityUnit, group: servedGroupName(service.servedGroup) }), 'ratio', 3, capacityReason),
    column('failed_rule_count', MESSAGES['metric-table.failed-rule-count'], 'count', 0),
  ];
}

const share = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : NaN);
/** A distance: Infinity (no facility) and NaN (nobody lives there) have no figure. */
const distance = (metres: number) => (Number.isFinite(metres) ? metres : NaN);

interface LevelInputs {
  metrics: UnitMetrics;
  nearest: { median: Float64Array; p90: Float64Array };
  nearestTime: ZoneTimeQuantiles | null;
  twoStep: Float64Array | null;
  failedRules: string[][];
}

function levelValues(columns: MetricColumn[], service: ServiceDefinition, inputs: LevelInputs): Record<string, Float64Array> {
  const { metrics, nearest, nearestTime, twoStep, failedRules } = inputs;
  const n = metrics.population.length;
  const ids = capacityColumnIds(service);
  const group = service.servedGroup ? metrics.cohortPopulation[service.servedGroup] : metrics.population;
  const figure = (id: string, u: number): number => {
    switch (id) {
      case 'area_km2':
        return metrics.areaKm2[u];
      case 'area_covered_km2':
        return metrics.coveredAreaKm2[u];
      case 'area_covered_pct':
        // A degenerate (zero-area) unit has no meaningful covered share.
        return metrics.areaKm2[u] >= AREA_MIN_FOR_SHARE_KM2 ? share(metrics.coveredAreaKm2[u], metrics.areaKm2[u]) : NaN;
      case 'population':
        return metrics.population[u];
      case 'population_covered':
        return metrics.coveredPopulation[u];
      case 'population_covered_pct':
        return share(metrics.coveredPopulation[u], metrics.population[u]);
      case 'population_uncovered':
        return metrics.population[u] - metrics.coveredPopulation[u];
      case 'facilities':
        return metrics.facilityCount[u];
      case 'capacity':
        return metrics.capacity[u];
      case ids.perThousand:
        return group ? (group[u] > 0 ? (1000 * metrics.capacity[u]) / group[u] : NaN) : NaN;
      case 'nearest_median_m':
        return distance(nearest.median[u]);
      case 'nearest_p90_m':
        return distance(nearest.p90[u]);
      case 'nearest_median_min':
        return nearestTime ? nearestTime.median[u] : NaN;
      case 'nearest_p90_min':
        return nearestTime ? nearestTime.p90[u] : NaN;
      case 'unreachable_population':
        return nearestTime ? nearestTime.unreachablePopulation[u] : NaN;
      case ids.twoStep:
        return twoStep && group && group[u] > 0 ? twoStep[u] : NaN;
      case 'failed_rule_count':
        return failedRules[u].length;
    }
    const cohort = id.endsWith('_covered_pct') ? id.slice(0, -'_covered_pct'.length) : '';
    const total = metrics.cohortPopulation[cohort];
    return total ? share(metrics.cohortCovered[cohort][u], total[u]) : NaN;
  };
  const values: Record<string, Float64Array> = {};
  for (const col of columns) {
    const out = new Float64Array(n);
    for (let u = 0; u < n; u++) {
      const value = col.unavailable ? NaN : figure(col.id, u);
      // Never ∞ in a table: a sum that overflowed is no figure (the import's value ranges keep inputs far from it).
      // Minutes are the exception: Infinity says "unreachable" (written as text, never as a number).
      out[u] = Number.isFinite(value) ? roundTo(value, col.decimals) : col.format === 'minutes' && value === Infinity ? Infinity : NaN;
    }
    values[col.id] = out;
  }
  return values;
}

/**
 * The plan targets failing in each township and county, counted the same way at both levels: a
 * failing township counts for itself and its county; a failing county for itself and each of its
 * townships; a failing place or facility for the township and county holding it.
 */
export function failedRulesByUnit(prepared: PreparedDataset, results: RuleResult[]): { townships: string[][]; counties: string[][]; region: string[][] } {
  const { townships, counties } = prepared.dataset;
  const townshipCounty = new RuleContext(prepared).townshipCounty();
  const byTownship = townships.map(() => new Set<string>());
  const byCounty = counties.map(() => new Set<string>());
  const region = new Set<string>();
  const mark = (t: number, c: number, rule: string) => {
    if (t >= 0) byTownship[t].add(rule);
    const county = c >= 0 ? c : t >= 0 ? townshipCounty[t] : -1;
    if (county >= 0) byCounty[county].add(rule);
  };
  for (const result of results) {
    if (result.status !== 'fail') continue;
    region.add(result.ruleId);
    for (const item of result.failing) {
      switch (item.kind) {
        case 'township':
          mark(item.index, -1, result.ruleId);
          break;
        case 'county':
          mark(-1, item.index, result.ruleId);
          townshipCounty.forEach((c, t) => {
            if (c === item.index) byTownship[t].add(result.ruleId);
          });
          break;
        case 'place': {
          const t = prepared.placeTownship[item.index];
          mark(t, t >= 0 && townshipCounty[t] >= 0 ? townshipCounty[t] : prepared.placeCounty[item.index], result.ruleId);
          break;
        }
        case 'facility': {
          const t = prepared.facilityTownship[item.index];
          mark(t, t >= 0 && townshipCounty[t] >= 0 ? townshipCounty[t] : prepared.facilityCounty[item.index], result.ruleId);
          break;
        }
        case 'village':
          break;
      }
    }
  }
  // Rule order, not discovery order, so every row lists its ids the same way.
  const order = new Map(results.map((r, i) => [r.ruleId, i]));
  const sorted = (set: Set<string>) => [...set].sort((a, b) => order.get(a)! - order.get(b)!);
  return { townships: byTownship.map(sorted), counties: byCounty.map(sorted), region: [sorted(region)] };
}

export type FailedRulesByUnit = ReturnType<typeof failedRulesByUnit>;

/** The table with another set of rule results' failures (rules are evaluated apart from the figures in the app). */
export function withFailedRules(table: MetricTable, failed: FailedRulesByUnit): MetricTable {
  const level = (rows: MetricRows, lists: string[][]): MetricRows => {
    const count = Float64Array.from(rows.codes, (_, r) => lists[r]?.length ?? 0);
    return { ...rows, failedRules: rows.codes.map((_, r) => lists[r] ?? []), values: { ...rows.values, failed_rule_count: count } };
  };
  return { ...table, townships: level(table.townships, failed.townships), counties: level(table.counties, failed.counties), region: level(table.region, failed.region) };
}

/** The table from figures already computed (the app's worker holds them for the map too). */
export function buildMetricTable(prepared: PreparedDataset, service: ServiceDefinition, metres: number, figures: ServiceFigures, results: RuleResult[]): MetricTable {
  const { townships, counties } = prepared.dataset;
  const columns = metricColumns(prepared, service, figures);
  const failed = failedRulesByUnit(prepared, results);
  const townshipCounty = new RuleContext(prepared).townshipCounty();
  const two = figures.twoStepFca;
  const countyName = (t: number): string | null => {
    const own = townships[t].properties.county_name;
    if (typeof own === 'string' && own !== '') return own;
    if (townshipCounty[t] >= 0) return counties[townshipCounty[t]].name;
    return townships[t].parentCode ?? null;
  };
  const regionName = MESSAGES['metric-table.region'];
  const notes = [figures.servedGroupUnavailable, figures.capacityUnavailable].filter((note): note is Bilingual => note !== null);
  return {
    service,
    metres,
    reach: figures.request.reach,
    columns,
    townships: {
      level: 'township',
      codes: townships.map((u) => u.code),
      names: townships.map((u) => u.name),
      counties: townships.map((_, t) => countyName(t)),
      values: levelValues(columns, service, { metrics: figures.coverage.townships, nearest: figures.nearest.townships, nearestTime: figures.travel?.nearestTime.townships ?? null, twoStep: two?.townships ?? null, failedRules: failed.townships }),
      failedRules: failed.townships,
    },
    counties: {
      level: 'county',
      codes: counties.map((u) => u.code),
      names: counties.map((u) => u.name),
      counties: counties.map((u) => u.name),
      values: levelValues(columns, service, { metrics: figures.coverage.counties, nearest: figures.nearest.counties, nearestTime: figures.travel?.nearestTime.counties ?? null, twoStep: two?.counties ?? null, failedRules: failed.counties }),
      failedRules: failed.counties,
    },
    region: {
      level: 'region',
      codes: [''],
      names: [regionName.zh],
      counties: [null],
      values: levelValues(columns, service, { metrics: figures.coverage.region, nearest: figures.nearest.region, nearestTime: figures.travel?.nearestTime.region ?? null, twoStep: two?.region ?? null, failedRules: failed.region }),
      failedRules: failed.region,
    },
    notes,
  };
}

/** The whole table of a service at a straight-line reach: figures from the engine, then the rows. */
export function computeMetricTable(prepared: PreparedDataset, service: ServiceDefinition, metres: number, results: RuleResult[], run: RunOptions = {}): MetricTable {
  return buildMetricTable(prepared, service, metres, computeServiceFigures(prepared, service, metres, run), results);
}
