// points-covered: share of target places (urban communities, resettlement sites, disaster-prone
// villages) of the given kinds within reach of a matching facility.
// Shortfall: places still to cover = ceil(target share × N) − places covered.

import type { RunOptions } from '../types.ts';
import type { Reach } from '../coverage/coverage-types.ts';
import type { Bilingual, FailingItem, PointsCoveredRule, RuleResult } from './rule-types.ts';
import type { RuleContext } from './rule-context.ts';
import { buildRuleResult, metSentence, notAvailable } from './build-rule-result.ts';
import { countShortfall, isUpperBound, percentOf, requiredCount } from './compare-target.ts';
import { describeReach, describeTarget, facilityNoun, placeKindNames, withArticle } from './describe-rule-inputs.ts';
import { reachProvenance, reachUnavailable } from './evaluate-reach-share.ts';
import { formatNumber, formatPercent } from './format-figures.ts';

/** The nearest matching facility to a place and its straight-line distance (m, on the ellipsoid via the projection's scale). */
function nearestFacility(context: RuleContext, place: number, facilities: Uint32Array): { distance: number; facility: number } | null {
  const { places, facilities: projected } = context.prepared;
  let best = Infinity;
  let facility = -1;
  for (const f of facilities) {
    const dx = places.x[place] - projected.x[f];
    const dy = places.y[place] - projected.y[f];
    const d2 = dx * dx + dy * dy;
    if (d2 < best) {
      best = d2;
      facility = f;
    }
  }
  if (facility < 0) return null;
  const scale = places.scale[place] || 1;
  return { distance: Math.round(Math.sqrt(best) / scale), facility };
}

export function evaluatePointsCovered(rule: PointsCoveredRule, context: RuleContext, run?: RunOptions): RuleResult {
  const unavailable = reachUnavailable(rule, context);
  if (unavailable) return unavailable;
  const areaIndex = rule.areaCode !== undefined ? context.areaIndex(rule.areaCode) : -1;
  const kinds = new Set(rule.placeKinds);
  const inScope: number[] = [];
  context.dataset.places.forEach((place, p) => {
    if (kinds.has(place.kind) && (areaIndex < 0 || context.prepared.placeArea[p] === areaIndex)) inScope.push(p);
  });
  const kindNames = placeKindNames(rule.placeKinds);
  if (inScope.length === 0) {
    return notAvailable(rule, { zh: `数据集中没有类型为 ${kindNames.zh} 的目标地点`, en: `the dataset has no target places of kind ${kindNames.en}` });
  }
  const request = { filter: rule.filter, reach: rule.reach as Reach, ...(rule.radiusField ? { radiusField: rule.radiusField } : {}) };
  const coverage = context.coverage(request, run);
  const covered = inScope.filter((p) => coverage.placeCovered[p] === 1).length;
  const total = inScope.length;
  const value = percentOf(covered, total);
  const missing = countShortfall(rule.target.op, rule.target.value, total, covered);
  const required = requiredCount(rule.target.op, rule.target.value, total);

  const { townships, counties } = context.dataset;
  const failing: FailingItem[] = inScope
    .filter((p) => coverage.placeCovered[p] !== 1)
    .map((p) => {
      const place = context.dataset.places[p];
      const t = context.prepared.placeTownship[p];
      const c = context.prepared.placeCounty[p];
      const found = nearestFacility(context, p, coverage.facilityIndices);
      const nearest = found ? found.distance : null;
      return {
        kind: 'place' as const,
        code: place.id,
        name: place.name,
        index: p,
        value: nearest,
        figures: {
          place_kind: place.kind,
          nearest_m: nearest,
          nearest_facility: found ? context.dataset.facilities[found.facility].name : null,
          lon: place.lon,
          lat: place.lat,
          township: t >= 0 ? townships[t].name : null,
          county: c >= 0 ? counties[c].name : null,
        },
      };
    })
    .sort((a, b) => (b.value ?? Infinity) - (a.value ?? Infinity) || a.code.localeCompare(b.code));

  const noun = facilityNoun(rule, rule.filter);
  const uncovered = total - covered;
  const sentence: Bilingual =
    missing === 0
      ? metSentence()
      : isUpperBound(rule.target.op)
        ? { zh: `覆盖地点须减少 ${formatNumber(missing)} 个`, en: `${formatNumber(missing)} fewer places covered to meet the target` }
        : {
            zh: `${formatNumber(uncovered)} 个地点未被${noun.zh}覆盖；还需覆盖 ${formatNumber(missing)} 个才能达到 ${describeTarget(rule.target)}`,
            en: `${formatNumber(uncovered)} places not reached by ${withArticle(noun.en)}; ${formatNumber(missing)} more must be covered to meet ${describeTarget(rule.target)}`,
          };
  const reach = describeReach(rule.reach, rule.radiusField);
  const summary: Bilingual = {
    zh: `${formatNumber(covered)}/${formatNumber(total)} 个目标地点（${kindNames.zh}，${formatPercent(value)}）在${noun.zh}${reach.zh}内；目标 ${describeTarget(rule.target)}（${formatNumber(required)} 个）`,
    en: `${formatNumber(covered)} of ${formatNumber(total)} target places (${kindNames.en}, ${formatPercent(value)}) within ${reach.en} of ${withArticle(noun.en)}; target ${describeTarget(rule.target)} (${formatNumber(required)})`,
  };
  const method: Bilingual = {
    zh: `方法：目标地点（${kindNames.zh}）的点位在任一设施可达范围内即计为覆盖`,
    en: `method: a target place (${kindNames.en}) counts as covered when its point lies within reach of any matching facility`,
  };
  return buildRuleResult(rule, {
    value,
    passes: missing === 0,
    summary,
    shortfall: { amount: missing, unit: { zh: '个地点', en: 'places' }, sentence },
    failing,
    figures: { places: total, covered, uncovered, required, facilities: coverage.facilityIndices.length },
    provenance: reachProvenance(rule, context, method, ['facilities', 'places']),
  });
}
