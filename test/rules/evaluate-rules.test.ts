// Every rule kind on the tiny region, with answers counted by hand (see tiny-region.ts).
import { describe, expect, it } from 'vitest';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import type { Rule, RuleResult } from '../../src/core/rules/rule-types.ts';
import { validateRule } from '../../src/core/rules/validate-rules.ts';
import { geodesicDistance, geodesicRingArea, rectangleRing } from '../helpers/geodesic-reference.ts';
import { tinyRegion } from './tiny-region.ts';

const prepared = prepareDataset(tinyRegion());

/** Validates a rule written as a planner would (so the tests also cover the JSON path) and evaluates it. */
function run(raw: Record<string, unknown>): RuleResult {
  const checked = validateRule({ id: 'test.rule', title: { zh: '测试', en: 'test' }, enabled: true, ...raw });
  if (!checked.ok) throw new Error(checked.errors.map((e) => e.message.en).join('\n'));
  return evaluateRules(prepared, [checked.value])[0];
}

const daycare = { types: ['elder-daycare'] };
const within500 = { kind: 'distance', metres: 500 };

describe('unit-presence', () => {
  it('counts townships holding a facility and the townships still missing one', () => {
    const result = run({ kind: 'unit-presence', level: 'township', filter: daycare, target: { op: '>=', value: 60, unit: 'percent' }, facilityLabel: { zh: '日间照料中心', en: 'day-care centre' } });
    expect(result.value).toBe(50); // T1, T3 of 4
    expect(result.status).toBe('fail');
    expect(result.figures).toMatchObject({ units: 4, passing: 2, required: 3 }); // ceil(0.6 × 4) = 3
    expect(result.shortfall!.amount).toBe(1);
    expect(result.shortfall!.sentence.en).toBe('1 more township needs a day-care centre');
    expect(result.shortfall!.sentence.zh).toBe('还需 1 个乡镇（街道）建设日间照料中心');
    expect(result.failing.map((f) => f.code)).toEqual(['T2', 'T4']);
    expect(result.failing[0].figures).toMatchObject({ facilities: 0, county: 'South' });
  });

  it('passes at 50% and counts per county with several requirements', () => {
    expect(run({ kind: 'unit-presence', level: 'township', filter: daycare, target: { op: '>=', value: 50, unit: 'percent' } }).status).toBe('pass');
    const one = run({ kind: 'unit-presence', level: 'county', filter: { types: ['elder-institution'] }, target: { op: '>=', value: 100, unit: 'percent' } });
    expect(one.value).toBe(100);
    expect(one.shortfall!.amount).toBe(0);
    const both = run({
      kind: 'unit-presence',
      level: 'county',
      require: [
        { filter: { types: ['elder-institution'] }, minCount: 1 },
        { filter: { types: ['hospital'], where: [{ field: 'geriatrics', op: 'truthy' }] }, minCount: 1 },
      ],
      target: { op: '>=', value: 100, unit: 'percent' },
    });
    expect(both.value).toBe(50);
    expect(both.failing.map((f) => f.code)).toEqual(['C2']);
    expect(both.failing[0].figures).toMatchObject({ facilities_1: 1, facilities_2: 0 });
    expect(both.shortfall!.sentence.en).toMatch(/^1 more county needs/);
  });

  it('is not available at village level without village boundaries', () => {
    const result = run({ kind: 'unit-presence', level: 'village', filter: daycare, target: { op: '>=', value: 100, unit: 'percent' } });
    expect(result.status).toBe('not-available');
    expect(result.reason!.en).toMatch(/village/);
  });
});

