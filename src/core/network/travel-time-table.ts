// The travel-time table the CLI writes (travel-times.csv): per township, county and the whole
// region, the people within the reach's minutes, the population-weighted median and 90th
// percentile of the time to the nearest facility, and the people who cannot reach one. A time no
// one can make is written as "unreachable" (不可达), never as 0, Infinity or NaN; a zone without
// people has empty time cells.
import type { CoverageResult, UnitMetrics } from '../coverage/coverage-types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CsvCell } from '../report/write-csv.ts';
import type { NearestTimeResult, ZoneTimeQuantiles } from './compute-nearest-time.ts';

export const TRAVEL_TIME_COLUMNS = ['level', 'code', 'name', 'mode', 'minutes', 'population', 'population_within', 'population_within_pct', 'nearest_median_min', 'nearest_p90_min', 'unreachable_population'] as const;

export const UNREACHABLE_TEXT = 'unreachable 不可达';

/** Minutes rounded to 0.1, "unreachable" for Infinity, empty for NaN. */
function minutesCell(value: number): CsvCell {
  if (value === Infinity) return UNREACHABLE_TEXT;
  if (!Number.isFinite(value)) return '';
  return Math.round(value * 10) / 10;
}

function zoneRows(level: string, units: { code: string; name: string }[], metrics: UnitMetrics, times: ZoneTimeQuantiles, mode: string, minutes: number): CsvCell[][] {
  return units.map((unit, z) => {
    const population = metrics.population[z];
    return [
      level,
      unit.code,
      unit.name,
      mode,
      minutes,
      Math.round(population),
      Math.round(metrics.coveredPopulation[z]),
      population > 0 ? Math.round((1000 * metrics.coveredPopulation[z]) / population) / 10 : '',
      minutesCell(times.median[z]),
      minutesCell(times.p90[z]),
      Math.round(times.unreachablePopulation[z]),
    ];
  });
}

export function travelTimeRows(prepared: PreparedDataset, coverage: CoverageResult, nearest: NearestTimeResult): CsvCell[][] {
  const reach = coverage.reach;
  if (reach.kind !== 'travel-time') throw new Error('travelTimeRows needs a travel-time coverage');
  const { dataset } = prepared;
  return [
    ...zoneRows('township', dataset.townships, coverage.townships, nearest.townships, reach.mode, reach.minutes),
    ...zoneRows('county', dataset.counties, coverage.counties, nearest.counties, reach.mode, reach.minutes),
    ...zoneRows('region', [{ code: 'region', name: '全市 / region' }], coverage.region, nearest.region, reach.mode, reach.minutes),
  ];
}
