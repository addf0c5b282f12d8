// Words for rule sentences and provenance lines: units, cohorts, filters, reach, conditions.

import type { AttributeCondition, FacilityFilter, Reach } from '../coverage/coverage-types.ts';
import type { Bilingual, Rule, RuleTarget, UnitLevel } from './rule-types.ts';
import { formatNumber } from './format-figures.ts';
import { servedGroupName } from '../analysis/service-catalog.ts';

export const UNIT_NOUNS: Record<UnitLevel | 'region', { zh: string; en: string; enPlural: string }> = {
  township: { zh: '乡镇（街道）', en: 'township', enPlural: 'townships' },
  county: { zh: '县（市、区）', en: 'county', enPlural: 'counties' },
  village: { zh: '村（社区）', en: 'village', enPlural: 'villages' },
  region: { zh: '全市', en: 'region', enPlural: 'regions' },
};

/** English plural of a noun phrase's last word: centre → centres, nursery → nurseries. */
export function pluralize(phrase: string, count = 2): string {
  if (count === 1) return phrase;
  if (/[^aeiou]y$/i.test(phrase)) return phrase.slice(0, -1) + 'ies';
  if (/(s|x|z|ch|sh)$/i.test(phrase)) return phrase + 'es';
  return phrase + 's';
}

/** "a centre" / "an emergency-broadcast terminal". */
export function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/** "1 township" / "4 townships". */
export function unitCount(level: UnitLevel | 'region', count: number): Bilingual {
  const noun = UNIT_NOUNS[level];
  return { zh: `${formatNumber(count)} 个${noun.zh}`, en: `${formatNumber(count)} ${count === 1 ? noun.en : noun.enPlural}` };
}

/** Who a rule counts: a cohort's name from the catalog's served groups, or everyone. */
export function cohortLabel(cohort: string | undefined): Bilingual {
  return servedGroupName(cohort);
}

/** The Chinese measure word for a counted noun: 名 for people (医生, 教师, …), 张 for beds, else 个. */
export function zhMeasureWord(noun: string): string {
  if (/(医生|医师|护士|教师|老师|顾问|社工|员)$/.test(noun)) return '名';
  if (/床位?$/.test(noun)) return '张';
  return '个';
}

export function describeCondition(condition: AttributeCondition): string {
  if (condition.op === 'truthy') return `${condition.field}`;
  if (condition.op === 'falsy') return `not ${condition.field}`;
  const value = Array.isArray(condition.value) ? `[${condition.value.join(', ')}]` : String(condition.value);
  return `${condition.field} ${condition.op} ${value}`;
}

function describeConditionZh(condition: AttributeCondition): string {
  if (condition.op === 'truthy') return `${condition.field} 为是`;
  if (condition.op === 'falsy') return `${condition.field} 为否`;
  const value = Array.isArray(condition.value) ? `[${condition.value.join('、')}]` : String(condition.value);
  return `${condition.field} ${condition.op === 'in' ? '属于' : condition.op} ${value}`;
}

export function describeConditions(conditions: AttributeCondition[]): Bilingual {
  return {
    zh: conditions.map(describeConditionZh).join(' 且 '),
    en: conditions.map(describeCondition).join(' and '),
  };
}

/** "type nursery where public" — the facilities a rule counts. */
export function describeFilter(filter: FacilityFilter): Bilingual {
  const types = filter.types && filter.types.length > 0 ? filter.types.join(' / ') : null;
  const where = filter.where && filter.where.length > 0 ? describeConditions(filter.where) : null;
  return {
    zh: `设施类型 ${types ?? '（全部）'}${where ? `，条件 ${where.zh}` : ''}`,
    en: `facility type ${types ?? '(any)'}${where ? ` where ${where.en}` : ''}`,
  };
}

/** What the matching facilities are called: the rule's label, else the filter's types. */
export function facilityNoun(rule: Rule, filter?: FacilityFilter): Bilingual {
  if (rule.facilityLabel) return rule.facilityLabel;
  const types = filter?.types?.join(' / ');
  return types ? { zh: `${types} 设施`, en: `${types} facility` } : { zh: '符合条件的设施', en: 'matching facility' };
}

const MODE_WORDS: Record<string, Bilingual> = {
  walk: { zh: '步行', en: 'walk' },
  cycle: { zh: '骑行', en: 'cycle' },
  drive: { zh: '驾车', en: 'drive' },
};

export function describeReach(reach: Reach, radiusField?: string): Bilingual {
  if (reach.kind === 'travel-time') {
    const mode = MODE_WORDS[reach.mode] ?? { zh: reach.mode, en: reach.mode };
    return { zh: `${mode.zh} ${formatNumber(reach.minutes)} 分钟`, en: `${formatNumber(reach.minutes)} min ${mode.en}` };
  }
  const metres = formatNumber(reach.metres);
  if (radiusField) {
    return {
      zh: `各设施的 ${radiusField} 半径（缺失时 ${metres} 米）直线距离`,
      en: `each facility's ${radiusField} radius (${metres} m where missing), straight line`,
    };
  }
  return { zh: `直线距离 ${metres} 米`, en: `${metres} m straight line` };
}

export function describeTarget(target: RuleTarget): string {
  const unit = target.unit === 'percent' ? '%' : target.unit === 'per-1000' ? ' ‰ (per 1,000)' : '';
  return `${target.op} ${formatNumber(target.value, Number.isInteger(target.value) ? 0 : 1)}${unit}`;
}

export const ELLIPSOID_NOTE: Bilingual = {
  zh: '距离与面积按 CGCS2000/GRS80 椭球计算（非球面近似）',
  en: 'distances and areas on the CGCS2000/GRS80 ellipsoid (not a sphere)',
};

export const CELL_NOTE: Bilingual = {
  zh: '人口按网格质心计：质心在可达范围内即整格计为覆盖，质心所在单元即其归属单元',
  en: 'population by cell centroid: a cell counts as covered when its centroid is within reach, and belongs to the unit holding its centroid',
};

export const OVERLAP_NOTE: Bilingual = {
  zh: '被多个设施覆盖的人或地点只计一次',
  en: 'a person or place reached by several facilities counts once',
};

/** Joins provenance parts into one line per language. */
export function joinProvenance(parts: Bilingual[]): Bilingual {
  return { zh: parts.map((p) => p.zh).join('；') + '。', en: parts.map((p) => p.en).join('; ') + '.' };
}

/** "Layers: facilities (nursery), population grid". */
export function layersUsed(layers: string[]): Bilingual {
  const zhNames: Record<string, string> = {
    facilities: '设施',
    population: '人口网格',
    townships: '乡镇（街道）边界',
    counties: '县（市、区）边界',
    places: '目标地点',
    areas: '关注区域',
  };
  return {
    zh: `使用图层：${layers.map((l) => zhNames[l] ?? l).join('、')}`,
    en: `layers used: ${layers.join(', ')}`,
  };
}
