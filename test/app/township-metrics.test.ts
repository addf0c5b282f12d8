import { describe, expect, it } from 'vitest';
import { pickMetrics } from '../../src/app/analysis/township-metrics.ts';
import { failingSelection } from '../../src/app/analysis/rule-selection.ts';
import { computeMetricTable } from '../../src/core/analysis/compute-metric-table.ts';
import { serviceDefinition } from '../../src/core/analysis/service-catalog.ts';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { tinyRegion } from '../rules/tiny-region.ts';
import type { DatasetSummary } from '../../src/core/dataset/describe-dataset.ts';
import type { RuleResult } from '../../src/core/rules/rule-types.ts';


describe('the map\'s metrics', () => {
  it('are the core metric table\'s columns (capacity per 1,000 of the served group)', () => {
    const prepared = prepareDataset(tinyRegion());
    const table = computeMetricTable(prepared, serviceDefinition('elder-daycare'), 500, []);
    const metrics = pickMetrics(table, table.townships);
    expect(Array.from(metrics['population-covered-pct'])).toEqual([25, 0, 100, 0]);
    expect(Array.from(metrics['uncovered-population'])).toEqual([300, 250, 0, 500]);
    expect(Array.from(metrics['capacity-per-1000'])).toEqual([200, 0, 500, 0]);
    expect(metrics['nearest-median']).toBe(table.townships.values.nearest_median_m);
    expect(Array.from(pickMetrics(table, table.region).population)).toEqual([1550]);
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
});

describe('a target leads to its service and reach', () => {
  it('takes the rule\'s first facility type and its straight-line reach', async () => {
    const { ruleServiceAndReach } = await import('../../src/app/controllers/selection-controller.ts');
    const { DEFAULT_RULE_SET } = await import('../../src/core/rules/default-rules.ts');
    const byId = Object.fromEntries(DEFAULT_RULE_SET.rules.map((rule) => [rule.id, rule]));
    expect(ruleServiceAndReach(byId['culture.broadcast-key-areas'])).toMatchObject({ service: 'broadcast-terminal', reach: { kind: 'distance' } });
    expect(ruleServiceAndReach(byId['elder.regional-centre'])).toEqual({ service: 'elder-regional-centre' });
    expect(ruleServiceAndReach(byId['child.vaccination'])).toBeNull();
  });
});
