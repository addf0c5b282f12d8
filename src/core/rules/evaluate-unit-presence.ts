// unit-presence: share of units (townships, counties) holding at least k matching facilities.
// Shortfall: units still needing a facility = ceil(target share × N) − units passing.

import type { Bilingual, FailingItem, RuleResult, UnitPresenceRule } from './rule-types.ts';
import type { RuleContext } from './rule-context.ts';
import { buildRuleResult, metSentence, notAvailable } from './build-rule-result.ts';
import { countShortfall, isUpperBound, percentOf, requiredCount } from './compare-target.ts';
import { describeFilter, describeTarget, facilityNoun, joinProvenance, layersUsed, unitCount, UNIT_NOUNS, withArticle } from './describe-rule-inputs.ts';
import { formatNumber, formatPercent } from './format-figures.ts';

export function evaluateUnitPresence(rule: UnitPresenceRule, context: RuleContext): RuleResult {
  if (rule.level === 'village') {
    return notAvailable(rule, {
      zh: '数据集中没有村（社区）边界，无法按村统计',
      en: 'the dataset has no village boundaries, so units cannot be counted by village',
    });
  }
  const level = rule.level;
  const units = level === 'township' ? context.dataset.townships : context.dataset.counties;
  if (units.length === 0) {
    return notAvailable(rule, { zh: `数据集中没有${UNIT_NOUNS[level].zh}边界`, en: `the dataset has no ${UNIT_NOUNS[level].en} boundaries` });
  }
  const facilityUnit = context.facilityUnit(level);
  const countsPerRequirement = rule.require.map((requirement) => {
    const counts = new Float64Array(units.length);
    for (const f of context.selected(requirement.filter)) if (facilityUnit[f] >= 0) counts[facilityUnit[f]] += 1;
    return counts;
  });
  const passing = units.map((_, u) => rule.require.every((req, r) => countsPerRequirement[r][u] >= req.minCount));
  const passingCount = passing.filter(Boolean).length;
  const total = units.length;
  const value = percentOf(passingCount, total);
  const missing = countShortfall(rule.target.op, rule.target.value, total, passingCount);
  const needed = requiredCount(rule.target.op, rule.target.value, total);

  const labels = rule.require.map((req) => req.label ?? facilityNoun(rule, req.filter));
  const requirementText: Bilingual = {
    zh: rule.require.map((req, r) => `≥${req.minCount} 个${labels[r].zh}`).join(' 和 '),
    en: rule.require.map((req, r) => `≥ ${req.minCount} ${labels[r].en}`).join(' and '),
  };
  const countyOfTownship = level === 'township' ? context.townshipCounty() : null;
  const failing: FailingItem[] = [];
  units.forEach((unit, u) => {
    if (passing[u]) return;
    const figures: FailingItem['figures'] = {};
    rule.require.forEach((_, r) => (figures[rule.require.length === 1 ? 'facilities' : `facilities_${r + 1}`] = countsPerRequirement[r][u]));
    if (countyOfTownship && countyOfTownship[u] >= 0) figures.county = context.dataset.counties[countyOfTownship[u]].name;
    failing.push({ kind: level, code: unit.code, name: unit.name, index: u, value: countsPerRequirement[0][u], figures });
  });
  failing.sort((a, b) => (a.value ?? 0) - (b.value ?? 0) || a.code.localeCompare(b.code));

  const noun = UNIT_NOUNS[level];
  const upper = isUpperBound(rule.target.op);
  const shortfallSentence: Bilingual =
    missing === 0
      ? metSentence()
      : upper
        ? { zh: `须减少 ${unitCount(level, missing).zh}`, en: `${unitCount(level, missing).en} too many` }
        : {
            zh: `还需 ${unitCount(level, missing).zh}建设${labels.map((l) => l.zh).join('和')}`,
            en: `${formatNumber(missing)} more ${missing === 1 ? `${noun.en} needs` : `${noun.enPlural} need`} ${labels.map((l, r) => (rule.require[r].minCount === 1 ? withArticle(l.en) : `${rule.require[r].minCount} × ${l.en}`)).join(' and ')}`,
          };
  const summary: Bilingual = {
    zh: `${formatNumber(passingCount)}/${formatNumber(total)} 个${noun.zh}（${formatPercent(value)}）有 ${requirementText.zh}；目标 ${describeTarget(rule.target)}（${formatNumber(needed)} 个）`,
    en: `${formatNumber(passingCount)} of ${unitCount(level, total).en} (${formatPercent(value)}) have ${requirementText.en}; target ${describeTarget(rule.target)} (${formatNumber(needed)})`,
  };
  const provenance = joinProvenance([
    {
      zh: `方法：按设施所在${noun.zh}计数（设施点位于单元边界内），单元内 ${requirementText.zh} 即达标`,
      en: `method: facilities counted in the ${noun.en} whose boundary holds their location; a ${noun.en} passes with ${requirementText.en}`,
    },
    ...rule.require.map((req) => describeFilter(req.filter)),
    { zh: `目标：${describeTarget(rule.target)}，需 ${formatNumber(needed)}/${formatNumber(total)} 个单元`, en: `threshold: ${describeTarget(rule.target)}, i.e. ${formatNumber(needed)} of ${formatNumber(total)} units` },
    layersUsed(['facilities', level === 'township' ? 'townships' : 'counties']),
  ]);
  return buildRuleResult(rule, {
    value,
    passes: missing === 0,
    summary,
    shortfall: { amount: missing, unit: { zh: `个${noun.zh}`, en: noun.enPlural }, sentence: shortfallSentence },
    failing,
    figures: { units: total, passing: passingCount, required: needed },
    provenance,
  });
}
