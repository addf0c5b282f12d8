// Rule JSON validation: clear zh/en errors naming the rule and the field; the default set is valid.
import { describe, expect, it } from 'vitest';
import { validateRule, validateRuleSet } from '../../src/core/rules/validate-rules.ts';
import { DEFAULT_RULE_SET } from '../../src/core/rules/default-rules.ts';
import defaultJson from '../../data/rules/yuxi-2025.json';

const base = { id: 'r1', title: { zh: '规则', en: 'rule' }, enabled: true };

function errorsOf(input: unknown): string[] {
  const result = validateRule(input);
  if (result.ok) return [];
  return result.errors.map((e) => `${e.field} | ${e.message.en} | ${e.message.zh}`);
}

describe('validateRule', () => {
  it('accepts a rule and fills defaults (unit from the kind, enabled, minCount)', () => {
    const result = validateRule({ id: 'x', title: { zh: '甲', en: 'a' }, kind: 'unit-presence', level: 'township', filter: { types: ['nursery'] }, target: { op: '>=', value: 60 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ enabled: true, target: { unit: 'percent' }, require: [{ filter: { types: ['nursery'] }, minCount: 1 }] });
  });

  it('names the rule and the field, in both languages', () => {
    const errors = errorsOf({ ...base, kind: 'population-within', filter: { types: ['x'] }, reach: { kind: 'distance', metres: -5 }, target: { op: '>=', value: 120, unit: 'percent' } });
    expect(errors).toEqual([
      'target.value | Rule "r1", field target.value: must be at most 100 | 规则“r1”的字段 target.value：不能大于 100',
      'reach.metres | Rule "r1", field reach.metres: must be greater than 0 | 规则“r1”的字段 reach.metres：应大于 0',
    ]);
  });

  it('reports unknown kinds, bad operators and bad conditions', () => {
    expect(errorsOf({ ...base, kind: 'coverage', target: { op: '>=', value: 1 } })[0]).toContain('field kind: must be one of: unit-presence');
    expect(errorsOf({ ...base, kind: 'count', filter: {}, target: { op: '>>', value: 3, unit: 'count' } })[0]).toContain('field target.op');
    expect(errorsOf({ ...base, kind: 'count', filter: { where: [{ field: 'grade', op: 'in', value: 2 }] }, target: { op: '>=', value: 3 } })[0]).toContain('filter.where[0].value: operator "in" needs an array');
    expect(errorsOf({ ...base, kind: 'count', filter: { where: [{ field: 'grade', op: '>=' }] }, target: { op: '>=', value: 3 } })[0]).toContain('needs a value to compare with');
  });

  it('checks the target unit against the kind', () => {
    expect(errorsOf({ ...base, kind: 'count', filter: {}, target: { op: '>=', value: 3, unit: 'percent' } })[0]).toContain('a count rule\'s unit must be "count"');
  });

  it('checks kind-specific fields', () => {
    expect(errorsOf({ ...base, kind: 'points-covered', filter: {}, reach: { kind: 'distance', metres: 300 }, target: { op: '>=', value: 100 } })[0]).toContain('field placeKinds');
    expect(errorsOf({ ...base, kind: 'population-within', filter: {}, reach: { kind: 'travel-time', minutes: 15, mode: 'run' }, target: { op: '>=', value: 90 } })[0]).toContain('field reach.mode: must be one of: walk, elderly-walk, ebike, cycle, drive');
    expect(errorsOf({ ...base, kind: 'capacity-per-population', filter: {}, method: 'two-step-fca', target: { op: '>=', value: 4.5 } })[0]).toContain('field catchmentMetres');
    expect(errorsOf({ ...base, kind: 'attribute-share', filter: {}, target: { op: '>=', value: 50 } })[0]).toContain('give exactly one of condition or sumRatio');
    expect(errorsOf({ ...base, kind: 'unit-presence', level: 'province', require: [{ filter: {}, minCount: 0 }], target: { op: '>=', value: 50 } })).toHaveLength(2);
    expect(errorsOf({ ...base, kind: 'unit-attribute', level: 'township', condition: { op: '>=' }, target: { op: '>=', value: 100 } })[0]).toContain('condition.field');
  });

  it('names a rule without an id by its position', () => {
    expect(errorsOf({ title: { zh: 'a', en: 'a' }, kind: 'count', filter: {}, target: { op: '>=', value: 1 } })[0]).toContain('Rule "#1", field id');
    expect(errorsOf('not a rule')[0]).toContain('a rule must be a JSON object');
  });
});

describe('validateRuleSet', () => {
  it('collects every rule’s errors and rejects repeated ids', () => {
    const result = validateRuleSet({
      id: 'set',
      name: { zh: '集', en: 'set' },
      rules: [
        { ...base, kind: 'count', filter: {}, target: { op: '>=', value: 1 } },
        { ...base, kind: 'count', filter: {}, target: { op: '>=', value: 1 } },
        { ...base, id: 'r3', kind: 'count', target: { op: '>=', value: 1 } },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message.en)).toEqual([
      'Rule "r1", field id: repeats an earlier rule id',
      'Rule "r3", field filter: must be a facility filter object { types, where }',
    ]);
  });

  it('keeps a valid description and names an invalid one instead of dropping it', () => {
    const rules = [{ ...base, kind: 'count', filter: {}, target: { op: '>=', value: 1 } }];
    const name = { zh: '集', en: 'set' };
    const kept = validateRuleSet({ id: 's', name, description: { zh: '说明', en: 'notes' }, rules });
    expect(kept.ok && kept.value.description).toEqual({ zh: '说明', en: 'notes' });
    const refused = validateRuleSet({ id: 's', name, description: 'notes', rules });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors.map((e) => [e.field, e.message.zh, e.message.en])).toEqual([
      ['description', '规则集字段 description：应为 { "zh": …, "en": … } 对象', 'Rule set, field description: must be an object { "zh": …, "en": … }'],
    ]);
  });

  it('accepts a bare array of rules', () => {
    const result = validateRuleSet([{ ...base, kind: 'count', filter: {}, target: { op: '>=', value: 1 } }]);
    expect(result.ok && result.value.rules.length).toBe(1);
  });

  it('the default set "玉溪市 2025 目标" is valid and covers every kind', () => {
    expect(validateRuleSet(defaultJson).ok).toBe(true);
    expect(DEFAULT_RULE_SET.id).toBe('yuxi-2025');
    expect(DEFAULT_RULE_SET.name.zh).toBe('玉溪市 2025 目标');
    const kinds = new Set(DEFAULT_RULE_SET.rules.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['area-within', 'attribute-share', 'capacity-per-population', 'count', 'points-covered', 'population-within', 'unit-attribute', 'unit-presence']);
    const ids = DEFAULT_RULE_SET.rules.map((r) => r.id);
    for (const id of ['elder.regional-centre', 'elder.county-disability-care', 'elder.15min-circle', 'elder.urban-daycare', 'elder.nursing-beds', 'elder.geriatrics', 'child.nursery-places', 'child.public-nurseries', 'child.protection-platform', 'child.vaccination', 'child.paediatricians', 'edu.inclusive-kindergarten', 'edu.county-highschool', 'edu.special-ed-centres', 'health.township-clinics', 'health.county-five-centres', 'culture.broadcast-key-areas', 'culture.broadcast-population', 'culture.village-centres']) {
      expect(ids).toContain(id);
    }
    for (const rule of DEFAULT_RULE_SET.rules) expect(rule.source, rule.id).toBeTruthy();
  });
});
