// attribute-share: share of matching facilities meeting a condition (e.g. township health centres
// meeting the basic standard), or a ratio of two summed fields over them (nursing_beds / beds).
// Shortfall: facilities still to upgrade = ceil(target × N) − meeting; for a ratio, the amount of
// the numerator field missing = ceil(target × Σ denominator − Σ numerator).

import type { AttributeShareRule, Bilingual, FailingItem, RuleResult } from './rule-types.ts';
import type { RuleContext } from './rule-context.ts';
import { matchesCondition } from '../coverage/select-facilities.ts';
import { buildRuleResult, metSentence, notAvailable } from './build-rule-result.ts';
import { countShortfall, isUpperBound, meetsTarget, percentOf, requiredCount } from './compare-target.ts';
import { describeConditions, describeFilter, describeTarget, facilityNoun, joinProvenance, layersUsed, pluralize, zhMeasureWord } from './describe-rule-inputs.ts';
import { formatNumber, formatPercent } from './format-figures.ts';

function numberOf(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

function facilityPlace(context: RuleContext, f: number): Record<string, string | null> {
  const t = context.prepared.facilityTownship[f];
  const c = context.prepared.facilityCounty[f];
  return {
    type: context.dataset.facilities[f].type,
    township: t >= 0 ? context.dataset.townships[t].name : null,
    county: c >= 0 ? context.dataset.counties[c].name : null,
  };
}

export function evaluateAttributeShare(rule: AttributeShareRule, context: RuleContext): RuleResult {
  const selected = context.selected(rule.filter);
  const noun = facilityNoun(rule, rule.filter);
  if (selected.length === 0) {
    return notAvailable(rule, { zh: `没有符合筛选条件的${noun.zh}`, en: `no ${noun.en} matches the filter` });
  }
  return rule.sumRatio ? evaluateSumRatio(rule, context, selected, noun) : evaluateConditionShare(rule, context, selected, noun);
}

function evaluateConditionShare(rule: AttributeShareRule, context: RuleContext, selected: Uint32Array, noun: Bilingual): RuleResult {
  const conditions = rule.condition ?? [];
  const facilities = context.dataset.facilities;
  const meeting = Array.from(selected).filter((f) => conditions.every((c) => matchesCondition(facilities[f].properties, c)));
  const total = selected.length;
  const value = percentOf(meeting.length, total);
  const missing = countShortfall(rule.target.op, rule.target.value, total, meeting.length);
  const required = requiredCount(rule.target.op, rule.target.value, total);
  const conditionText = describeConditions(conditions);
  const meetingSet = new Set(meeting);
  const failing: FailingItem[] = Array.from(selected)
    .filter((f) => !meetingSet.has(f))
    .map((f) => {
      const figures: FailingItem['figures'] = { ...facilityPlace(context, f) };
      for (const c of conditions) {
        const v = facilities[f].properties[c.field];
        figures[c.field] = typeof v === 'number' || typeof v === 'string' ? v : v === undefined || v === null ? null : String(v);
      }
      return { kind: 'facility' as const, code: facilities[f].id, name: facilities[f].name, index: f, value: null, figures };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  const sentence: Bilingual =
    missing === 0
      ? metSentence()
      : isUpperBound(rule.target.op)
        ? { zh: `须减少 ${formatNumber(missing)} 个满足条件的${noun.zh}`, en: `${formatNumber(missing)} fewer ${pluralize(noun.en)} meeting the condition` }
        : {
            zh: `还需 ${formatNumber(missing)} 个${noun.zh}达到“${conditionText.zh}”`,
            en: `${formatNumber(missing)} more ${pluralize(noun.en, missing)} must meet "${conditionText.en}"`,
          };
  return buildRuleResult(rule, {
    value,
    passes: missing === 0,
    summary: {
      zh: `${formatNumber(meeting.length)}/${formatNumber(total)} 个${noun.zh}（${formatPercent(value)}）满足“${conditionText.zh}”；目标 ${describeTarget(rule.target)}（${formatNumber(required)} 个）`,
      en: `${formatNumber(meeting.length)} of ${formatNumber(total)} ${pluralize(noun.en)} (${formatPercent(value)}) meet "${conditionText.en}"; target ${describeTarget(rule.target)} (${formatNumber(required)})`,
    },
    shortfall: { amount: missing, unit: noun, sentence },
    failing,
    figures: { facilities: total, meeting: meeting.length, required },
    provenance: joinProvenance([
      { zh: `方法：符合筛选条件的设施中满足“${conditionText.zh}”的比例`, en: `method: share of the matching facilities that meet "${conditionText.en}"` },
      describeFilter(rule.filter),
      { zh: `目标：${describeTarget(rule.target)}，需 ${formatNumber(required)}/${formatNumber(total)} 个`, en: `threshold: ${describeTarget(rule.target)}, i.e. ${formatNumber(required)} of ${formatNumber(total)}` },
      layersUsed(['facilities']),
    ]),
  });
}

function evaluateSumRatio(rule: AttributeShareRule, context: RuleContext, selected: Uint32Array, noun: Bilingual): RuleResult {
  const { numeratorField, denominatorField } = rule.sumRatio!;
  const label = rule.sumRatio!.label ?? { zh: numeratorField, en: numeratorField };
  const facilities = context.dataset.facilities;
  let numerator = 0;
  let denominator = 0;
  let withoutData = 0;
  const failing: FailingItem[] = [];
  for (const f of selected) {
    const top = numberOf(facilities[f].properties[numeratorField]);
    const bottom = numberOf(facilities[f].properties[denominatorField]);
    if (top === null || bottom === null) {
      withoutData += 1;
      continue;
    }
    numerator += top;
    denominator += bottom;
    const share = bottom > 0 ? percentOf(top, bottom) : null;
    if (share !== null && meetsTarget(share, rule.target.op, rule.target.value)) continue;
    const exact = (rule.target.value * bottom) / 100 - top;
    failing.push({
      kind: 'facility',
      code: facilities[f].id,
      name: facilities[f].name,
      index: f,
      value: share,
      figures: { ...facilityPlace(context, f), [numeratorField]: top, [denominatorField]: bottom, needed: Math.max(0, Math.ceil(exact - 1e-9)) },
    });
  }
  if (!(denominator > 0)) {
    return notAvailable(rule, { zh: `${noun.zh}的 ${denominatorField} 合计为 0 或缺失`, en: `the ${pluralize(noun.en)}' ${denominatorField} sum to 0 or are missing` });
  }
  failing.sort((a, b) => Number(b.figures.needed) - Number(a.figures.needed) || a.code.localeCompare(b.code));
  const value = percentOf(numerator, denominator);
  const passes = meetsTarget(value, rule.target.op, rule.target.value);
  const upper = isUpperBound(rule.target.op);
  const exact = (rule.target.value * denominator) / 100 - numerator;
  const short = passes ? 0 : Math.max(0, Math.ceil((upper ? -exact : exact) - 1e-9));
  const sentence: Bilingual = passes
    ? metSentence()
    : upper
      ? { zh: `${label.zh}须减少 ${formatNumber(short)} ${zhMeasureWord(label.zh)}`, en: `${formatNumber(short)} fewer ${label.en}` }
      : { zh: `还需 ${formatNumber(short)} ${zhMeasureWord(label.zh)}${label.zh}（在现有总量中转换或新增）`, en: `${formatNumber(short)} more ${label.en} needed (converted within the existing total, or added)` };
  return buildRuleResult(rule, {
    value,
    passes,
    summary: {
      zh: `${label.zh}占比 ${formatPercent(value)}（${formatNumber(numerator)}/${formatNumber(denominator)}，${formatNumber(selected.length - withoutData)} 个${noun.zh}）；目标 ${describeTarget(rule.target)}`,
      en: `${label.en}: ${formatPercent(value)} (${formatNumber(numerator)} of ${formatNumber(denominator)} over ${formatNumber(selected.length - withoutData)} ${pluralize(noun.en)}); target ${describeTarget(rule.target)}`,
    },
    shortfall: { amount: short, unit: label, sentence },
    failing,
    figures: { facilities: selected.length, facilities_without_data: withoutData, numerator, denominator },
    provenance: joinProvenance([
      { zh: `方法：Σ${numeratorField} ÷ Σ${denominatorField}（对全部符合条件的设施求和）`, en: `method: Σ ${numeratorField} ÷ Σ ${denominatorField} over the matching facilities` },
      describeFilter(rule.filter),
      { zh: `目标：${describeTarget(rule.target)}`, en: `threshold: ${describeTarget(rule.target)}` },
      ...(withoutData > 0 ? [{ zh: `${withoutData} 个设施缺少数据，未计入`, en: `${withoutData} facilities lack the fields and are left out` }] : []),
      layersUsed(['facilities']),
    ]),
  });
}