describe('population-within', () => {
  it('counts covered people once and the people short of the target', () => {
    const result = run({ kind: 'population-within', filter: daycare, reach: within500, target: { op: '>=', value: 50, unit: 'percent' } });
    // covered: c0 (100) + c3 (400) of 1,550
    expect(result.value).toBeCloseTo((100 * 500) / 1550, 10);
    expect(result.figures).toMatchObject({ total: 1550, covered: 500, uncovered: 1050 });
    expect(result.shortfall!.amount).toBe(275); // ceil(0.5 × 1550 − 500)
    expect(result.shortfall!.sentence.en).toBe('1,050 people uncovered; 275 more must be reached to meet ≥ 50%');
    expect(result.shortfall!.sentence.zh).toBe('1,050 名居民未覆盖；还需覆盖 275 名才能达到 ≥ 50%');
    // T3 is fully covered; the others are listed by uncovered people
    expect(result.failing.map((f) => [f.code, f.figures.uncovered])).toEqual([['T4', 500], ['T1', 300], ['T2', 250]]);
    expect(result.provenance.en).toMatch(/counts once/);
    expect(result.provenance.en).toMatch(/centroid/);
    expect(result.provenance.en).toMatch(/ellipsoid/);
  });

  it('uses a cohort', () => {
    const result = run({ kind: 'population-within', cohort: 'age60plus', filter: daycare, reach: within500, target: { op: '>=', value: 50, unit: 'percent' } });
    expect(result.value).toBeCloseTo(24, 10); // (20 + 40) / 250
    expect(result.shortfall!.amount).toBe(65); // ceil(125 − 60)
    expect(result.shortfall!.sentence.en).toContain('190 people aged 60+ uncovered');
  });

  it('restricts to an area of interest', () => {
    const result = run({ kind: 'population-within', areaCode: 'central-city', filter: daycare, reach: within500, target: { op: '>=', value: 50, unit: 'percent' } });
    // area cells: c0 (100, covered), c1 (300), c5 (50)
    expect(result.value).toBeCloseTo((100 * 100) / 450, 10);
    expect(result.failing.map((f) => [f.code, f.figures.population, f.figures.covered])).toEqual([['T1', 400, 100], ['T2', 50, 0]]);
    expect(result.provenance.en).toContain('central-city');
    const missing = run({ kind: 'population-within', areaCode: 'nowhere', filter: daycare, reach: within500, target: { op: '>=', value: 50, unit: 'percent' } });
    expect(missing.status).toBe('not-available');
  });

  it('is not available for travel time, with a reason in both languages', () => {
    const result = run({ kind: 'population-within', filter: daycare, reach: { kind: 'travel-time', minutes: 15, mode: 'walk' }, target: { op: '>=', value: 100, unit: 'percent' } });
    expect(result.status).toBe('not-available');
    expect(result.value).toBeNull();
    expect(result.reason!.en).toContain('15 min walk');
    expect(result.reason!.zh).toContain('路网');
  });
});

describe('area-within', () => {
  it('gives the share of area inside the reach discs', () => {
    const result = run({ kind: 'area-within', filter: daycare, reach: within500, target: { op: '>=', value: 10, unit: 'percent' } });
    const total = geodesicRingArea(rectangleRing(102.5, 24.3, 102.54, 24.34)) / 1e6;
    const discs = (2 * Math.PI * 500 * 500) / 1e6; // two whole discs inside T1 and T3
    expect(result.value!).toBeCloseTo((100 * discs) / total, 1);
    expect(result.status).toBe('fail');
    expect(result.shortfall!.amount).toBeCloseTo(0.1 * total - discs, 1);
    expect(result.failing.map((f) => f.code).sort()).toEqual(['T2', 'T4']); // T1, T3 ≈ 17% each
  });
});

describe('points-covered', () => {
  it('counts target places reached and lists the others with their nearest distance', () => {
    const result = run({ kind: 'points-covered', placeKinds: ['urban-community'], filter: daycare, reach: within500, target: { op: '>=', value: 90, unit: 'percent' } });
    expect(result.value).toBe(50);
    expect(result.shortfall!.amount).toBe(1); // ceil(0.9 × 2) − 1
    expect(result.failing.map((f) => f.code)).toEqual(['P2']);
    expect(result.failing[0].figures.nearest_m as number).toBeCloseTo(geodesicDistance(102.51, 24.33, 102.538, 24.338), -1);
  });

  it('uses each terminal’s audible radius and falls back to the rule’s distance', () => {
    const result = run({
      kind: 'points-covered',
      placeKinds: ['resettlement-site', 'disaster-prone-village'],
      filter: { types: ['broadcast-terminal'] },
      reach: within500,
      radiusField: 'audible_radius_m',
      target: { op: '>=', value: 100, unit: 'percent' },
    });
    // P3 (70 m from B1, radius 300) and P4 (300 m from B2, fallback 500) covered; P5 far; P6 406 m > 300
    expect(result.figures).toMatchObject({ places: 4, covered: 2 });
    expect(result.failing.map((f) => f.code).sort()).toEqual(['P5', 'P6']);
    expect(result.shortfall!.amount).toBe(2);
    expect(result.provenance.en).toContain('audible_radius_m');
  });
});

