// Invariants over many thresholds and radii on the tiny region: shares never shrink as the radius
// grows, a rule passes exactly when its shortfall is zero, and reordering rules changes nothing.
import { describe, expect, it } from 'vitest';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import type { Rule } from '../../src/core/rules/rule-types.ts';
import { validateRule } from '../../src/core/rules/validate-rules.ts';
import { tinyRegion } from './tiny-region.ts';

const prepared = prepareDataset(tinyRegion());
let serial = 0;
function rule(raw: Record<string, unknown>): Rule {
  const checked = validateRule({ id: `r${serial++}`, title: { zh: 'x', en: 'x' }, ...raw });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.value;
}

const RADII = [100, 250, 500, 1000, 1500, 2500, 5000];
const TARGETS = [0, 10, 25, 33, 50, 66.7, 75, 90, 99.9, 100];

describe('rule invariants', () => {
  it('reach shares never shrink as the radius grows', () => {
    for (const kind of ['population-within', 'area-within', 'points-covered']) {
      const values = RADII.map(
        (metres) =>
          evaluateRules(prepared, [
            rule({ kind, filter: { types: ['elder-daycare', 'nursery'] }, reach: { kind: 'distance', metres }, placeKinds: kind === 'points-covered' ? ['urban-community', 'resettlement-site'] : undefined, target: { op: '>=', value: 50 } }),
          ])[0].value!,
      );
      for (let i = 1; i < values.length; i++) expect(values[i], `${kind} at ${RADII[i]} m`).toBeGreaterThanOrEqual(values[i - 1] - 1e-9);
      expect(values.at(-1)!).toBeLessThanOrEqual(100 + 1e-9);
    }
  });

  it('a rule passes exactly when its shortfall is zero, for every kind and threshold', () => {
    const rules: Rule[] = [];
    for (const value of TARGETS) {
      const target = { op: '>=', value };
      rules.push(
        rule({ kind: 'unit-presence', level: 'township', filter: { types: ['elder-daycare'] }, target }),
        rule({ kind: 'population-within', filter: { types: ['elder-daycare'] }, reach: { kind: 'distance', metres: 500 }, target }),
        rule({ kind: 'population-within', cohort: 'age0_3', filter: { types: ['nursery'] }, reach: { kind: 'distance', metres: 1500 }, target }),
        rule({ kind: 'area-within', filter: { types: ['elder-daycare'] }, reach: { kind: 'distance', metres: 1000 }, target }),
        rule({ kind: 'points-covered', placeKinds: ['urban-community'], filter: { types: ['elder-daycare'] }, reach: { kind: 'distance', metres: 500 }, target }),
        rule({ kind: 'attribute-share', filter: { types: ['hospital'] }, condition: [{ field: 'geriatrics', op: 'truthy' }], target }),
        rule({ kind: 'attribute-share', filter: { types: ['elder-institution'] }, sumRatio: { numeratorField: 'nursing_beds', denominatorField: 'beds' }, target }),
        rule({ kind: 'unit-attribute', level: 'township', condition: { field: 'vaccination_rate', op: '>=', value: 90 }, target }),
        rule({ kind: 'capacity-per-population', filter: { types: ['nursery'] }, level: 'region', target: { op: '>=', value: value / 10 } }),
        rule({ kind: 'capacity-per-population', filter: { types: ['nursery'] }, level: 'township', target: { op: '>=', value: value / 10 } }),
        rule({ kind: 'count', filter: { types: ['nursery'] }, target: { op: '>=', value: Math.round(value / 25) } }),
      );
    }
    for (const result of evaluateRules(prepared, rules)) {
      expect(result.status === 'pass', `${result.kind} ${JSON.stringify(result.target)}: ${result.summary.en}`).toBe(result.shortfall!.amount === 0);
      expect(result.shortfall!.amount).toBeGreaterThanOrEqual(0);
    }
  });

  it('results do not depend on rule order', () => {
    const rules = [
      rule({ kind: 'population-within', filter: { types: ['elder-daycare'] }, reach: { kind: 'distance', metres: 500 }, target: { op: '>=', value: 50 } }),
      rule({ kind: 'unit-presence', level: 'county', filter: { types: ['nursery'] }, target: { op: '>=', value: 100 } }),
      rule({ kind: 'points-covered', placeKinds: ['urban-community'], filter: { types: ['elder-daycare'] }, reach: { kind: 'distance', metres: 500 }, target: { op: '>=', value: 90 } }),
    ];
    const forward = evaluateRules(prepareDataset(tinyRegion()), rules);
    const backward = evaluateRules(prepareDataset(tinyRegion()), [...rules].reverse()).reverse();
    expect(backward).toEqual(forward);
  });
});
