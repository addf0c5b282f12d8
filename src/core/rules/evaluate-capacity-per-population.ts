// capacity-per-population: capacity (places, beds, doctors) per 1,000 people or per 1,000 of a
// cohort, for the region or every county / township, with a per-unit pass list. Shortfall:
// capacity needed = ceil(target × population / 1000 − capacity), summed over failing units when the
// target applies to every unit. The 2SFCA variant uses the spatial index instead of unit sums.

import type { RunOptions } from '../types.ts';
import type { Bilingual, CapacityPerPopulationRule, FailingItem, RuleResult } from './rule-types.ts';
import type { RuleContext } from './rule-context.ts';
import { buildRuleResult, metSentence, notAvailable } from './build-rule-result.ts';
import { translateBoth } from '../i18n/translate.ts';
import { isUpperBound, meetsTarget } from './compare-target.ts';
import {
  CELL_NOTE,
  cohortLabel,
  describeFilter,
  describeTarget,
  ELLIPSOID_NOTE,
  joinProvenance,
  layersUsed,
  unitCount,
  UNIT_NOUNS,
  zhMeasureWord,
} from './describe-rule-inputs.ts';
import { formatNumber, round2 } from './format-figures.ts';

interface UnitSupply {
  population: Float64Array;
  /** Capacity in the unit (ratio method) or capacity reached per the 2SFCA index × population / 1000. */
  capacity: Float64Array;
  perThousand: Float64Array;
}

/** Capacity needed to lift (or cut, for upper bounds) a unit to the target. */
function neededCapacity(rule: CapacityPerPopulationRule, population: number, capacity: number): number {
  const exact = (rule.target.value * population) / 1000 - capacity;
  return isUpperBound(rule.target.op) ? Math.max(0, Math.ceil(-exact - 1e-9)) : Math.max(0, Math.ceil(exact - 1e-9));
}

function facilityCapacity(rule: CapacityPerPopulationRule, context: RuleContext, f: number): number | null {
  const facility = context.dataset.facilities[f];
  const raw = rule.capacityField ? facility.properties[rule.capacityField] : facility.capacity;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(value) ? value : null;
}

function ratioSupply(rule: CapacityPerPopulationRule, context: RuleContext, level: 'township' | 'county', selected: Uint32Array): UnitSupply {
  const population = context.unitPopulation(level, rule.cohort)!;
  const capacity = new Float64Array(population.length);
  const facilityUnit = context.facilityUnit(level);
  for (const f of selected) if (facilityUnit[f] >= 0) capacity[facilityUnit[f]] += facilityCapacity(rule, context, f) ?? 0;
  const perThousand = Float64Array.from(population, (p, u) => (p > 0 ? (1000 * capacity[u]) / p : 0));
  return { population, capacity, perThousand };
}

function fcaSupply(rule: CapacityPerPopulationRule, context: RuleContext, level: 'township' | 'county', run?: RunOptions): UnitSupply {
  const result = context.twoStepFca(rule.filter, rule.catchmentMetres!, rule.cohort, run);
  const population = context.unitPopulation(level, rule.cohort)!;
  const perThousand = level === 'township' ? result.townships : result.counties;
  const capacity = Float64Array.from(population, (p, u) => (perThousand[u] * p) / 1000);
  return { population, capacity, perThousand };
}

interface Outcome {
  value: number;
  passes: boolean;
  short: number;
  unitsBelow: number;
}

function regionOutcome(rule: CapacityPerPopulationRule, population: number, capacity: number): Outcome {
  const value = (1000 * capacity) / population;
  const passes = meetsTarget(value, rule.target.op, rule.target.value);
  return { value, passes, short: neededCapacity(rule, population, capacity), unitsBelow: 0 };
}