describe('capacity-per-population', () => {
  const nursery = { types: ['nursery'] };
  it('compares the region ratio and lists counties below it', () => {
    const result = run({ kind: 'capacity-per-population', filter: nursery, level: 'region', target: { op: '>=', value: 4.5, unit: 'per-1000' }, capacityLabel: { zh: '托位', en: 'nursery places' } });
    expect(result.value).toBeCloseTo((9 * 1000) / 1550, 10);
    expect(result.status).toBe('pass');
    // C2 (T3+T4): 3 places for 900 people = 3.33 ‰; needs ceil(4.05 − 3) = 2
    expect(result.failing.map((f) => [f.code, f.figures.needed])).toEqual([['C2', 2]]);
  });

  it('computes the places needed', () => {
    const result = run({ kind: 'capacity-per-population', filter: nursery, level: 'region', target: { op: '>=', value: 10, unit: 'per-1000' }, capacityLabel: { zh: '托位', en: 'nursery places' } });
    expect(result.status).toBe('fail');
    expect(result.shortfall!.amount).toBe(7); // ceil(15.5 − 9)
    expect(result.shortfall!.sentence).toEqual({ zh: '还需 7 个托位', en: '7 more nursery places needed' });
  });

  it('applies the target to every county', () => {
    const result = run({ kind: 'capacity-per-population', filter: nursery, level: 'county', target: { op: '>=', value: 4.5, unit: 'per-1000' }, capacityLabel: { zh: '托位', en: 'nursery places' } });
    expect(result.value).toBeCloseTo(3000 / 900, 10);
    expect(result.status).toBe('fail');
    expect(result.figures.units_below).toBe(1);
    expect(result.shortfall!.sentence.en).toBe('1 county below target; 2 more nursery places needed there');
  });

  it('per 1,000 of a cohort, per township', () => {
    const result = run({ kind: 'capacity-per-population', filter: nursery, cohort: 'age0_3', level: 'region', breakdown: 'township', target: { op: '>=', value: 100, unit: 'per-1000' } });
    expect(result.value).toBeCloseTo(180, 10); // 9 places / 50 children
    // T1 and T3 have children and no nursery
    expect(result.failing.map((f) => f.code).sort()).toEqual(['T1', 'T3']);
    expect(result.failing.find((f) => f.code === 'T1')!.figures.needed).toBe(2); // ceil(0.1 × 13)
  });

  it('counts doctors from a facility field per 1,000 children, and says 名 for them', () => {
    const dataset = tinyRegion();
    const doctors: Record<string, unknown> = { H1: 1, H2: 0, H3: '2' };
    dataset.facilities = dataset.facilities.map((f) => (f.type === 'hospital' ? { ...f, properties: { ...f.properties, paediatricians: doctors[f.id] } } : f));
    dataset.population.cohorts.age0_14 = Float64Array.of(20, 60, 40, 80, 100, 5); // C1 (c0, c1, c2, c5): 125, C2: 180
    const checked = validateRule({
      id: 'child.paediatricians', title: { zh: '每千名儿童儿科医生数', en: 'Paediatricians per 1,000 children' }, kind: 'capacity-per-population',
      filter: { types: ['hospital'] }, capacityField: 'paediatricians', cohort: 'age0_14', level: 'region', breakdown: 'county',
      capacityLabel: { zh: '儿科医生', en: 'paediatricians' }, target: { op: '>=', value: 20, unit: 'per-1000' },
    });
    if (!checked.ok) throw new Error(checked.errors.map((e) => e.message.en).join('\n'));
    const result = evaluateRules(prepareDataset(dataset), [checked.value])[0];
    expect(result.value).toBeCloseTo((1000 * 3) / 305, 10);
    expect(result.status).toBe('fail');
    expect(result.shortfall!.amount).toBe(4); // ceil(6.1 − 3)
    expect(result.shortfall!.sentence).toEqual({ zh: '还需 4 名儿科医生', en: '4 more paediatricians needed' });
    expect(result.summary.zh).toContain('每千名0–14 岁儿童 9.84 名儿科医生（全市 3 名，305 人）');
    expect(result.summary.en).toContain('9.84 paediatricians per 1,000 children aged 0–14');
    // C1: 3 for 125 children = 24 ‰ passes; C2: 0 for 180 needs ceil(3.6) = 4
    expect(result.failing.map((f) => [f.code, f.figures.needed])).toEqual([['C2', 4]]);
  });

  it('spatial variant: 2SFCA', () => {
    const result = run({ kind: 'capacity-per-population', filter: nursery, method: 'two-step-fca', catchmentMetres: 1000, level: 'region', breakdown: 'township', target: { op: '>=', value: 10, unit: 'per-1000' } });
    // N1 reaches only c2 (200 people): 30 ‰; N2 only c4 (500): 6 ‰; mean = (200·30 + 500·6) / 1550
    expect(result.value).toBeCloseTo(9000 / 1550, 8);
    expect(result.shortfall!.amount).toBe(7);
    const t2 = result.failing.find((f) => f.code === 'T2');
    expect(t2).toBeUndefined(); // (200·30 + 50·0) / 250 = 24 ‰ passes
    expect(result.failing.find((f) => f.code === 'T4')!.value).toBeCloseTo(6, 8);
    expect(result.provenance.en).toContain('2SFCA');
  });
});

