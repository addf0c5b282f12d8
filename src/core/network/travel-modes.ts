// Travel modes and their editable speed tables. A speed table gives km/h per road class; 0 means
// the mode may not use that class (no walking on expressways, no driving on footways). Off-network
// legs (home → nearest road, road → facility) are walked in every mode, at the mode's walking
// speed, along the straight line.
import { fail, ok, type Result } from '../types.ts';
import { ROAD_CLASS_IDS, type RoadClassId } from './road-classes.ts';

export type TravelMode = 'walk' | 'elderly-walk' | 'ebike' | 'drive';
export const TRAVEL_MODES: readonly TravelMode[] = ['walk', 'elderly-walk', 'ebike', 'drive'];

export const TRAVEL_MODE_NAMES: Record<TravelMode, { zh: string; en: string }> = {
  walk: { zh: '步行', en: 'walking' },
  'elderly-walk': { zh: '老年人步行', en: 'elderly walking' },
  ebike: { zh: '电动自行车', en: 'e-bike' },
  drive: { zh: '驾车', en: 'driving' },
};

export type SpeedTable = Record<RoadClassId, number>;

export interface ModeSpeeds {
  /** km/h per road class; 0 = not allowed. */
  roads: SpeedTable;
  /** km/h of the off-network legs (walking). */
  offRoad: number;
  /** Whether one-way streets bind the mode (they bind vehicles, not pedestrians). */
  respectsOneway: boolean;
  /** Whether a road's maxspeed caps the mode's speed on it. */
  capsAtMaxspeed: boolean;
}

const walking = (speed: number): SpeedTable => ({
  motorway: 0, trunk: speed, primary: speed, secondary: speed, tertiary: speed, village: speed,
  urban: speed, service: speed, track: speed, cycleway: speed, footway: speed,
});

/**
 * Defaults. Walking 4.5 km/h and elderly walking 3.5 km/h (common planning values for the
 * 15-minute circle); e-bike 15–20 km/h (GB 17761-2018 caps e-bikes at 25 km/h); driving speeds are
 * typical average speeds by class (not the posted limits), below them in towns.
 */
export const DEFAULT_MODE_SPEEDS: Record<TravelMode, ModeSpeeds> = {
  walk: { roads: walking(4.5), offRoad: 4.5, respectsOneway: false, capsAtMaxspeed: false },
  'elderly-walk': { roads: walking(3.5), offRoad: 3.5, respectsOneway: false, capsAtMaxspeed: false },
  ebike: {
    roads: { motorway: 0, trunk: 20, primary: 20, secondary: 18, tertiary: 18, village: 15, urban: 15, service: 12, track: 10, cycleway: 18, footway: 0 },
    offRoad: 4.5,
    respectsOneway: true,
    capsAtMaxspeed: true,
  },
  drive: {
    roads: { motorway: 90, trunk: 60, primary: 50, secondary: 40, tertiary: 30, village: 20, urban: 25, service: 15, track: 10, cycleway: 0, footway: 0 },
    offRoad: 4.5,
    respectsOneway: true,
    capsAtMaxspeed: true,
  },
};

function isTravelMode(value: unknown): value is TravelMode {
  return typeof value === 'string' && (TRAVEL_MODES as readonly string[]).includes(value);
}

/** The mode names planners type: 'cycle' and 'e-bike' mean the e-bike table, 'elderly' elderly walking. */
// A Map, not an object literal: a key such as "__proto__" must not find Object.prototype.
const MODE_ALIASES = new Map<string, TravelMode>([
  ['cycle', 'ebike'], ['e-bike', 'ebike'], ['bike', 'ebike'], ['elderly', 'elderly-walk'], ['car', 'drive'], ['foot', 'walk'],
  ['步行', 'walk'], ['老年人步行', 'elderly-walk'], ['电动自行车', 'ebike'], ['驾车', 'drive'],
]);

export function parseTravelMode(value: string): TravelMode | undefined {
  const text = value.trim().toLowerCase();
  if (isTravelMode(text)) return text;
  return MODE_ALIASES.get(text) ?? MODE_ALIASES.get(value.trim());
}

const speedError = (path: string, zh: string, en: string) =>
  fail<never>({ code: 'invalid-speed-table', message: { zh: `速度表 ${path}：${zh}`, en: `speed table ${path}: ${en}` }, field: path });

function readSpeed(value: unknown, path: string): Result<number> {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 200) {
    return speedError(path, '应为 0–200 之间的数值（km/h，0 表示禁止通行）', 'must be a number from 0 to 200 (km/h; 0 = not allowed)');
  }
  return ok(value);
}

/**
 * Reads an edited speed table: `{ "walk": { "roads": { "footway": 4 }, "offRoad": 4 }, "drive": {…} }`
 * (any subset; what is left out keeps the default). Bad input comes back as a bilingual error.
 */
export function parseSpeedTables(input: unknown, base: Record<TravelMode, ModeSpeeds> = DEFAULT_MODE_SPEEDS): Result<Record<TravelMode, ModeSpeeds>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return speedError('', '应为 JSON 对象，键为出行方式（walk、elderly-walk、ebike、drive）', 'must be a JSON object keyed by mode (walk, elderly-walk, ebike, drive)');
  }
  const out = Object.fromEntries(TRAVEL_MODES.map((mode) => [mode, { ...base[mode], roads: { ...base[mode].roads } }])) as Record<TravelMode, ModeSpeeds>;
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const mode = parseTravelMode(key);
    if (!mode) return speedError(key, `未知的出行方式，可用：${TRAVEL_MODES.join('、')}`, `unknown mode; use one of ${TRAVEL_MODES.join(', ')}`);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return speedError(key, '应为对象', 'must be an object');
    for (const [field, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const path = `${key}.${field}`;
      if (field === 'offRoad') {
        const speed = readSpeed(fieldValue, path);
        if (!speed.ok) return speed;
        if (speed.value <= 0) return speedError(path, '步行速度必须大于 0', 'the walking speed must be above 0');
        out[mode].offRoad = speed.value;
      } else if (field === 'respectsOneway' || field === 'capsAtMaxspeed') {
        if (typeof fieldValue !== 'boolean') return speedError(path, '应为 true 或 false', 'must be true or false');
        out[mode][field] = fieldValue;
      } else if (field === 'roads') {
        if (typeof fieldValue !== 'object' || fieldValue === null || Array.isArray(fieldValue)) return speedError(path, '应为对象（道路等级 → km/h）', 'must be an object (road class → km/h)');
        for (const [roadClass, speedValue] of Object.entries(fieldValue as Record<string, unknown>)) {
          if (!(ROAD_CLASS_IDS as readonly string[]).includes(roadClass)) {
            return speedError(`${path}.${roadClass}`, `未知的道路等级，可用：${ROAD_CLASS_IDS.join('、')}`, `unknown road class; use one of ${ROAD_CLASS_IDS.join(', ')}`);
          }
          const speed = readSpeed(speedValue, `${path}.${roadClass}`);
          if (!speed.ok) return speed;
          out[mode].roads[roadClass as RoadClassId] = speed.value;
        }
      } else {
        return speedError(path, '未知字段（可用 roads、offRoad、respectsOneway、capsAtMaxspeed）', 'unknown field (use roads, offRoad, respectsOneway, capsAtMaxspeed)');
      }
    }
  }
  return ok(out);
}
