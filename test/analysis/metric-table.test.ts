// The metric table on the tiny region (test/rules/tiny-region.ts), every figure counted by hand:
// townships, counties and the whole region, capacity per 1,000 of the served group, 2SFCA over that
// group, the per-facility radius field, failed rules pinned consistently, cohort-less population.
import { describe, expect, it } from 'vitest';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import { validateRule } from '../../src/core/rules/validate-rules.ts';
import type { Rule } from '../../src/core/rules/rule-types.ts';
import { computeMetricTable, type MetricTable } from '../../src/core/analysis/compute-metric-table.ts';
import { serviceDefinition } from '../../src/core/analysis/service-catalog.ts';
import { estimateCohorts } from '../../src/core/dataset/estimate-cohorts.ts';
import { metricTableCsv } from '../../src/core/report/metric-table-files.ts';
import { tinyRegion, TOWNSHIP_BOUNDS } from '../rules/tiny-region.ts';
import { geodesicDistance, geodesicRingArea, rectangleRing } from '../helpers/geodesic-reference.ts';

function rule(raw: Record<string, unknown>): Rule {
  const checked = validateRule({ title: { zh: '规则', en: 'rule' }, ...raw });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.value;
}

const RULES = [
  rule({ id: 'presence', kind: 'unit-presence', level: 'township', filter: { types: ['elder-daycare'] }, target: { op: '>=', value: 100 } }),
  rule({ id: 'county', kind: 'unit-presence', level: 'county', filter: { types: ['nursery'], where: [{ field: 'public', op: 'truthy' }] }, target: { op: '>=', value: 100 } }),
  rule({ id: 'beds', kind: 'attribute-share', filter: { types: ['elder-institution'] }, sumRatio: { numeratorField: 'nursing_beds', denominatorField: 'beds' }, target: { op: '>=', value: 55 } }),
];

const values = (table: MetricTable, level: 'townships' | 'counties' | 'region', id: string) => Array.from(table[level].values[id]);
const km2 = (bounds: readonly [number, number, number, number]) => geodesicRingArea(rectangleRing(...bounds)) / 1e6;
const DISC_500 = (Math.PI * 500 * 500) / 1e6;

