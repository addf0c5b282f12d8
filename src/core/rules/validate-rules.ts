// Validating rule JSON written by a planner: every problem is reported (not just the first), each
// naming the rule and the field, in Chinese and English. Returns normalised rules (defaults filled).

import type { AppError } from '../types.ts';
import type { AttributeCondition, ComparisonOperator, FacilityFilter, Reach } from '../coverage/coverage-types.ts';
import type { Bilingual, PresenceRequirement, Rule, RuleKind, RuleSet, RuleTarget } from './rule-types.ts';
import { RULE_KINDS } from './rule-types.ts';

export type RuleValidation<T> = { ok: true; value: T } | { ok: false; errors: AppError[] };

const TARGET_OPS = ['>=', '>', '<=', '<', '='] as const;
const CONDITION_OPS: readonly ComparisonOperator[] = ['=', '!=', '>', '>=', '<', '<=', 'in', 'truthy', 'falsy'];
/** Travel modes a rule may name ('cycle' reads as the e-bike table). */
const TRAVEL_MODES = ['walk', 'elderly-walk', 'ebike', 'cycle', 'drive'] as const;

const UNIT_OF_KIND: Record<RuleKind, RuleTarget['unit']> = {
  'unit-presence': 'percent',
  'population-within': 'percent',
  'area-within': 'percent',
  'points-covered': 'percent',
  'capacity-per-population': 'per-1000',
  count: 'count',
  'attribute-share': 'percent',
  'unit-attribute': 'percent',
};

type Json = Record<string, unknown>;

/** Collects problems for one rule; `field` paths read like `target.value` or `require[0].filter.types`. */
class RuleChecker {
  readonly errors: AppError[] = [];
  constructor(
    private readonly ruleId: string,
    private readonly ruleIndex: number,
  ) {}

  problem(field: string, zh: string, en: string): undefined {
    const name = this.ruleId || `#${this.ruleIndex + 1}`;
    this.errors.push({
      code: 'rule-invalid',
      message: { zh: `规则“${name}”的字段 ${field}：${zh}`, en: `Rule "${name}", field ${field}: ${en}` },
      field,
      featureId: this.ruleId || undefined,
      featureIndex: this.ruleIndex,
    });
    return undefined;
  }

