// Words for rule sentences and provenance lines: units, cohorts, filters, reach, conditions.

import type { AttributeCondition, ComparisonOperator, FacilityFilter, Reach } from '../coverage/coverage-types.ts';
import type { Bilingual, Rule, RuleTarget, UnitLevel } from './rule-types.ts';
import { formatNumber } from './format-figures.ts';
import { servedGroupName, serviceDefinition } from '../analysis/service-catalog.ts';
import { MESSAGES, type MessageKey } from '../i18n/messages.ts';
import { isMessageKey, translateBoth } from '../i18n/translate.ts';

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

const OPERATOR_KEYS = {
  '>=': 'operator.gte',
  '>': 'operator.gt',
  '<=': 'operator.lte',
  '<': 'operator.lt',
  '=': 'operator.eq',
  '!=': 'operator.ne',
  in: 'operator.in',
  truthy: 'operator.truthy',
  falsy: 'operator.falsy',
} as const satisfies Record<ComparisonOperator, MessageKey>;

/** An operator in words or symbols, from the translation table (≥, 属于 / is one of, 为是 / is true). */
function operatorWord(op: ComparisonOperator): Bilingual {
  return MESSAGES[OPERATOR_KEYS[op]];
}

/** "public 为是" / "public is true", "grade 属于 [二级、三级]" / "grade is one of [二级, 三级]". Field names are data. */
function describeCondition(condition: AttributeCondition): Bilingual {
  const op = operatorWord(condition.op);
  if (condition.op === 'truthy' || condition.op === 'falsy') return { zh: `${condition.field} ${op.zh}`, en: `${condition.field} ${op.en}` };
  const list = (separator: string) => (Array.isArray(condition.value) ? `[${condition.value.join(separator)}]` : String(condition.value));
  return { zh: `${condition.field} ${op.zh} ${list('、')}`, en: `${condition.field} ${op.en} ${list(', ')}` };
}

export function describeConditions(conditions: AttributeCondition[]): Bilingual {
  const and = MESSAGES['rule-text.and'];
  const parts = conditions.map(describeCondition);
  return { zh: parts.map((p) => p.zh).join(and.zh), en: parts.map((p) => p.en).join(and.en) };
}

/** Service names of facility types from the catalog (a type nobody described is named by itself). */
function serviceNames(types: string[]): Bilingual {
  const names = types.map((type) => serviceDefinition(type).name);
  return { zh: names.map((n) => n.zh).join('、'), en: names.map((n) => n.en).join(' / ') };
}

/** "设施类型 托育机构，条件 public 为是" / "facility type Nurseries where public is true" — the facilities a rule counts. */
export function describeFilter(filter: FacilityFilter): Bilingual {
  const types = filter.types && filter.types.length > 0 ? serviceNames(filter.types) : MESSAGES['rule-text.any-facility'];
  if (filter.where && filter.where.length > 0) return translateBoth('rule-text.facility-filter-where', { types, where: describeConditions(filter.where) });
  return translateBoth('rule-text.facility-filter', { types });
}

/** What the matching facilities are called: the rule's label, else the catalog's names of the filter's types. */
export function facilityNoun(rule: Rule, filter?: FacilityFilter): Bilingual {
  if (rule.facilityLabel) return rule.facilityLabel;
  if (!filter?.types || filter.types.length === 0) return MESSAGES['rule-text.matching-facility'];
  return translateBoth('rule-text.facility-of', { names: serviceNames(filter.types) });
}

/** Target-place kinds by name: 城市社区 / Urban community; a kind the table does not know is named by itself. */
export function placeKindNames(kinds: string[]): Bilingual {
  const names = kinds.map((kind) => (isMessageKey(`place-kind.${kind}`) ? MESSAGES[`place-kind.${kind}` as MessageKey] : { zh: kind, en: kind }));
  return { zh: names.map((n) => n.zh).join('、'), en: names.map((n) => n.en).join(' / ') };
}

const MODE_WORDS: Record<string, Bilingual> = {
  walk: { zh: '步行', en: 'walk' },
  'elderly-walk': { zh: '老年人步行', en: 'elderly walk' },
  ebike: { zh: '电动自行车', en: 'e-bike' },
  cycle: { zh: '电动自行车', en: 'e-bike' },
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

/** "≥ 60%", "≥ 4.5 ‰", "≥ 3": symbols and units that read the same in both languages (the sentence names what per 1,000). */
export function describeTarget(target: RuleTarget): string {
  const unit = target.unit === 'percent' ? '%' : target.unit === 'per-1000' ? ' ‰' : '';
  return `${operatorWord(target.op).zh} ${formatNumber(target.value, Number.isInteger(target.value) ? 0 : 1)}${unit}`;
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