describe('computeMetricTable on the tiny region (elder-daycare, 500 m)', () => {
  const prepared = prepareDataset(tinyRegion());
  const results = evaluateRules(prepared, RULES);
  const table = computeMetricTable(prepared, serviceDefinition('elder-daycare'), 500, results);

  it('names capacity per 1,000 after the served group, in both languages and in the column id', () => {
    const column = table.columns.find((c) => c.id === 'capacity_per_1000_age60plus')!;
    expect(column.label).toEqual({ zh: '照料床位/千名60 岁及以上老人', en: 'day-care places per 1,000 people aged 60+' });
    expect(table.columns.map((c) => c.id)).toContain('two_step_fca_per_1000_age60plus');
    expect(table.notes).toEqual([]);
  });

  it('gives townships the hand-counted figures', () => {
    // cells: c0 T1 100 (60+: 20) covered; c1 T1 300 (30); c2 T2 200 (50); c3 T3 400 (40) covered; c4 T4 500 (100); c5 T2 50 (10)
    expect(values(table, 'townships', 'population')).toEqual([400, 250, 400, 500]);
    expect(values(table, 'townships', 'population_covered')).toEqual([100, 0, 400, 0]);
    expect(values(table, 'townships', 'population_covered_pct')).toEqual([25, 0, 100, 0]);
    expect(values(table, 'townships', 'population_uncovered')).toEqual([300, 250, 0, 500]);
    expect(values(table, 'townships', 'age60plus_covered_pct')).toEqual([40, 0, 100, 0]);
    expect(values(table, 'townships', 'age0_3_covered_pct')).toEqual([30.77, 0, 100, 0]); // 4 of 13
    expect(values(table, 'townships', 'facilities')).toEqual([1, 0, 1, 0]);
    expect(values(table, 'townships', 'capacity')).toEqual([10, 0, 20, 0]);
    // 10 places / 50 people aged 60+ × 1,000; 20 / 40
    expect(values(table, 'townships', 'capacity_per_1000_age60plus')).toEqual([200, 0, 500, 0]);
    // 2SFCA: F1 reaches c0 only (20 people 60+) → 500 per 1,000 there, T1 mean (20·500)/50; F3 likewise
    expect(values(table, 'townships', 'two_step_fca_per_1000_age60plus')).toEqual([200, 0, 500, 0]);
    // areas within 0.001 km² of GeographicLib; the covered part of T1 is the whole 500 m disc
    expect(values(table, 'townships', 'area_km2')[0]).toBeCloseTo(km2(TOWNSHIP_BOUNDS.T1), 3);
    expect(values(table, 'townships', 'area_covered_km2')[0]).toBeCloseTo(DISC_500, 3);
    expect(values(table, 'townships', 'area_covered_pct')[0]).toBeCloseTo((100 * DISC_500) / km2(TOWNSHIP_BOUNDS.T1), 2);
    // lower weighted median: 300 of T1's 400 people live at c1, ~1.2 km from F1 (±1 m)
    expect(Math.abs(values(table, 'townships', 'nearest_median_m')[0] - geodesicDistance(102.518, 24.318, 102.51, 24.31))).toBeLessThanOrEqual(1);
  });

  it('gives counties and the whole region (全市合计) the same columns', () => {
    expect(values(table, 'counties', 'population')).toEqual([650, 900]);
    expect(values(table, 'counties', 'population_covered_pct')).toEqual([15.38, 44.44]);
    // C1: 10 places / 110 people 60+; C2: 20 / 140
    expect(values(table, 'counties', 'capacity_per_1000_age60plus')).toEqual([90.909, 142.857]);
    expect(values(table, 'counties', 'two_step_fca_per_1000_age60plus')).toEqual([90.909, 142.857]);
    expect(values(table, 'region', 'population')).toEqual([1550]);
    expect(values(table, 'region', 'population_covered_pct')).toEqual([32.26]);
    expect(values(table, 'region', 'capacity_per_1000_age60plus')).toEqual([120]);
    expect(values(table, 'region', 'two_step_fca_per_1000_age60plus')).toEqual([120]);
    expect(values(table, 'region', 'area_covered_km2')[0]).toBeCloseTo(2 * DISC_500, 3);
    expect(table.region.names).toEqual(['全市合计']);
    expect(table.counties.names).toEqual(['South', 'North']);
    expect(table.townships.counties).toEqual(['South', 'South', 'North', 'North']);
  });

  it('pins failed rules on townships and counties the same way (county failures, facilities)', () => {
    // presence fails in T2, T4; county fails in C2 (N2 is not public) → T3, T4; beds fails at E1, in T1 (C1)
    expect(table.townships.failedRules).toEqual([['beds'], ['presence'], ['county'], ['presence', 'county']]);
    expect(table.counties.failedRules).toEqual([['presence', 'beds'], ['presence', 'county']]);
    expect(table.region.failedRules).toEqual([['presence', 'county', 'beds']]);
    expect(values(table, 'townships', 'failed_rule_count')).toEqual([1, 1, 1, 2]);
  });

  it('writes the rounded figures to CSV, NaN as an empty cell and never ∞', () => {
    const csv = metricTableCsv(table, [table.counties, table.region]);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 5)).toEqual(['level', 'code', 'name', 'county', 'area_km2']);
    expect(lines[3]).toMatch(/^region,,全市合计,,/);
    expect(csv).not.toMatch(/Infinity|∞|NaN/);
  });
});

describe('the per-facility radius field', () => {
  it('is honoured for broadcast terminals (B1 audible 300 m, B2 falls back to the reach)', () => {
    const prepared = prepareDataset(tinyRegion());
    const table = computeMetricTable(prepared, serviceDefinition('broadcast-terminal'), 500, []);
    const covered = values(table, 'townships', 'area_covered_km2');
    expect(covered[1]).toBeCloseTo((Math.PI * 300 * 300) / 1e6, 3);
    expect(covered[3]).toBeCloseTo(DISC_500, 3);
    // B1's 300 m reaches c2 (at the terminal); B2 reaches nobody
    expect(values(table, 'townships', 'population_covered')).toEqual([0, 200, 0, 0]);
    // no capacity: the capacity columns say why instead of showing 0
    const perThousand = table.columns.find((c) => c.id === 'capacity_per_1000_people')!;
    expect(perThousand.unavailable?.en).toBe('not available: none of the Emergency-broadcast terminals has a capacity');
    expect(values(table, 'townships', 'capacity_per_1000_people').every(Number.isNaN)).toBe(true);
  });
});

