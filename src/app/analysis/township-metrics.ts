// The figures the map colours townships by: columns of the core metric table
// (core/analysis/compute-metric-table.ts, the same numbers the table and the CLI show), picked by
// id. Shares are 0..100 (percent); missing figures are NaN.
import type { MessageKey } from '../../core/i18n/messages.ts';
import { capacityColumnIds, type MetricRows, type MetricTable as CoreMetricTable } from '../../core/analysis/compute-metric-table.ts';

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

/** The map's metrics for one level of the core table (townships, counties or the region), plus the
 * nearest travel time per unit when the reach is a travel time (not a column of the CLI's table). */
export function pickMetrics(table: CoreMetricTable, rows: MetricRows, nearestTime: { median: Float64Array; p90: Float64Array } | null = null): MetricTable {
  const ids = capacityColumnIds(table.service);
  const column: Record<Exclude<MetricId, 'nearest-time-median' | 'nearest-time-p90'>, string> = {
    'population-covered-pct': 'population_covered_pct',
    'area-covered-pct': 'area_covered_pct',
    'uncovered-population': 'population_uncovered',
    population: 'population',
    'facility-count': 'facilities',
    'capacity-per-1000': ids.perThousand,
    'two-step-fca': ids.twoStep,
    'nearest-median': 'nearest_median_m',
    'nearest-p90': 'nearest_p90_m',
  };
  const missing = () => new Float64Array(rows.codes.length).fill(NaN);
  const picked = Object.fromEntries(Object.entries(column).map(([id, columnId]) => [id, rows.values[columnId] ?? missing()]));
  const time = (values: Float64Array | undefined) => (values && values.length === rows.codes.length ? values.slice() : missing());
  return { ...picked, 'nearest-time-median': time(nearestTime?.median), 'nearest-time-p90': time(nearestTime?.p90) } as MetricTable;
}