  string(value: unknown, field: string, optional = false): string | undefined {
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'string' || value.trim() === '') return this.problem(field, '应为非空字符串', 'must be a non-empty string');
    return value;
  }

  number(value: unknown, field: string, options: { min?: number; max?: number; integer?: boolean; positive?: boolean } = {}): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.problem(field, '应为数字', 'must be a number');
    if (options.integer && !Number.isInteger(value)) return this.problem(field, '应为整数', 'must be a whole number');
    if (options.positive && value <= 0) return this.problem(field, '应大于 0', 'must be greater than 0');
    if (options.min !== undefined && value < options.min) return this.problem(field, `不能小于 ${options.min}`, `must be at least ${options.min}`);
    if (options.max !== undefined && value > options.max) return this.problem(field, `不能大于 ${options.max}`, `must be at most ${options.max}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    const list = allowed.join(', ');
    return this.problem(field, `应为以下之一：${list}`, `must be one of: ${list}`);
  }

  bilingual(value: unknown, field: string, optional = false): Bilingual | undefined {
    if (value === undefined && optional) return undefined;
    if (!isObject(value)) return this.problem(field, '应为 { "zh": …, "en": … } 对象', 'must be an object { "zh": …, "en": … }');
    const zh = this.string(value.zh, `${field}.zh`);
    const en = this.string(value.en, `${field}.en`);
    return zh !== undefined && en !== undefined ? { zh, en } : undefined;
  }

  stringList(value: unknown, field: string, optional = false): string[] | undefined {
    if (value === undefined && optional) return undefined;
    if (!Array.isArray(value) || value.length === 0) return this.problem(field, '应为非空字符串数组', 'must be a non-empty array of strings');
    const strings = value.map((item, i) => this.string(item, `${field}[${i}]`));
    return strings.every((s) => s !== undefined) ? (strings as string[]) : undefined;
  }

  condition(value: unknown, field: string): AttributeCondition | undefined {
    if (!isObject(value)) return this.problem(field, '应为条件对象 { field, op, value }', 'must be a condition object { field, op, value }');
    const conditionField = this.string(value.field, `${field}.field`);
    const op = this.oneOf(value.op, `${field}.op`, CONDITION_OPS);
    if (op === 'in' && !Array.isArray(value.value)) return this.problem(`${field}.value`, '运算符 in 需要数组', 'operator "in" needs an array');
    if (op && op !== 'truthy' && op !== 'falsy' && op !== 'in' && value.value === undefined) {
      return this.problem(`${field}.value`, `运算符 ${op} 需要比较值`, `operator "${op}" needs a value to compare with`);
    }
    if (conditionField === undefined || op === undefined) return undefined;
    return value.value === undefined ? { field: conditionField, op } : { field: conditionField, op, value: value.value };
  }

  filter(value: unknown, field: string): FacilityFilter | undefined {
    if (!isObject(value)) return this.problem(field, '应为设施筛选对象 { types, where }', 'must be a facility filter object { types, where }');
    const types = this.stringList(value.types, `${field}.types`, true);
    let where: AttributeCondition[] | undefined;
    if (value.where !== undefined) {
      if (!Array.isArray(value.where)) return this.problem(`${field}.where`, '应为条件数组', 'must be an array of conditions');
      const conditions = value.where.map((c, i) => this.condition(c, `${field}.where[${i}]`));
      if (conditions.some((c) => c === undefined)) return undefined;
      where = conditions as AttributeCondition[];
    }
    const filter: FacilityFilter = {};
    if (types) filter.types = types;
    if (where) filter.where = where;
    return filter;
  }

  reach(value: unknown, field: string): Reach | undefined {
    if (!isObject(value)) return this.problem(field, '应为可达范围对象', 'must be a reach object');
    const kind = this.oneOf(value.kind, `${field}.kind`, ['distance', 'travel-time'] as const);
    if (kind === 'distance') {
      const metres = this.number(value.metres, `${field}.metres`, { positive: true });
      return metres === undefined ? undefined : { kind, metres };
    }
    if (kind === 'travel-time') {
      const minutes = this.number(value.minutes, `${field}.minutes`, { positive: true });
      const mode = this.oneOf(value.mode, `${field}.mode`, TRAVEL_MODES);
      return minutes === undefined || mode === undefined ? undefined : { kind, minutes, mode };
    }
    return undefined;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates one rule object; `index` is its place in the set (for messages). */
export function validateRule(input: unknown, index = 0): RuleValidation<Rule> {
  const rawId = isObject(input) && typeof input.id === 'string' ? input.id : '';
  const check = new RuleChecker(rawId, index);
  if (!isObject(input)) {
    check.problem('(rule)', '规则应为 JSON 对象', 'a rule must be a JSON object');
    return { ok: false, errors: check.errors };
  }
  const id = check.string(input.id, 'id');
  const title = check.bilingual(input.title, 'title');
  const source = check.string(input.source, 'source', true);
  const kind = check.oneOf(input.kind, 'kind', RULE_KINDS);
  let enabled = true;
  if (input.enabled !== undefined) {
    if (typeof input.enabled === 'boolean') enabled = input.enabled;
    else check.problem('enabled', '应为 true 或 false', 'must be true or false');
  }
  const facilityLabel = check.bilingual(input.facilityLabel, 'facilityLabel', true);
  const note = check.bilingual(input.note, 'note', true);
  const target = validateTarget(check, input.target, kind);
  const specific = kind ? validateKindFields(check, input, kind) : undefined;
  if (check.errors.length > 0 || !id || !title || !kind || !target || !specific) {
    return { ok: false, errors: check.errors };
  }
  const rule = { id, title, kind, target, enabled, ...specific } as Rule;
  if (source !== undefined) rule.source = source;
  if (facilityLabel) rule.facilityLabel = facilityLabel;
  if (note) rule.note = note;
  return { ok: true, value: rule };
}

function validateTarget(check: RuleChecker, value: unknown, kind: RuleKind | undefined): RuleTarget | undefined {
  if (!isObject(value)) return check.problem('target', '应为目标对象 { op, value, unit }', 'must be a target object { op, value, unit }');
  const op = check.oneOf(value.op, 'target.op', TARGET_OPS);
  const expectedUnit = kind ? UNIT_OF_KIND[kind] : undefined;
  const unit = value.unit === undefined && expectedUnit ? expectedUnit : check.oneOf(value.unit, 'target.unit', ['percent', 'count', 'per-1000'] as const);
  if (unit && expectedUnit && unit !== expectedUnit) {
    return check.problem('target.unit', `${kind} 规则的单位应为 ${expectedUnit}`, `a ${kind} rule's unit must be "${expectedUnit}"`);
  }
  const bounds = unit === 'percent' ? { min: 0, max: 100 } : { min: 0 };
  const target = check.number(value.value, 'target.value', bounds);
  if (op === undefined || unit === undefined || target === undefined) return undefined;
  return { op, value: target, unit };
}

