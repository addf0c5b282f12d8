import { describe, expect, it } from 'vitest';
import { unitMetricTable } from '../../src/app/analysis/township-metrics.ts';
import { failedRulesPerTownship, failingSelection } from '../../src/app/analysis/rule-selection.ts';
import type { UnitMetrics } from '../../src/core/coverage/coverage-types.ts';
import type { DatasetSummary } from '../../src/core/dataset/describe-dataset.ts';
import type { RuleResult } from '../../src/core/rules/rule-types.ts';

const f = (...values: number[]) => Float64Array.from(values);

describe('township metric table', () => {
  it('derives shares, uncovered people and capacity per 1,000 of the cohort', () => {
    const metrics: UnitMetrics = {
      areaKm2: f(10, 20),
      coveredAreaKm2: f(5, 0),
      population: f(1000, 0),
      coveredPopulation: f(250, 0),
      cohortPopulation: { age0_3: f(40, 0) },
      cohortCovered: { age0_3: f(10, 0) },
      facilityCount: f(2, 0),
      capacity: f(30, 0),
    };
    const table = unitMetricTable(metrics, null, null, 'age0_3');
    expect(Array.from(table['population-covered-pct'])).toEqual([25, NaN]);
    expect(Array.from(table['area-covered-pct'])).toEqual([50, 0]);
    expect(Array.from(table['uncovered-population'])).toEqual([750, 0]);
    expect(table['capacity-per-1000'][0]).toBeCloseTo(750);
    expect(Number.isNaN(table['nearest-median'][0])).toBe(true);
  });
});

describe('a rule’s failing selection', () => {
  const summary = {
    townships: [
      { code: 't1', name: 'A', parentCode: 'c1', bbox: [0, 0, 1, 1] },
      { code: 't2', name: 'B', parentCode: 'c1', bbox: [0, 0, 1, 1] },
      { code: 't3', name: 'C', parentCode: 'c2', bbox: [0, 0, 1, 1] },
    ],
  } as unknown as DatasetSummary;
  const result = (status: 'pass' | 'fail', failing: RuleResult['failing']) => ({ status, failing }) as RuleResult;

  it('takes failing townships, the townships of failing counties, and places', () => {
    const selection = failingSelection(summary, result('fail', [
      { kind: 'county', code: 'c1', name: '', index: 0, value: null, figures: {} },
      { kind: 'township', code: 't3', name: '', index: 2, value: 1, figures: {} },
      { kind: 'place', code: 'p9', name: '', index: 9, value: null, figures: {} },
    ]));
    expect(selection).toEqual({ townships: [0, 1, 2], places: [9] });
  });

  it('counts failed rules per township, ignoring passing ones', () => {
    const counts = failedRulesPerTownship(summary, [
      result('fail', [{ kind: 'township', code: 't2', name: '', index: 1, value: 0, figures: {} }]),
      result('pass', [{ kind: 'township', code: 't1', name: '', index: 0, value: 0, figures: {} }]),
      result('fail', [{ kind: 'county', code: 'c1', name: '', index: 0, value: 0, figures: {} }]),
    ]);
    expect(Array.from(counts)).toEqual([1, 2, 0]);
  });
});
