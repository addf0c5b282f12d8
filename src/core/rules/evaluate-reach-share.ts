// population-within and area-within: share of people (or a cohort) / of area within reach of a
// matching facility, over the region or an area of interest. Shortfall: people (km²) uncovered,
// and how many more must be reached to meet the target = ceil(target × total − covered).

import type { RunOptions } from '../types.ts';
import type { Reach, UnitMetrics } from '../coverage/coverage-types.ts';
import type { AreaWithinRule, Bilingual, FailingItem, PopulationWithinRule, PointsCoveredRule, RuleResult } from './rule-types.ts';
import type { RuleContext } from './rule-context.ts';
import { buildRuleResult, metSentence, notAvailable } from './build-rule-result.ts';
import { translateBoth } from '../i18n/translate.ts';
import { isUpperBound, meetsTarget, percentOf } from './compare-target.ts';
import {
  CELL_NOTE,
  cohortLabel,
  describeFilter,
  describeReach,
  describeTarget,
  ELLIPSOID_NOTE,
  joinProvenance,
  layersUsed,
  OVERLAP_NOTE,
} from './describe-rule-inputs.ts';
import { formatNumber, formatPercent, round2 } from './format-figures.ts';

type ReachRule = PopulationWithinRule | AreaWithinRule | PointsCoveredRule;

/** Why a reach the engine cannot compute (a travel time without a road network) gives no result. */
export function unsupportedReach(rule: ReachRule): RuleResult {
  const reach = describeReach(rule.reach);
  return notAvailable(
    rule,
    {
      zh: `按出行时间（${reach.zh}）评估需要道路网：请载入道路图层（命令行 --roads，或导入时选择“道路网”）；也可先用直线距离规则近似`,
      en: `a travel-time reach (${reach.en}) needs a road network: load a road layer (--roads on the command line, or the "road network" role when importing), or use a straight-line distance rule as an approximation`,
    },
    joinProvenance([describeFilter(rule.filter), { zh: `可达范围：${reach.zh}`, en: `reach: ${reach.en}` }]),
  );
}

/** An unknown area of interest cannot be evaluated: the reason, or null. */
export function reachUnavailable(rule: ReachRule, context: RuleContext): RuleResult | null {
  if (rule.areaCode !== undefined && context.areaIndex(rule.areaCode) < 0) {
    return notAvailable(rule, {
      zh: `数据集中没有关注区域“${rule.areaCode}”`,
      en: `the dataset has no area of interest "${rule.areaCode}"`,
    });
  }
  return null;
}

export function reachProvenance(rule: ReachRule, context: RuleContext, method: Bilingual, layers: string[]): Bilingual {
  const area = rule.areaCode !== undefined ? context.dataset.areas[context.areaIndex(rule.areaCode)] : undefined;
  return joinProvenance([
    method,
    describeFilter(rule.filter),
    { zh: `可达范围：${describeReach(rule.reach, rule.radiusField).zh}`, en: `reach: ${describeReach(rule.reach, rule.radiusField).en}` },
    { zh: `目标：${describeTarget(rule.target)}`, en: `threshold: ${describeTarget(rule.target)}` },
    OVERLAP_NOTE,
    ...(area ? [{ zh: `仅统计关注区域“${area.name}”（${area.code}）内`, en: `restricted to the area of interest "${area.name}" (${area.code})` }] : []),
    ...(rule.kind === 'population-within' ? [CELL_NOTE] : []),
    ...(rule.reach.kind === 'travel-time' ? [travelNote(context)] : []),
    ELLIPSOID_NOTE,
    layersUsed(area ? [...layers, 'areas'] : layers),
  ]);
}

/** How a travel time was measured: over which road layer, with the walked legs to and from it. */
function travelNote(context: RuleContext): Bilingual {
  const roads = context.dataset.roads;
  const snap = roads?.maxSnapMetres ?? 1000;
  return {
    zh: `出行时间沿道路网“${roads?.name ?? ''}”计算（分道路等级与出行方式的速度表，单行道与通行限制计入）；从住处到最近道路、从道路到设施的一段按步行直线计，超过 ${snap} m 计为不可达`,
    en: `travel time over the road network "${roads?.name ?? ''}" (speed table by road class and mode, one-way streets and restrictions obeyed); the legs from home to the nearest road and from the road to the facility are walked in a straight line, and beyond ${snap} m count as unreachable`,
  };
}

function coverageOf(rule: PopulationWithinRule | AreaWithinRule, context: RuleContext, run?: RunOptions) {
  const request = { filter: rule.filter, reach: rule.reach as Reach, ...(rule.radiusField ? { radiusField: rule.radiusField } : {}) };
  return context.coverage(request, run);
}

