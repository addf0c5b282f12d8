// count: the number of matching facilities, e.g. "at least 3 public nurseries".
// Shortfall: target − count (for "at least"), count − target (for "at most").

import type { Bilingual, CountRule, FailingItem, RuleResult } from './rule-types.ts';
import type { RuleContext } from './rule-context.ts';
import { buildRuleResult, metSentence } from './build-rule-result.ts';
import { isUpperBound, meetsTarget } from './compare-target.ts';
import { describeFilter, describeTarget, facilityNoun, joinProvenance, layersUsed, pluralize } from './describe-rule-inputs.ts';
import { formatNumber } from './format-figures.ts';

export function evaluateCount(rule: CountRule, context: RuleContext): RuleResult {
  const selected = context.selected(rule.filter);
  const count = selected.length;
  const passes = meetsTarget(count, rule.target.op, rule.target.value);
  const upper = isUpperBound(rule.target.op);
  const exact = upper ? count - rule.target.value : rule.target.value - count;
  const strict = rule.target.op === '>' || rule.target.op === '<';
  const short = passes ? 0 : Math.max(0, Math.ceil(exact - 1e-9) + (strict && Number.isInteger(exact) ? 1 : 0));
  const noun = facilityNoun(rule, rule.filter);
  const sentence: Bilingual = passes
    ? metSentence()
    : upper
      ? { zh: `须减少 ${formatNumber(short)} 个${noun.zh}`, en: `${formatNumber(short)} ${pluralize(noun.en, short)} too many` }
      : { zh: `还需新建 ${formatNumber(short)} 个${noun.zh}`, en: `${formatNumber(short)} more ${pluralize(noun.en, short)} needed` };
  // Per-county counts help a planner see where the facilities are; they are not failures.
  const perCounty = new Float64Array(context.dataset.counties.length);
  for (const f of selected) if (context.prepared.facilityCounty[f] >= 0) perCounty[context.prepared.facilityCounty[f]] += 1;
  const failing: FailingItem[] = [];
  const summary: Bilingual = {
    zh: `共 ${formatNumber(count)} 个${noun.zh}；目标 ${describeTarget(rule.target)}`,
    en: `${formatNumber(count)} ${pluralize(noun.en, count)}; target ${describeTarget(rule.target)}`,
  };
  const figures: Record<string, number> = { count };
  context.dataset.counties.forEach((county, c) => (figures[`county:${county.code}`] = perCounty[c]));
  return buildRuleResult(rule, {
    value: count,
    passes,
    summary,
    shortfall: { amount: short, unit: noun, sentence },
    failing,
    figures,
    provenance: joinProvenance([
      { zh: '方法：统计全部符合筛选条件的设施数', en: 'method: number of facilities matching the filter' },
      describeFilter(rule.filter),
      { zh: `目标：${describeTarget(rule.target)}`, en: `threshold: ${describeTarget(rule.target)}` },
      layersUsed(['facilities']),
    ]),
  });
}
