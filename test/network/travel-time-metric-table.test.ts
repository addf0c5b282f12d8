// The metric table (townships.csv, counties.csv) at a travel-time reach, worked by hand: one
// street along y = 0, one facility at its middle, walking at 4.5 km/h (1.25 m/s) on and off the
// road. A home at (600, 300) walks 300 m to the street and 600 m along it: 720 s = 12 min; one at
// (1500, 0) walks 1,500 m: 20 min; one 2 km from the street is past the 1,000 m off-road limit
// and unreachable. The table shows minutes in place of metres and writes "unreachable" as text.
import { describe, expect, it } from 'vitest';
import { buildMetricTable } from '../../src/core/analysis/compute-metric-table.ts';
import { computeServiceFigures } from '../../src/core/analysis/compute-service-figures.ts';
import { serviceDefinition } from '../../src/core/analysis/service-catalog.ts';
import { metricTableCsv } from '../../src/core/report/metric-table-files.ts';
import { UNREACHABLE_TEXT } from '../../src/core/network/travel-time-table.ts';
import { preparedAt } from './network-fixtures.ts';

describe('the metric table at a travel-time reach', () => {
  const prepared = preparedAt(
    [{ x: 0, y: 0, capacity: 30 }],
    [{ x: 600, y: 300, population: 10 }, { x: 1500, y: 0, population: 10 }, { x: 0, y: 2000, population: 5 }],
    [],
    [{ points: [[-5000, 0], [5000, 0]] }],
  );
  const service = serviceDefinition('clinic');
  const reach = { kind: 'travel-time' as const, minutes: 15, mode: 'walk' as const };

  it('has minutes and unreachable people in place of the distances', () => {
    const figures = computeServiceFigures(prepared, service, reach);
    const table = buildMetricTable(prepared, service, 0, figures, []);
    const ids = table.columns.map((c) => c.id);
    expect(ids).toContain('nearest_median_min');
    expect(ids).not.toContain('nearest_median_m');
    const row = table.townships.values;
    expect(row.population_covered[0]).toBe(10); // only the 12-minute home
    expect(row.unreachable_population[0]).toBe(5);
    // weighted median over 10 people at 12 min, 10 at 20 min, 5 unreachable: 20 min; p90: unreachable
    expect(row.nearest_median_min[0]).toBeCloseTo(20, 1);
    expect(row.nearest_p90_min[0]).toBe(Infinity);
    expect(table.reach).toEqual(reach);
    const csv = metricTableCsv(table, [table.townships]);
    expect(csv).toContain(UNREACHABLE_TEXT);
    expect(csv).not.toMatch(/Infinity|NaN/);
  });

  it('takes the 2SFCA catchment from the travel time: 30 places over the 10 people within 15 minutes', () => {
    const figures = computeServiceFigures(prepared, { ...service, servedGroup: undefined }, reach);
    expect(figures.twoStepFca).not.toBeNull();
    // the cell within reach: 30 / 10 × 1,000 = 3,000 per 1,000; the others 0
    expect(figures.twoStepFca!.cellIndex[0]).toBeCloseTo(3000, 6);
    expect(figures.twoStepFca!.cellIndex[1]).toBe(0);
  });
});