/** The target applies to every unit: the value is the lowest unit's ratio, the shortfall summed over units below. */
function everyUnitOutcome(rule: CapacityPerPopulationRule, supply: UnitSupply): Outcome {
  let value = Infinity;
  let short = 0;
  let unitsBelow = 0;
  supply.population.forEach((population, u) => {
    if (!(population > 0)) return;
    value = Math.min(value, supply.perThousand[u]);
    if (!meetsTarget(supply.perThousand[u], rule.target.op, rule.target.value)) {
      unitsBelow += 1;
      short += neededCapacity(rule, population, supply.capacity[u]);
    }
  });
  return { value, passes: unitsBelow === 0, short, unitsBelow };
}

function capacityWords(rule: CapacityPerPopulationRule, unitLevel: 'county' | 'township' | null, outcome: Outcome) {
  const capacity = rule.capacityLabel ?? { zh: '容量', en: 'capacity units' };
  const measure = zhMeasureWord(capacity.zh);
  const people = cohortLabel(rule.cohort);
  const per: Bilingual = rule.cohort ? { zh: `每千名${people.zh}`, en: `per 1,000 ${people.en}` } : { zh: '每千人', en: 'per 1,000 people' };
  const scope: Bilingual = unitLevel ? { zh: `最低的${UNIT_NOUNS[unitLevel].zh}`, en: `lowest ${UNIT_NOUNS[unitLevel].en}` } : { zh: '全市', en: 'region' };
  const { passes, short, unitsBelow } = outcome;
  const sentence: Bilingual = passes
    ? metSentence()
    : isUpperBound(rule.target.op)
      ? { zh: `须减少 ${formatNumber(short)} ${measure}${capacity.zh}`, en: `${formatNumber(short)} fewer ${capacity.en} to meet the target` }
      : unitLevel
        ? {
            zh: `${unitCount(unitLevel, unitsBelow).zh}低于目标，共还需 ${formatNumber(short)} ${measure}${capacity.zh}`,
            en: `${unitCount(unitLevel, unitsBelow).en} below target; ${formatNumber(short)} more ${capacity.en} needed there`,
          }
        : { zh: `还需 ${formatNumber(short)} ${measure}${capacity.zh}`, en: `${formatNumber(short)} more ${capacity.en} needed` };
  return { capacity, measure, per, scope, sentence };
}

