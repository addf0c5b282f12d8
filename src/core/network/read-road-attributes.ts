// Road attributes from a feature's (or an OSM way's) tags: class, posted speed, one-way and
// mode restrictions, with the field names OSM, Geofabrik's shapefiles and Chinese bureau layers use.
import type { RoadLineAttributes } from './road-lines.ts';
import { FORBID_BIKE, FORBID_FOOT, FORBID_MOTOR } from './road-lines.ts';
import { roadClassIndex } from './road-classes.ts';

/** Candidate class fields, most specific first. */
const CLASS_FIELDS = ['highway', 'fclass', 'road_class', 'roadclass', 'class', '道路等级', '公路等级', '行政等级', '技术等级', '等级', 'rclass', 'kind', 'type', '类型', 'level'];
const ONEWAY_FIELDS = ['oneway', 'one_way', '单行', '单向', '单行线', '是否单行', 'direction', '方向'];
const MAXSPEED_FIELDS = ['maxspeed', 'max_speed', 'speed_limit', 'speedlimit', '限速', '最高限速', '设计速度'];

/** First property name (case-insensitive) among the candidates, or undefined. */
function findField(names: readonly string[], candidates: readonly string[]): string | undefined {
  const lower = new Map(names.map((name) => [name.toLowerCase(), name]));
  for (const candidate of candidates) {
    const found = lower.get(candidate.toLowerCase());
    if (found !== undefined) return found;
  }
  return undefined;
}

/** OSM maxspeed: "50", "50 km/h", "30 mph", "CN:urban" (unknown → 0). */
export function parseMaxspeed(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : 0;
  if (typeof value !== 'string') return 0;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh|公里\/小时|千米\/小时)?/i.exec(value);
  if (!match) return 0;
  const number = Number(match[1]);
  return match[2]?.toLowerCase() === 'mph' ? number * 1.609344 : number;
}

/**
 * One-way: OSM yes/1/true/-1/reverse; Geofabrik F (forward) / T (against) / B (both); Chinese 是/单行/
 * 正向/逆向; the direction code of many Chinese navigation layers (1 both, 2 forward, 3 against).
 */
export function parseOneway(value: unknown, field?: string): -1 | 0 | 1 {
  if (value === null || value === undefined) return 0;
  const text = String(value).trim().toLowerCase();
  const isDirectionCode = field !== undefined && /^(direction|方向)$/i.test(field);
  if (isDirectionCode) return text === '2' ? 1 : text === '3' ? -1 : 0;
  if (['yes', '1', 'true', 't_f', 'f', 'ft', '是', '单行', '单向', '正向', 'forward'].includes(text)) return 1;
  if (['-1', 'reverse', 't', 'tf', '逆向', 'backward'].includes(text)) return -1;
  return 0;
}

const DENIED = new Set(['no', 'private', 'false', '0', '禁止', '否']);

/** Restriction bits from OSM access tags (access, foot, bicycle, motor_vehicle, motorcar, vehicle). */
export function parseForbidden(tags: Record<string, unknown>): number {
  const denied = (key: string) => (tags[key] !== undefined && tags[key] !== null ? DENIED.has(String(tags[key]).toLowerCase()) : false);
  const allowed = (key: string) => tags[key] !== undefined && tags[key] !== null && !DENIED.has(String(tags[key]).toLowerCase());
  let bits = 0;
  if (denied('access')) bits = FORBID_FOOT | FORBID_BIKE | FORBID_MOTOR;
  if (denied('foot')) bits |= FORBID_FOOT;
  else if (allowed('foot')) bits &= ~FORBID_FOOT;
  if (denied('bicycle') || denied('vehicle')) bits |= FORBID_BIKE;
  else if (allowed('bicycle')) bits &= ~FORBID_BIKE;
  if (denied('motor_vehicle') || denied('motorcar') || denied('vehicle')) bits |= FORBID_MOTOR;
  else if (allowed('motor_vehicle') || allowed('motorcar')) bits &= ~FORBID_MOTOR;
  return bits;
}

export interface AttributeFields {
  classField?: string;
  onewayField?: string;
  maxspeedField?: string;
}

/** Chooses the fields of a layer (given its property names), unless the caller named them. */
export function chooseAttributeFields(names: readonly string[], chosen: AttributeFields = {}): AttributeFields {
  return {
    classField: chosen.classField ?? findField(names, CLASS_FIELDS),
    onewayField: chosen.onewayField ?? findField(names, ONEWAY_FIELDS),
    maxspeedField: chosen.maxspeedField ?? findField(names, MAXSPEED_FIELDS),
  };
}

/**
 * Attributes of one road. `roadClass` is undefined when the class value is not recognised and −1
 * when it names something nobody travels on (proposed, under construction).
 */
export function readRoadAttributes(tags: Record<string, unknown>, fields: AttributeFields): Omit<RoadLineAttributes, 'roadClass'> & { roadClass: number | undefined } {
  const oneway = fields.onewayField ? parseOneway(tags[fields.onewayField], fields.onewayField) : 0;
  const roundabout = String(tags.junction ?? '').toLowerCase() === 'roundabout';
  return {
    roadClass: fields.classField ? roadClassIndex(tags[fields.classField]) : undefined,
    maxspeed: fields.maxspeedField ? parseMaxspeed(tags[fields.maxspeedField]) : 0,
    oneway: oneway === 0 && roundabout ? 1 : oneway,
    forbidden: parseForbidden(tags),
  };
}
