// Services from the planner's own data: a type mapping sends each distinct type value of their
// facility layers ("elder_centre", "broadcast") to a catalog service or to a new service with a name
// and a served group. The CLI reads it from --type-map (a JSON file or inline value=service pairs),
// the app from its import dialog; both apply it here, so the rules and the tables see catalog types.
//
// JSON shape: { "<type value>": "<catalog service>" | { "service": "<id>", "name": { "zh", "en" },
//   "servedGroup"?: "all" | "age0_3" | "age0_14" | "age60plus" | "<cohort field>", "defaultMetres"?: number,
//   "capacityUnit"?: { "zh", "en" } } }
import type { Facility, Result } from '../types.ts';
import { fail, ok } from '../types.ts';
import type { Bilingual } from '../rules/rule-types.ts';
import { MESSAGES } from '../i18n/messages.ts';
import { checkRadiusMetres } from '../limits.ts';
import { BUILT_IN_SERVICES, isKnownService, type ServiceCatalog, type ServiceDefinition } from './service-catalog.ts';

/** Type value → service id (a catalog service, or one of `services`). */
export interface TypeMapping {
  types: Record<string, string>;
  /** The new services the mapping defines. */
  services: ServiceDefinition[];
}

export const EMPTY_TYPE_MAPPING: TypeMapping = { types: {}, services: [] };

/** The built-in services followed by the mapping's own. */
export function catalogWithMapping(mapping: TypeMapping, base: ServiceCatalog = BUILT_IN_SERVICES): ServiceCatalog {
  return [...base, ...mapping.services];
}

const SERVICE_ID = /^[\p{L}\p{N}_-]{1,64}$/u;
const COHORT_FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBilingual(value: unknown): value is Bilingual {
  return isObject(value) && typeof value.zh === 'string' && typeof value.en === 'string' && value.zh.trim() !== '' && value.en.trim() !== '';
}