/** Per-township population and covered population; inside an area of interest only its cells count. */
function townshipPopulation(metrics: UnitMetrics, cohort: string | undefined) {
  return cohort
    ? { total: metrics.cohortPopulation[cohort], covered: metrics.cohortCovered[cohort] }
    : { total: metrics.population, covered: metrics.coveredPopulation };
}

function townshipPopulationInArea(context: RuleContext, cellCovered: Uint8Array, areaIndex: number, cohort: string | undefined) {
  const { prepared } = context;
  const values = cohort ? context.dataset.population.cohorts[cohort] : context.dataset.population.population;
  const total = new Float64Array(context.dataset.townships.length);
  const covered = new Float64Array(total.length);
  for (let i = 0; i < values.length; i++) {
    const t = prepared.cellTownship[i];
    if (t < 0 || prepared.cellArea[i] !== areaIndex) continue;
    total[t] += values[i];
    if (cellCovered[i]) covered[t] += values[i];
  }
  return { total, covered };
}

export function evaluatePopulationWithin(rule: PopulationWithinRule, context: RuleContext, run?: RunOptions): RuleResult {
  const unavailable = reachUnavailable(rule, context);
  if (unavailable) return unavailable;
  if (rule.cohort && !context.prepared.cohortNames.includes(rule.cohort)) {
    return notAvailable(rule, translateBoth('rule.cohort-missing', { group: cohortLabel(rule.cohort), field: rule.cohort }));
  }
  const coverage = coverageOf(rule, context, run);
  const areaIndex = rule.areaCode !== undefined ? context.areaIndex(rule.areaCode) : -1;
  const scope = areaIndex >= 0 ? coverage.areas : coverage.region;
  const scopeIndex = Math.max(0, areaIndex);
  const { total: scopeTotal, covered: scopeCovered } = townshipPopulation(scope, rule.cohort);
  const total = scopeTotal[scopeIndex];
  const covered = scopeCovered[scopeIndex];
  const people = cohortLabel(rule.cohort);
  if (!(total > 0)) {
    return notAvailable(rule, { zh: `统计范围内没有${people.zh}`, en: `there are no ${people.en} in scope` });
  }
  const value = percentOf(covered, total);
  const perTownship =
    areaIndex >= 0 ? townshipPopulationInArea(context, coverage.cellCovered, areaIndex, rule.cohort) : townshipPopulation(coverage.townships, rule.cohort);
  const failing = townshipsBelowTarget(rule, context, perTownship.total, perTownship.covered, ['population', 'covered', 'uncovered'], Math.round);
  const uncovered = Math.round(total - covered);
  const upper = isUpperBound(rule.target.op);
  const exactNeeded = (rule.target.value * total) / 100 - covered;
  const short = upper ? Math.max(0, Math.ceil(-exactNeeded - 1e-9)) : Math.max(0, Math.ceil(exactNeeded - 1e-9));
  const passes = meetsTarget(value, rule.target.op, rule.target.value);
  const sentence: Bilingual = passes
    ? { zh: `${metSentence().zh}（${formatNumber(uncovered)} 名${people.zh}未覆盖）`, en: `${metSentence().en} (${formatNumber(uncovered)} ${people.en} uncovered)` }
    : upper
      ? { zh: `覆盖${people.zh}须减少 ${formatNumber(short)} 人`, en: `${formatNumber(short)} fewer ${people.en} covered to meet the target` }
      : {
          zh: `${formatNumber(uncovered)} 名${people.zh}未覆盖；还需覆盖 ${formatNumber(short)} 名才能达到 ${describeTarget(rule.target)}`,
          en: `${formatNumber(uncovered)} ${people.en} uncovered; ${formatNumber(short)} more must be reached to meet ${describeTarget(rule.target)}`,
        };
  const summary: Bilingual = {
    zh: `${formatPercent(value)} 的${people.zh}（${formatNumber(Math.round(covered))}/${formatNumber(Math.round(total))}）在${describeReach(rule.reach, rule.radiusField).zh}内；目标 ${describeTarget(rule.target)}`,
    en: `${formatPercent(value)} of ${people.en} (${formatNumber(Math.round(covered))} of ${formatNumber(Math.round(total))}) within ${describeReach(rule.reach, rule.radiusField).en}; target ${describeTarget(rule.target)}`,
  };
  const method: Bilingual = {
    zh: `方法：可达范围内${people.zh}占比（人口网格质心落在任一设施可达范围内）`,
    en: `method: share of ${people.en} whose cell centroid lies within reach of any matching facility`,
  };
  return buildRuleResult(rule, {
    value,
    passes,
    summary,
    shortfall: { amount: short, unit: { zh: '人', en: 'people' }, sentence },
    failing,
    figures: { total: Math.round(total), covered: Math.round(covered), uncovered, facilities: coverage.facilityIndices.length },
    provenance: reachProvenance(rule, context, method, ['facilities', 'population', 'townships']),
  });
}