export function evaluateCapacityPerPopulation(rule: CapacityPerPopulationRule, context: RuleContext, run?: RunOptions): RuleResult {
  if (rule.cohort && !context.prepared.cohortNames.includes(rule.cohort)) {
    return notAvailable(rule, translateBoth('rule.cohort-missing', { group: cohortLabel(rule.cohort), field: rule.cohort }));
  }
  if (context.dataset.townships.length === 0) {
    return notAvailable(rule, { zh: '数据集中没有乡镇（街道）边界', en: 'the dataset has no township boundaries' });
  }
  const twoStep = rule.method === 'two-step-fca';
  const selected = context.selected(rule.filter);
  const supplyAt = (level: 'township' | 'county') => (twoStep ? fcaSupply(rule, context, level, run) : ratioSupply(rule, context, level, selected));
  const townshipSupply = supplyAt('township');
  const regionPopulation = townshipSupply.population.reduce((s, v) => s + v, 0);
  const regionCapacity = townshipSupply.capacity.reduce((s, v) => s + v, 0);
  if (!(regionPopulation > 0)) {
    const people = cohortLabel(rule.cohort);
    return notAvailable(rule, { zh: `统计范围内没有${people.zh}`, en: `there are no ${people.en} in scope` });
  }
  const regionRatio = (1000 * regionCapacity) / regionPopulation;
  const breakdown = rule.breakdown ?? (rule.level === 'region' ? 'county' : rule.level);
  const listSupply = breakdown === 'township' ? townshipSupply : supplyAt('county');
  const levelSupply = rule.level === 'region' ? null : rule.level === breakdown ? listSupply : supplyAt(rule.level);
  const meets = (ratio: number) => meetsTarget(ratio, rule.target.op, rule.target.value);
  const units = breakdown === 'township' ? context.dataset.townships : context.dataset.counties;
  const failing: FailingItem[] = [];
  units.forEach((unit, u) => {
    const population = listSupply.population[u];
    if (!(population > 0) || meets(listSupply.perThousand[u])) return;
    failing.push({
      kind: breakdown,
      code: unit.code,
      name: unit.name,
      index: u,
      value: round2(listSupply.perThousand[u]),
      figures: {
        population: Math.round(population),
        capacity: round2(listSupply.capacity[u]),
        per_1000: round2(listSupply.perThousand[u]),
        needed: neededCapacity(rule, population, listSupply.capacity[u]),
      },
    });
  });
  failing.sort((a, b) => Number(b.figures.needed) - Number(a.figures.needed) || a.code.localeCompare(b.code));

  const unitLevel = rule.level === 'region' ? null : rule.level;
  const outcome = levelSupply && unitLevel ? everyUnitOutcome(rule, levelSupply) : regionOutcome(rule, regionPopulation, regionCapacity);
  const { value, passes, short, unitsBelow } = outcome;
  const words = capacityWords(rule, unitLevel, { value, passes, short, unitsBelow });
  const summary: Bilingual = {
    zh: `${words.scope.zh}${words.per.zh} ${formatNumber(value, 2)} ${words.measure}${words.capacity.zh}（全市 ${formatNumber(Math.round(regionCapacity))} ${words.measure}，${formatNumber(Math.round(regionPopulation))} 人）；目标 ${describeTarget(rule.target)}`,
    en: `${words.scope.en}: ${formatNumber(value, 2)} ${words.capacity.en} ${words.per.en} (region: ${formatNumber(Math.round(regionCapacity))} for ${formatNumber(Math.round(regionPopulation))}); target ${describeTarget(rule.target)}`,
  };
  const people = cohortLabel(rule.cohort);
  const method: Bilingual = twoStep
    ? {
        zh: `方法：两步移动搜寻法（2SFCA），搜寻半径 ${formatNumber(rule.catchmentMetres!)} 米；单元值为网格指数按人口加权平均，“可达容量”= 指数 × 人口 / 1000`,
        en: `method: two-step floating catchment area (2SFCA), catchment ${formatNumber(rule.catchmentMetres!)} m; unit value is the population-weighted mean of the cell index, "capacity reached" = index × population / 1000`,
      }
    : {
        zh: `方法：单元内设施${rule.capacityField ? ` ${rule.capacityField} 字段` : '容量'}之和 ÷ 单元内${people.zh} × 1000（设施按点位归属单元）`,
        en: `method: sum of ${rule.capacityField ? `the ${rule.capacityField} field` : 'capacity'} of the facilities located in the unit ÷ its ${people.en} × 1,000`,
      };
  const missingCapacity = twoStep ? 0 : Array.from(selected).filter((f) => facilityCapacity(rule, context, f) === null).length;
  return buildRuleResult(rule, {
    value,
    passes,
    summary,
    shortfall: { amount: short, unit: words.capacity, sentence: words.sentence },
    failing,
    figures: {
      population: Math.round(regionPopulation),
      capacity: round2(regionCapacity),
      region_per_1000: round2(regionRatio),
      facilities: selected.length,
      facilities_without_capacity: missingCapacity,
      ...(unitLevel ? { units_below: unitsBelow } : {}),
    },
    provenance: joinProvenance([
      method,
      describeFilter(rule.filter),
      {
        zh: `目标：${words.per.zh} ${describeTarget(rule.target)}，适用于${unitLevel ? `每个${UNIT_NOUNS[unitLevel].zh}` : '全市'}`,
        en: `threshold: ${describeTarget(rule.target)} ${words.per.en}, applied to ${unitLevel ? `every ${UNIT_NOUNS[unitLevel].en}` : 'the region'}`,
      },
      CELL_NOTE,
      ...(twoStep ? [ELLIPSOID_NOTE] : []),
      ...(missingCapacity > 0 ? [{ zh: `${missingCapacity} 个设施缺少容量，按 0 计`, en: `${missingCapacity} facilities lack a capacity and count as 0` }] : []),
      layersUsed(['facilities', 'population', breakdown === 'township' ? 'townships' : 'counties']),
    ]),
  });
}