/** Quoted in messages: a type value or id cut to 40 characters, control characters shown as \u{…}. */
function quote(text: string): string {
  const clipped = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  // eslint-disable-next-line no-control-regex
  return clipped.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

function newService(id: string, entry: Record<string, unknown>, errors: Bilingual[]): ServiceDefinition | null {
  const where = quote(id);
  if (!isBilingual(entry.name)) {
    errors.push({ zh: `新服务“${where}”须有中英文名称 name: { zh, en }`, en: `the new service "${where}" needs a name: { zh, en }` });
    return null;
  }
  const group = entry.servedGroup;
  if (group !== undefined && (typeof group !== 'string' || (group !== 'all' && !COHORT_FIELD.test(group)))) {
    errors.push({ zh: `新服务“${where}”的 servedGroup 应为 all 或人口图层的年龄组字段名`, en: `servedGroup of the new service "${where}" must be "all" or an age-group field of the population layer` });
    return null;
  }
  let defaultMetres = 1000;
  if (entry.defaultMetres !== undefined) {
    const checked = typeof entry.defaultMetres === 'number' ? checkRadiusMetres(entry.defaultMetres) : null;
    if (!checked?.ok) {
      errors.push({ zh: `新服务“${where}”的 defaultMetres：${checked ? checked.message.zh : '应为数字'}`, en: `defaultMetres of the new service "${where}": ${checked ? checked.message.en : 'must be a number'}` });
      return null;
    }
    defaultMetres = checked.value;
  }
  if (entry.capacityUnit !== undefined && !isBilingual(entry.capacityUnit)) {
    errors.push({ zh: `新服务“${where}”的 capacityUnit 应为 { zh, en }`, en: `capacityUnit of the new service "${where}" must be { zh, en }` });
    return null;
  }
  return {
    type: id,
    name: { zh: entry.name.zh.trim(), en: entry.name.en.trim() },
    ...(typeof group === 'string' && group !== 'all' ? { servedGroup: group } : {}),
    defaultMetres,
    capacityUnit: (entry.capacityUnit as Bilingual | undefined) ?? MESSAGES['capacity-unit.capacity'],
  };
}

/** Checks a type mapping (parsed JSON) against the catalog; every problem is listed, bilingual. */
export function validateTypeMapping(json: unknown, catalog: ServiceCatalog = BUILT_IN_SERVICES): Result<TypeMapping> {
  const errors: Bilingual[] = [];
  if (!isObject(json)) {
    return fail({ code: 'invalid-type-map', message: { zh: '类型映射应为 JSON 对象：{ "类型值": "服务" }', en: 'a type mapping must be a JSON object: { "type value": "service" }' } });
  }
  const types: Record<string, string> = {};
  const services: ServiceDefinition[] = [];
  const entries = Object.entries(json);
  // New services first, so a plain value may point at a new service defined by another entry.
  for (const [value, target] of entries) {
    if (!isObject(target)) continue;
    const id = target.service;
    if (typeof id !== 'string' || !SERVICE_ID.test(id)) {
      errors.push({ zh: `类型值“${quote(value)}”：service 应为服务代码（字母、数字、汉字、- 或 _）`, en: `type value "${quote(value)}": service must be a service id (letters, digits, - or _)` });
      continue;
    }
    if (isKnownService(id, catalog)) {
      if (target.name !== undefined) errors.push({ zh: `服务“${quote(id)}”已在目录中，不能重新定义`, en: `the service "${quote(id)}" is in the catalog already and cannot be redefined` });
      else types[value] = id;
      continue;
    }
    const existing = services.find((service) => service.type === id);
    if (existing) {
      types[value] = id;
      continue;
    }
    const service = newService(id, target, errors);
    if (service) {
      services.push(service);
      types[value] = id;
    }
  }
  for (const [value, target] of entries) {
    if (value.trim() === '') errors.push({ zh: '类型值不能为空', en: 'a type value cannot be empty' });
    if (isObject(target)) continue;
    if (typeof target !== 'string') {
      errors.push({ zh: `类型值“${quote(value)}”应映射到服务代码或新服务对象`, en: `type value "${quote(value)}" must map to a service id or a new-service object` });
    } else if (isKnownService(target, catalog) || services.some((service) => service.type === target)) {
      types[value] = target;
    } else {
      const known = catalog.map((service) => service.type).join(', ');
      errors.push({
        zh: `类型值“${quote(value)}”映射到未知服务“${quote(target)}”；目录中的服务：${known}；新服务请写成对象 { "service", "name": { "zh", "en" } }`,
        en: `type value "${quote(value)}" maps to an unknown service "${quote(target)}"; catalog services: ${known}; define a new service as { "service", "name": { "zh", "en" } }`,
      });
    }
  }
  if (errors.length > 0) {
    return fail({
      code: 'invalid-type-map',
      message: { zh: `类型映射有误：\n  ${errors.map((e) => e.zh).join('\n  ')}`, en: `invalid type mapping:\n  ${errors.map((e) => e.en).join('\n  ')}` },
    });
  }
  return ok({ types, services });
}

/** "elder_centre=elder-regional-centre,broadcast=broadcast-terminal" → the JSON object form. */
export function parseInlineTypeMapping(text: string): Result<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    const value = at > 0 ? pair.slice(0, at).trim() : '';
    const service = at > 0 ? pair.slice(at + 1).trim() : '';
    if (!value || !service) {
      return fail({ code: 'invalid-type-map', message: { zh: `类型映射“${quote(pair)}”应写成 类型值=服务`, en: `type mapping "${quote(pair)}" must read value=service` } });
    }
    out[value] = service;
  }
  return ok(out);
}

/** Facilities with their type values replaced by the mapped service; the value they had stays in `source_type`. */
export function applyTypeMapping(facilities: Facility[], mapping: TypeMapping): Facility[] {
  return facilities.map((facility) => {
    const service = Object.prototype.hasOwnProperty.call(mapping.types, facility.type) ? mapping.types[facility.type] : undefined;
    if (service === undefined || service === facility.type) return facility;
    return { ...facility, type: service, properties: { ...facility.properties, source_type: facility.type } };
  });
}

/** Distinct type values with their counts, most frequent first (the import dialog's list). */
export function countTypeValues(facilities: Facility[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const facility of facilities) counts.set(facility.type, (counts.get(facility.type) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** Type values no catalog service and no mapping describes, with counts. */
export function unmappedTypeValues(facilities: Facility[], catalog: ServiceCatalog): { value: string; count: number }[] {
  return countTypeValues(facilities).filter(({ value }) => !isKnownService(value, catalog));
}

/** The mapping an import carries (its JSON form), checked; no mapping maps nothing. */
export function importTypeMapping(accepted: { typeMap?: Record<string, unknown> }): Result<TypeMapping> {
  return accepted.typeMap ? validateTypeMapping(accepted.typeMap) : ok(EMPTY_TYPE_MAPPING);
}

/** The service catalog of a session: the built-in services and the new ones its imports' type mappings define. */
export function catalogOfImports(imports: { typeMap?: Record<string, unknown> }[]): ServiceCatalog {
  const own = imports.flatMap((accepted) => {
    const mapping = importTypeMapping(accepted);
    return mapping.ok ? mapping.value.services : [];
  });
  return catalogWithMapping({ types: {}, services: own.filter((service, i) => own.findIndex((other) => other.type === service.type) === i) });
}
