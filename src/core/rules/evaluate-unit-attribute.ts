// unit-attribute: share of units whose own attribute meets a condition, e.g. vaccination_rate ≥ 90
// in every township. A unit without the attribute fails and is listed with a null value.
// Shortfall: units still to lift = ceil(target share × N) − units meeting.

import type { Bilingual, FailingItem, RuleResult, UnitAttributeRule } from './rule-types.ts';
import type { RuleContext } from './rule-context.ts';
import { matchesCondition } from '../coverage/select-facilities.ts';
import { buildRuleResult, metSentence, notAvailable } from './build-rule-result.ts';
import { countShortfall, isUpperBound, percentOf, requiredCount } from './compare-target.ts';
import { describeConditions, describeTarget, joinProvenance, layersUsed, unitCount, UNIT_NOUNS } from './describe-rule-inputs.ts';
import { formatNumber, formatPercent } from './format-figures.ts';

export function evaluateUnitAttribute(rule: UnitAttributeRule, context: RuleContext): RuleResult {
  const units = rule.level === 'township' ? context.dataset.townships : context.dataset.counties;
  const noun = UNIT_NOUNS[rule.level];
  if (units.length === 0) return notAvailable(rule, { zh: `数据集中没有${noun.zh}边界`, en: `the dataset has no ${noun.en} boundaries` });
  const field = rule.condition.field;
  const withData = units.filter((u) => u.properties[field] !== undefined && u.properties[field] !== null && u.properties[field] !== '').length;
  if (withData === 0) {
    return notAvailable(rule, { zh: `${noun.zh}数据中没有字段 ${field}`, en: `the ${noun.en} data has no field ${field}` });
  }
  const counties = context.townshipCounty();
  const failing: FailingItem[] = [];
  let meeting = 0;
  units.forEach((unit, u) => {
    if (matchesCondition(unit.properties, rule.condition)) {
      meeting += 1;
      return;
    }
    const raw = unit.properties[field];
    const numeric = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : null;
    const figures: FailingItem['figures'] = { [field]: numeric ?? (raw === undefined || raw === null ? null : String(raw)) };
    if (rule.level === 'township' && counties[u] >= 0) figures.county = context.dataset.counties[counties[u]].name;
    failing.push({ kind: rule.level, code: unit.code, name: unit.name, index: u, value: numeric, figures });
  });
  failing.sort((a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity) || a.code.localeCompare(b.code));
  const total = units.length;
  const value = percentOf(meeting, total);
  const missing = countShortfall(rule.target.op, rule.target.value, total, meeting);
  const required = requiredCount(rule.target.op, rule.target.value, total);
  const conditionText = describeConditions([rule.condition]);
  const sentence: Bilingual =
    missing === 0
      ? metSentence()
      : isUpperBound(rule.target.op)
        ? { zh: `满足条件的${noun.zh}须减少 ${formatNumber(missing)} 个`, en: `${unitCount(rule.level, missing).en} too many meet the condition` }
        : {
            zh: `还需 ${unitCount(rule.level, missing).zh}达到“${conditionText.zh}”`,
            en: `${formatNumber(missing)} more ${missing === 1 ? noun.en : noun.enPlural} must reach "${conditionText.en}"`,
          };
  return buildRuleResult(rule, {
    value,
    passes: missing === 0,
    summary: {
      zh: `${formatNumber(meeting)}/${formatNumber(total)} 个${noun.zh}（${formatPercent(value)}）满足“${conditionText.zh}”；目标 ${describeTarget(rule.target)}（${formatNumber(required)} 个）`,
      en: `${formatNumber(meeting)} of ${unitCount(rule.level, total).en} (${formatPercent(value)}) meet "${conditionText.en}"; target ${describeTarget(rule.target)} (${formatNumber(required)})`,
    },
    shortfall: { amount: missing, unit: { zh: `个${noun.zh}`, en: noun.enPlural }, sentence },
    failing,
    figures: { units: total, meeting, required, units_without_data: total - withData },
    provenance: joinProvenance([
      { zh: `方法：按${noun.zh}属性 ${field} 判断，缺失视为未达标`, en: `method: each ${noun.en}'s own ${field} attribute; a missing value counts as not met` },
      { zh: `条件：${conditionText.zh}；目标 ${describeTarget(rule.target)}`, en: `condition: ${conditionText.en}; threshold ${describeTarget(rule.target)}` },
      layersUsed([rule.level === 'township' ? 'townships' : 'counties']),
    ]),
  });
}
