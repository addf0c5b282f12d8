// Per-township figures the map, table and detail show, derived from the engine's typed results.
// Shares are 0..100 (percent); missing figures are NaN.
import type { CoverageResult, NearestDistanceResult, TwoStepFcaResult, UnitMetrics } from '../../core/coverage/coverage-types.ts';
import type { MessageKey } from '../../core/i18n/messages.ts';
import type { NearestTimeResult } from '../../core/network/compute-nearest-time.ts';

export type MetricId =
  | 'population-covered-pct'
  | 'area-covered-pct'
  | 'uncovered-population'
  | 'population'
  | 'facility-count'
  | 'capacity-per-1000'
  | 'two-step-fca'
  | 'nearest-median'
  | 'nearest-p90'
  | 'nearest-time-median'
  | 'nearest-time-p90';

export type MetricFormat = 'percent' | 'count' | 'metres' | 'ratio' | 'minutes';

export interface MetricDefinition {
  id: MetricId;
  label: MessageKey;
  format: MetricFormat;
  /** Shown in the metric selector (the choropleth); all metrics appear in the table. */
  colourable: boolean;
}

export const METRICS: readonly MetricDefinition[] = [
  { id: 'population-covered-pct', label: 'metric.population-covered-pct', format: 'percent', colourable: true },
  { id: 'area-covered-pct', label: 'metric.area-covered-pct', format: 'percent', colourable: true },
  { id: 'uncovered-population', label: 'metric.uncovered-population', format: 'count', colourable: true },
  { id: 'population', label: 'metric.population', format: 'count', colourable: true },
  { id: 'facility-count', label: 'metric.facility-count', format: 'count', colourable: true },
  { id: 'capacity-per-1000', label: 'metric.capacity-per-1000', format: 'ratio', colourable: true },
  { id: 'two-step-fca', label: 'metric.two-step-fca', format: 'ratio', colourable: true },
  { id: 'nearest-median', label: 'metric.nearest-median', format: 'metres', colourable: true },
  { id: 'nearest-p90', label: 'metric.nearest-p90', format: 'metres', colourable: true },
  // a travel-time reach only (Infinity: the quantile falls among people who reach no facility)
  { id: 'nearest-time-median', label: 'metric.nearest-time-median', format: 'minutes', colourable: true },
  { id: 'nearest-time-p90', label: 'metric.nearest-time-p90', format: 'minutes', colourable: true },
];

export type MetricTable = Record<MetricId, Float64Array>;

function share(part: Float64Array, whole: Float64Array): Float64Array {
  const out = new Float64Array(whole.length);
  for (let i = 0; i < whole.length; i++) out[i] = whole[i] > 0 ? (100 * part[i]) / whole[i] : NaN;
  return out;
}

function filled(length: number, value: number): Float64Array {
  return new Float64Array(length).fill(value);
}

export function unitMetricTable(
  metrics: UnitMetrics,
  nearest: { median: Float64Array; p90: Float64Array } | null,
  twoStep: Float64Array | null,
  cohort: string | undefined,
  hasCapacity = true,
  nearestTime: { median: Float64Array; p90: Float64Array } | null = null,
): MetricTable {
  const n = metrics.population.length;
  const uncovered = new Float64Array(n);
  for (let i = 0; i < n; i++) uncovered[i] = metrics.population[i] - metrics.coveredPopulation[i];
  const base = cohort && metrics.cohortPopulation[cohort] ? metrics.cohortPopulation[cohort] : metrics.population;
  const perThousand = new Float64Array(n);
  for (let i = 0; i < n; i++) perThousand[i] = hasCapacity && base[i] > 0 ? (1000 * metrics.capacity[i]) / base[i] : NaN;
  return {
    'population-covered-pct': share(metrics.coveredPopulation, metrics.population),
    'area-covered-pct': share(metrics.coveredAreaKm2, metrics.areaKm2),
    'uncovered-population': uncovered,
    population: metrics.population.slice(),
    'facility-count': metrics.facilityCount.slice(),
    'capacity-per-1000': perThousand,
    'two-step-fca': twoStep ? twoStep.slice() : filled(n, NaN),
    'nearest-median': nearest ? nearest.median.slice() : filled(n, NaN),
    'nearest-p90': nearest ? nearest.p90.slice() : filled(n, NaN),
    'nearest-time-median': nearestTime ? nearestTime.median.slice() : filled(n, NaN),
    'nearest-time-p90': nearestTime ? nearestTime.p90.slice() : filled(n, NaN),
  };
}

export function townshipMetricTable(
  coverage: CoverageResult,
  nearest: NearestDistanceResult | null,
  twoStep: TwoStepFcaResult | null,
  cohort: string | undefined,
  nearestTime: NearestTimeResult | null = null,
): MetricTable {
  return unitMetricTable(coverage.townships, nearest?.townships ?? null, twoStep?.townships ?? null, cohort, twoStep !== null, nearestTime?.townships ?? null);
}

export function regionMetricTable(
  coverage: CoverageResult,
  nearest: NearestDistanceResult | null,
  twoStep: TwoStepFcaResult | null,
  cohort: string | undefined,
  nearestTime: NearestTimeResult | null = null,
): MetricTable {
  return unitMetricTable(coverage.region, nearest?.region ?? null, twoStep?.region ?? null, cohort, twoStep !== null, nearestTime?.region ?? null);
}
