// Rule texts in the language they claim: on the demo with the default rules, no Chinese sentence
// carries a raw service id, place-kind id, cohort id or an English word for a unit or operator,
// and the English ones carry no Chinese unit words. Field names of the data (public, grade) may stay.
import { describe, expect, it } from 'vitest';
import { loadDemoDataset } from '../../scripts/lib/load-demo-dataset.ts';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import { DEFAULT_RULE_SET } from '../../src/core/rules/default-rules.ts';
import { BUILT_IN_SERVICES } from '../../src/core/analysis/service-catalog.ts';
import type { RuleResult } from '../../src/core/rules/rule-types.ts';

const texts = (result: RuleResult, language: 'zh' | 'en') =>
  [result.summary, result.shortfall?.sentence, result.shortfall?.unit, result.provenance, result.reason].filter((t) => t !== undefined && t !== null).map((t) => t![language]);

describe('rule texts on the demo', () => {
  const prepared = prepareDataset(loadDemoDataset());
  // every rule, the disabled ones too
  const results = evaluateRules(prepared, DEFAULT_RULE_SET.rules.map((rule) => ({ ...rule, enabled: true })));

  it('say nothing in English or by raw id in Chinese', () => {
    const ids = [...BUILT_IN_SERVICES.map((s) => s.type), 'urban-community', 'resettlement-site', 'disaster-prone-village', 'age60plus', 'age0_3', 'age0_14'];
    const forbidden = new RegExp(`per 1,000|truthy|falsy|\\b(people|beds|places|facility|township|county)\\b|(^|[^\\w-])(${ids.join('|')})(?![\\w-])`);
    // Σfield in a method line names the data's own fields
    const offending = results.flatMap((result) => texts(result, 'zh').filter((text) => forbidden.test(text.replace(/Σ\w+/g, ''))).map((text) => `${result.ruleId}: ${text}`));
    expect(offending).toEqual([]);
  });

  it('say nothing in Chinese in English', () => {
    const offending = results.flatMap((result) => texts(result, 'en').filter((text) => /[个名张米人乡县市]/.test(text.replace(/“[^”]*”|"[^"]*"/g, ''))).map((text) => `${result.ruleId}: ${text}`));
    // names of places and units are data and may be Chinese; the sentences' own words may not
    expect(offending.filter((line) => !/[\u4e00-\u9fff]{2,}(街道|镇|乡|区|县|市)/.test(line))).toEqual([]);
  });
});