export function evaluateAreaWithin(rule: AreaWithinRule, context: RuleContext, run?: RunOptions): RuleResult {
  const unavailable = reachUnavailable(rule, context);
  if (unavailable) return unavailable;
  const coverage = coverageOf(rule, context, run);
  const areaIndex = rule.areaCode !== undefined ? context.areaIndex(rule.areaCode) : -1;
  const scope = areaIndex >= 0 ? coverage.areas : coverage.region;
  const scopeIndex = Math.max(0, areaIndex);
  const total = scope.areaKm2[scopeIndex];
  const covered = scope.coveredAreaKm2[scopeIndex];
  if (!(total > 0)) return notAvailable(rule, { zh: '统计范围面积为 0', en: 'the area in scope is zero' });
  const value = percentOf(covered, total);
  // Per-township figures only for the whole region: a township's part inside an area of interest
  // would need a polygon intersection the engine does not keep.
  const failing =
    areaIndex < 0
      ? townshipsBelowTarget(rule, context, coverage.townships.areaKm2, coverage.townships.coveredAreaKm2, ['area_km2', 'covered_km2', 'uncovered_km2'], round2)
      : [];
  const uncovered = total - covered;
  const upper = isUpperBound(rule.target.op);
  const exactNeeded = (rule.target.value * total) / 100 - covered;
  const short = Math.max(0, Math.round((upper ? -exactNeeded : exactNeeded) * 100) / 100);
  const passes = meetsTarget(value, rule.target.op, rule.target.value);
  const sentence: Bilingual = passes
    ? { zh: `${metSentence().zh}（${formatNumber(uncovered, 2)} 平方公里未覆盖）`, en: `${metSentence().en} (${formatNumber(uncovered, 2)} km² uncovered)` }
    : upper
      ? { zh: `覆盖面积须减少 ${formatNumber(short, 2)} 平方公里`, en: `${formatNumber(short, 2)} km² less covered to meet the target` }
      : {
          zh: `${formatNumber(uncovered, 2)} 平方公里未覆盖；还需覆盖 ${formatNumber(short, 2)} 平方公里才能达到 ${describeTarget(rule.target)}`,
          en: `${formatNumber(uncovered, 2)} km² uncovered; ${formatNumber(short, 2)} km² more must be covered to meet ${describeTarget(rule.target)}`,
        };
  const summary: Bilingual = {
    zh: `${formatPercent(value)} 的面积（${formatNumber(covered, 2)}/${formatNumber(total, 2)} 平方公里）在${describeReach(rule.reach, rule.radiusField).zh}内；目标 ${describeTarget(rule.target)}`,
    en: `${formatPercent(value)} of the area (${formatNumber(covered, 2)} of ${formatNumber(total, 2)} km²) within ${describeReach(rule.reach, rule.radiusField).en}; target ${describeTarget(rule.target)}`,
  };
  const method: Bilingual = {
    zh: '方法：各设施可达圆（椭球上的测地圆）的并集与单元边界相交的精确面积',
    en: 'method: exact area of the union of the facilities’ geodesic reach discs intersected with the unit boundaries',
  };
  return buildRuleResult(rule, {
    value,
    passes,
    summary,
    shortfall: { amount: short, unit: { zh: '平方公里', en: 'km²' }, sentence },
    failing,
    figures: { total_km2: round2(total), covered_km2: round2(covered), uncovered_km2: round2(uncovered), facilities: coverage.facilityIndices.length },
    provenance: reachProvenance(rule, context, method, ['facilities', 'townships']),
  });
}

/** Townships whose own covered share misses the target, most uncovered first. */
function townshipsBelowTarget(
  rule: PopulationWithinRule | AreaWithinRule,
  context: RuleContext,
  total: ArrayLike<number>,
  covered: ArrayLike<number>,
  names: [total: string, covered: string, uncovered: string],
  round: (value: number) => number,
): FailingItem[] {
  const counties = context.townshipCounty();
  const failing: FailingItem[] = [];
  context.dataset.townships.forEach((township, t) => {
    if (!(total[t] > 0)) return;
    const share = percentOf(covered[t], total[t]);
    if (meetsTarget(share, rule.target.op, rule.target.value)) return;
    failing.push({
      kind: 'township',
      code: township.code,
      name: township.name,
      index: t,
      value: share,
      figures: {
        [names[0]]: round(total[t]),
        [names[1]]: round(covered[t]),
        [names[2]]: round(total[t] - covered[t]),
        county: counties[t] >= 0 ? context.dataset.counties[counties[t]].name : null,
      },
    });
  });
  return failing.sort((a, b) => Number(b.figures[names[2]]) - Number(a.figures[names[2]]) || a.code.localeCompare(b.code));
}