describe('a population layer without age groups', () => {
  const withoutCohorts = () => {
    const dataset = tinyRegion();
    return { ...dataset, population: { ...dataset.population, cohorts: {} } };
  };

  it('says the served group is not available, and never throws', () => {
    const prepared = prepareDataset(withoutCohorts());
    const table = computeMetricTable(prepared, serviceDefinition('nursery'), 500, []);
    const note = 'not available: the population layer has no field for children aged 0–3 (age0_3)';
    expect(table.notes.map((n) => n.en)).toContain(note);
    expect(table.notes.map((n) => n.zh)).toContain('无法计算：人口图层没有0–3 岁婴幼儿人数字段（age0_3）');
    const column = table.columns.find((c) => c.id === 'capacity_per_1000_age0_3')!;
    expect(column.unavailable?.en).toBe(note);
    expect(values(table, 'townships', 'capacity_per_1000_age0_3').every(Number.isNaN)).toBe(true);
    expect(values(table, 'townships', 'two_step_fca_per_1000_age0_3').every(Number.isNaN)).toBe(true);
    // the rest of the table is there
    expect(values(table, 'townships', 'population')).toEqual([400, 250, 400, 500]);
    expect(values(table, 'townships', 'capacity')).toEqual([0, 6, 0, 3]);
  });

  it('uses a share the planner enters, and says so', () => {
    const estimated = estimateCohorts(withoutCohorts(), { age0_3: 0.02 });
    expect(estimated.notes.map((n) => n.en)).toEqual(['children aged 0–3 estimated as 2% of the population (entered by the user)']);
    const prepared = prepareDataset(estimated.dataset);
    const table = computeMetricTable(prepared, serviceDefinition('nursery'), 500, []);
    // T2: 6 places / (2% of 250 people) × 1,000 = 1,200; T4: 3 / 10 × 1,000 = 300
    expect(values(table, 'townships', 'capacity_per_1000_age0_3')).toEqual([0, 1200, 0, 300]);
    const rules = evaluateRules(prepared, [
      rule({ id: 'places', kind: 'capacity-per-population', level: 'region', filter: { types: ['nursery'] }, cohort: 'age0_3', target: { op: '>=', value: 4.5 } }),
    ]);
    expect(rules[0].status).toBe('pass');
    expect(rules[0].provenance.en).toContain('children aged 0–3 estimated as 2% of the population (entered by the user)');
    expect(rules[0].provenance.zh).toContain('0–3 岁婴幼儿人数按常住人口的 2% 估算（用户输入）');
  });
});

describe('degenerate and huge inputs', () => {
  it('reports no covered share for a zero-area township, and no ∞ for overflowing sums', () => {
    const dataset = tinyRegion();
    const [w, s] = TOWNSHIP_BOUNDS.T1;
    // a sliver with no area, where F1's disc would otherwise "cover" it
    dataset.townships.push({ code: 'T5', name: 'sliver', level: 'township', parentCode: 'C1', geometry: { type: 'Polygon', coordinates: [[[w + 0.01, s + 0.01], [w + 0.011, s + 0.01], [w + 0.012, s + 0.01], [w + 0.01, s + 0.01]]] }, properties: {} });
    dataset.population.population[0] = 1e308;
    dataset.population.population[1] = 1e308;
    const table = computeMetricTable(prepareDataset(dataset), serviceDefinition('elder-daycare'), 500, []);
    expect(Number.isNaN(values(table, 'townships', 'area_covered_pct')[4])).toBe(true);
    for (const rows of [table.townships, table.counties, table.region]) {
      for (const column of Object.values(rows.values)) expect(Array.from(column).some((v) => v === Infinity || v === -Infinity)).toBe(false);
    }
  });
});