function validateKindFields(check: RuleChecker, input: Json, kind: RuleKind): Record<string, unknown> | undefined {
  switch (kind) {
    case 'unit-presence': {
      const level = check.oneOf(input.level, 'level', ['township', 'county', 'village'] as const);
      const require = validateRequirements(check, input);
      return level && require ? { level, require } : undefined;
    }
    case 'population-within':
    case 'area-within':
    case 'points-covered': {
      const filter = check.filter(input.filter, 'filter');
      const reach = check.reach(input.reach, 'reach');
      const radiusField = check.string(input.radiusField, 'radiusField', true);
      const areaCode = check.string(input.areaCode, 'areaCode', true);
      const fields: Record<string, unknown> = { filter, reach };
      if (radiusField) fields.radiusField = radiusField;
      if (areaCode) fields.areaCode = areaCode;
      if (kind === 'population-within') {
        const cohort = check.string(input.cohort, 'cohort', true);
        if (cohort) fields.cohort = cohort;
      }
      if (kind === 'points-covered') fields.placeKinds = check.stringList(input.placeKinds, 'placeKinds');
      return Object.values(fields).every((v) => v !== undefined) ? fields : undefined;
    }
    case 'capacity-per-population': {
      const filter = check.filter(input.filter, 'filter');
      const level = check.oneOf(input.level ?? 'region', 'level', ['region', 'county', 'township'] as const);
      const fields: Record<string, unknown> = { filter, level };
      if (input.breakdown !== undefined) fields.breakdown = check.oneOf(input.breakdown, 'breakdown', ['county', 'township'] as const);
      if (input.cohort !== undefined) fields.cohort = check.string(input.cohort, 'cohort');
      if (input.capacityField !== undefined) fields.capacityField = check.string(input.capacityField, 'capacityField');
      if (input.capacityLabel !== undefined) fields.capacityLabel = check.bilingual(input.capacityLabel, 'capacityLabel');
      const method = check.oneOf(input.method ?? 'ratio', 'method', ['ratio', 'two-step-fca'] as const);
      fields.method = method;
      if (method === 'two-step-fca' && input.capacityField !== undefined) {
        check.problem('capacityField', '两步移动搜寻法使用各设施的容量（capacity），不能另选字段', 'the 2SFCA method uses each facility\'s capacity; capacityField cannot be used with it');
      }
      if (method === 'two-step-fca' || input.catchmentMetres !== undefined) {
        fields.catchmentMetres = check.number(input.catchmentMetres, 'catchmentMetres', { positive: true });
      }
      return Object.values(fields).every((v) => v !== undefined) ? fields : undefined;
    }
    case 'count': {
      const filter = check.filter(input.filter, 'filter');
      return filter ? { filter } : undefined;
    }
    case 'attribute-share':
      return validateAttributeShare(check, input);
    case 'unit-attribute': {
      const level = check.oneOf(input.level, 'level', ['township', 'county'] as const);
      const condition = check.condition(input.condition, 'condition');
      return level && condition ? { level, condition } : undefined;
    }
  }
}

/** `require: [{ filter, minCount }]`, or the shorthand `filter` + `minCount` for one requirement. */
function validateRequirements(check: RuleChecker, input: Json): PresenceRequirement[] | undefined {
  const raw = input.require ?? (input.filter !== undefined ? [{ filter: input.filter, minCount: input.minCount ?? 1 }] : undefined);
  if (!Array.isArray(raw) || raw.length === 0) {
    return check.problem('require', '应为非空数组 [{ filter, minCount }]（或给出 filter）', 'must be a non-empty array [{ filter, minCount }] (or give filter)');
  }
  const requirements = raw.map((item, i): PresenceRequirement | undefined => {
    if (!isObject(item)) return check.problem(`require[${i}]`, '应为 { filter, minCount } 对象', 'must be an object { filter, minCount }');
    const filter = check.filter(item.filter, `require[${i}].filter`);
    const minCount = check.number(item.minCount ?? 1, `require[${i}].minCount`, { integer: true, min: 1 });
    const label = check.bilingual(item.label, `require[${i}].label`, true);
    if (!filter || minCount === undefined) return undefined;
    return label ? { filter, minCount, label } : { filter, minCount };
  });
  return requirements.every((r) => r !== undefined) ? (requirements as PresenceRequirement[]) : undefined;
}