describe('count', () => {
  it('counts matching facilities and the number still to build', () => {
    const result = run({ kind: 'count', filter: { types: ['nursery'], where: [{ field: 'public', op: 'truthy' }] }, target: { op: '>=', value: 3, unit: 'count' }, facilityLabel: { zh: '公办托育机构', en: 'public nursery' } });
    expect(result.value).toBe(1);
    expect(result.shortfall!.sentence).toEqual({ zh: '还需新建 2 个公办托育机构', en: '2 more public nurseries needed' });
  });
});

describe('attribute-share', () => {
  it('share of facilities meeting a condition', () => {
    const result = run({
      kind: 'attribute-share',
      filter: { types: ['hospital'], where: [{ field: 'grade', op: 'in', value: ['二级', '三级'] }] },
      condition: [{ field: 'geriatrics', op: 'truthy' }],
      target: { op: '>=', value: 70, unit: 'percent' },
    });
    expect(result.value).toBe(50);
    expect(result.shortfall!.amount).toBe(1); // ceil(1.4) − 1
    expect(result.failing.map((f) => f.code)).toEqual(['H2']);
    expect(result.failing[0].figures).toMatchObject({ geriatrics: 'false', township: 'TT3' });
  });

  it('sum ratio: nursing beds over beds', () => {
    const result = run({
      kind: 'attribute-share',
      filter: { types: ['elder-institution'] },
      sumRatio: { numeratorField: 'nursing_beds', denominatorField: 'beds', label: { zh: '护理型床位', en: 'nursing-type beds' } },
      target: { op: '>=', value: 55, unit: 'percent' },
    });
    expect(result.value).toBe(50); // 75 / 150
    expect(result.shortfall!.amount).toBe(8); // ceil(82.5 − 75)
    expect(result.shortfall!.sentence.en).toMatch(/^8 more nursing-type beds needed/);
    expect(result.shortfall!.sentence.zh).toMatch(/^还需 8 张护理型床位/);
    expect(result.failing.map((f) => [f.code, f.figures.needed])).toEqual([['E1', 15]]);
  });
});

describe('unit-attribute', () => {
  it('share of townships meeting their own attribute, missing values failing', () => {
    const result = run({ kind: 'unit-attribute', level: 'township', condition: { field: 'vaccination_rate', op: '>=', value: 90 }, target: { op: '>=', value: 100, unit: 'percent' } });
    expect(result.value).toBe(50);
    expect(result.shortfall!.amount).toBe(2);
    expect(result.shortfall!.sentence.en).toBe('2 more townships must reach "vaccination_rate ≥ 90"');
    expect(result.failing.map((f) => [f.code, f.value])).toEqual([['T4', null], ['T2', 88]]);
    expect(result.figures.units_without_data).toBe(1);
  });
});

describe('evaluateRules', () => {
  const rules = (): Rule[] =>
    [
      { id: 'a', kind: 'population-within', filter: daycare, reach: within500 },
      { id: 'b', kind: 'area-within', filter: daycare, reach: within500 },
      { id: 'c', kind: 'count', filter: daycare, enabled: false, target: { op: '>=', value: 1, unit: 'count' } },
    ].map((raw) => {
      const checked = validateRule({ title: { zh: 'x', en: 'x' }, target: { op: '>=', value: 50, unit: 'percent' }, ...raw });
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      return checked.value;
    });

  it('skips disabled rules, reports progress and shares coverage between rules with the same filter and reach', () => {
    const fresh = prepareDataset(tinyRegion());
    const stages: string[] = [];
    const results = evaluateRules(fresh, rules(), { onProgress: (fraction, stage) => stages.push(`${fraction.toFixed(2)} ${stage}`) });
    expect(results.map((r) => r.ruleId)).toEqual(['a', 'b']);
    expect(stages[0]).toBe('0.00 rule a');
    expect(stages.at(-1)).toBe('1.00 rules done');
    // the second rule reuses the first rule's coverage: no engine progress inside rule b
    expect(stages.filter((s) => s.includes('rule b:'))).toEqual([]);
  });

  it('stops when cancelled', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => evaluateRules(prepared, rules(), { signal: controller.signal })).toThrow(/cancelled/);
  });
});
