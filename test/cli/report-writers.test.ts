// The report writers on the tiny region, without spawning the CLI.
import { describe, expect, it } from 'vitest';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import { validateRule } from '../../src/core/rules/validate-rules.ts';
import type { Rule } from '../../src/core/rules/rule-types.ts';
import { analyzeService, defaultService } from '../../src/core/report/analyze-service.ts';
import { buildSummary } from '../../src/core/report/build-summary.ts';
import { escapeMarkdown, summaryToMarkdown } from '../../src/core/report/summary-markdown.ts';
import { townshipsGeoJson } from '../../src/core/report/metric-table-files.ts';
import { buildMetricTable } from '../../src/core/analysis/compute-metric-table.ts';
import { serviceDefinition } from '../../src/core/analysis/service-catalog.ts';
import { tinyRegion } from '../rules/tiny-region.ts';

function rule(raw: Record<string, unknown>): Rule {
  const checked = validateRule({ title: { zh: '规则', en: 'rule' }, ...raw });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.value;
}

describe('report writers', () => {
  const dataset = tinyRegion();
  dataset.townships[3].name = 'Evil | <b>name</b>\nnext';
  const prepared = prepareDataset(dataset);
  const service = serviceDefinition('elder-daycare');
  const analysis = analyzeService(prepared, { service, radiusMetres: 500 });
  const ruleSet = {
    id: 'tiny',
    name: { zh: '小', en: 'tiny' },
    rules: [
      rule({ id: 'presence', kind: 'unit-presence', level: 'township', filter: { types: ['elder-daycare'] }, target: { op: '>=', value: 100 } }),
      rule({ id: 'county', kind: 'unit-presence', level: 'county', filter: { types: ['nursery'], where: [{ field: 'public', op: 'truthy' }] }, target: { op: '>=', value: 100 } }),
      rule({ id: 'beds', kind: 'attribute-share', filter: { types: ['elder-institution'] }, sumRatio: { numeratorField: 'nursing_beds', denominatorField: 'beds' }, target: { op: '>=', value: 55 } }),
    ],
  };
  const results = evaluateRules(prepared, ruleSet.rules);
  const table = buildMetricTable(prepared, service, 500, analysis.figures, results);

  it('picks elder-daycare as the default service, else the first type', () => {
    expect(defaultService(['a', 'elder-daycare'])).toBe('elder-daycare');
    expect(defaultService(['b', 'c'])).toBe('b');
    expect(defaultService([])).toBeUndefined();
  });

  it('writes the township rows as GeoJSON with the table figures and failed rules', () => {
    const geojson = townshipsGeoJson(prepared, table);
    expect(geojson.features).toHaveLength(4);
    expect(geojson.features[1].properties.code).toBe('T2');
    expect(geojson.features[1].geometry).toBe(dataset.townships[1].geometry);
    expect(geojson.features.map((f) => f.properties.failed_rules)).toEqual(['beds', 'presence', 'county', 'presence;county']);
    expect(geojson.features[0].properties).toMatchObject({ level: 'township', county: 'South', population: 400, population_covered_pct: 25, capacity_per_1000_age60plus: 200 });
  });

  it('computes the coverage once and shares it with the figures (and the gaps drawn from it)', () => {
    expect(analysis.figures.coverage).toBe(analysis.coverage);
  });

  it('summarises with counts and escapes feature text in Markdown', () => {
    const summary = buildSummary(dataset, ruleSet, results, table);
    expect(summary.counts).toEqual({ rules: 3, pass: 0, fail: 3, notAvailable: 0 });
    expect(summary.notice?.en).toMatch(/synthetic/);
    expect(summary.service).toMatchObject({ type: 'elder-daycare', servedGroup: 'age60plus', radiusMetres: 500, region: { facilities: 2, population: 1550, population_covered_pct: 32.26 } });
    const markdown = summaryToMarkdown(summary);
    expect(markdown).toContain('Evil \\| &lt;b>name&lt;/b> next');
    expect(markdown).not.toContain('<b>');
    expect(markdown).toContain('## 规划目标 Plan targets — 小 / tiny (tiny)');
    expect(markdown).toContain('❌ 未达标 fail');
    expect(markdown).toContain('| 照料床位/千名60 岁及以上老人 day-care places per 1,000 people aged 60+ | 120 |');
    expect(escapeMarkdown('a|b\\c')).toBe('a\\|b\\\\c');
  });
});