function validateAttributeShare(check: RuleChecker, input: Json): Record<string, unknown> | undefined {
  const filter = check.filter(input.filter, 'filter');
  const hasCondition = input.condition !== undefined;
  const hasRatio = input.sumRatio !== undefined;
  if (hasCondition === hasRatio) {
    return check.problem('condition', '应给出 condition 或 sumRatio 之一（且只能一个）', 'give exactly one of condition or sumRatio');
  }
  if (hasCondition) {
    const list = Array.isArray(input.condition) ? input.condition : [input.condition];
    const conditions = list.map((c, i) => check.condition(c, `condition[${i}]`));
    if (!filter || conditions.some((c) => c === undefined)) return undefined;
    return { filter, condition: conditions };
  }
  const ratio = input.sumRatio;
  if (!isObject(ratio)) return check.problem('sumRatio', '应为 { numeratorField, denominatorField } 对象', 'must be an object { numeratorField, denominatorField }');
  const numeratorField = check.string(ratio.numeratorField, 'sumRatio.numeratorField');
  const denominatorField = check.string(ratio.denominatorField, 'sumRatio.denominatorField');
  const label = check.bilingual(ratio.label, 'sumRatio.label', true);
  if (!filter || !numeratorField || !denominatorField) return undefined;
  return { filter, sumRatio: label ? { numeratorField, denominatorField, label } : { numeratorField, denominatorField } };
}

/** Validates a rule set `{ id, name, rules }` or a bare array of rules; rule ids must be unique. */
export function validateRuleSet(input: unknown): RuleValidation<RuleSet> {
  const errors: AppError[] = [];
  const setProblem = (field: string, zh: string, en: string) =>
    errors.push({ code: 'rule-set-invalid', message: { zh: `规则集字段 ${field}：${zh}`, en: `Rule set, field ${field}: ${en}` }, field });
  let rawRules: unknown;
  let id = 'custom';
  let name: Bilingual = { zh: '自定义规则', en: 'Custom rules' };
  let description: Bilingual | undefined;
  if (Array.isArray(input)) rawRules = input;
  else if (isObject(input)) {
    rawRules = input.rules;
    if (typeof input.id === 'string' && input.id) id = input.id;
    else setProblem('id', '应为非空字符串', 'must be a non-empty string');
    const nameCheck = new RuleChecker('', 0);
    const checkedName = nameCheck.bilingual(input.name, 'name');
    if (checkedName) name = checkedName;
    else setProblem('name', '应为 { "zh": …, "en": … } 对象', 'must be an object { "zh": …, "en": … }');
    if (input.description !== undefined) {
      description = nameCheck.bilingual(input.description, 'description');
      if (!description) setProblem('description', '应为 { "zh": …, "en": … } 对象', 'must be an object { "zh": …, "en": … }');
    }
  } else {
    setProblem('(root)', '应为规则集对象或规则数组', 'must be a rule set object or an array of rules');
    return { ok: false, errors };
  }
  if (!Array.isArray(rawRules)) {
    setProblem('rules', '应为规则数组', 'must be an array of rules');
    return { ok: false, errors };
  }
  const rules: Rule[] = [];
  const seen = new Set<string>();
  rawRules.forEach((raw, index) => {
    const result = validateRule(raw, index);
    if (!result.ok) {
      errors.push(...result.errors);
      return;
    }
    if (seen.has(result.value.id)) {
      const duplicate = new RuleChecker(result.value.id, index);
      duplicate.problem('id', '与前面的规则重复', 'repeats an earlier rule id');
      errors.push(...duplicate.errors);
      return;
    }
    seen.add(result.value.id);
    rules.push(result.value);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: description ? { id, name, description, rules } : { id, name, rules } };
}
