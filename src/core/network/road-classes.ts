// Road classes: one list that OpenStreetMap `highway` values and the Chinese administrative road
// classes (公路等级 / 行政等级: 高速公路, 国道, 省道, 县道, 乡道, 村道, plus 城市道路 and 步行道)
// both map onto. A class is stored per edge as its index in ROAD_CLASSES (a Uint8Array), and every
// mode's speed table is keyed by the class id.

export interface RoadClassInfo {
  id: string;
  zh: string;
  en: string;
  /** OSM highway values (links fold into their road). */
  osm: readonly string[];
  /** Chinese names and common abbreviations used in bureau layers. */
  chinese: readonly string[];
}

export const ROAD_CLASSES = [
  { id: 'motorway', zh: '高速公路', en: 'expressway', osm: ['motorway', 'motorway_link'], chinese: ['高速公路', '高速', '高速路'] },
  { id: 'trunk', zh: '国道', en: 'national road', osm: ['trunk', 'trunk_link'], chinese: ['国道', '一级公路'] },
  { id: 'primary', zh: '省道', en: 'provincial road', osm: ['primary', 'primary_link'], chinese: ['省道', '二级公路', '城市快速路', '快速路'] },
  { id: 'secondary', zh: '县道', en: 'county road', osm: ['secondary', 'secondary_link'], chinese: ['县道', '三级公路', '主干道', '城市主干道', '主干路'] },
  { id: 'tertiary', zh: '乡道', en: 'township road', osm: ['tertiary', 'tertiary_link'], chinese: ['乡道', '四级公路', '次干道', '城市次干道', '次干路'] },
  { id: 'village', zh: '村道', en: 'village road', osm: ['unclassified', 'road', 'busway'], chinese: ['村道', '村路', '等外公路', '专用公路'] },
  { id: 'urban', zh: '城市道路', en: 'urban street', osm: ['residential', 'living_street'], chinese: ['城市道路', '支路', '街道', '街巷', '小区道路'] },
  { id: 'service', zh: '服务道路', en: 'service road', osm: ['service'], chinese: ['服务道路', '内部道路'] },
  { id: 'track', zh: '机耕路', en: 'track', osm: ['track'], chinese: ['机耕路', '机耕道', '田间道路'] },
  { id: 'cycleway', zh: '非机动车道', en: 'cycleway', osm: ['cycleway'], chinese: ['非机动车道', '自行车道', '骑行道'] },
  { id: 'footway', zh: '步行道', en: 'footway', osm: ['footway', 'pedestrian', 'path', 'steps', 'bridleway', 'corridor'], chinese: ['步行道', '人行道', '步道', '步行街', '小路', '台阶'] },
] as const satisfies readonly RoadClassInfo[];

export type RoadClassId = (typeof ROAD_CLASSES)[number]['id'];

export const ROAD_CLASS_IDS: readonly RoadClassId[] = ROAD_CLASSES.map((c) => c.id);

const byName = new Map<string, number>();
ROAD_CLASSES.forEach((roadClass, index) => {
  byName.set(roadClass.id, index);
  byName.set(roadClass.zh, index);
  for (const name of roadClass.osm) byName.set(name, index);
  for (const name of roadClass.chinese) byName.set(name, index);
});

/** OSM highway values that are not roads anyone travels on here (construction, proposed, …). */
const NOT_A_ROAD = new Set(['proposed', 'construction', 'abandoned', 'platform', 'raceway', 'bus_stop', 'elevator', 'escape', 'rest_area', 'services', 'no', 'razed', 'disused']);

/**
 * Index into ROAD_CLASSES of a class value as found in a layer: an OSM highway value, a class id,
 * or a Chinese class name (also with a route number in front, e.g. "G213国道" or "S304省道").
 * Returns -1 when the value names nothing travellable, undefined when it is not recognised.
 */
export function roadClassIndex(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  if (text === '') return undefined;
  const lower = text.toLowerCase();
  if (NOT_A_ROAD.has(lower)) return -1;
  const direct = byName.get(lower) ?? byName.get(text);
  if (direct !== undefined) return direct;
  // Chinese route numbers: G = 国道, S = 省道, X = 县道, Y = 乡道, C = 村道; expressways G1–G99xx
  // are 国家高速 (a letter G followed by one or two digits, or four digits).
  const route = /^([GSXYCgsxyc])(\d{1,4})/.exec(text);
  if (route && /^[A-Za-z]\d+$/.test(text)) {
    const letter = route[1].toUpperCase();
    const digits = route[2];
    if (letter === 'G') return digits.length <= 2 || digits.length === 4 ? byName.get('motorway') : byName.get('trunk');
    return byName.get({ S: '省道', X: '县道', Y: '乡道', C: '村道' }[letter]!);
  }
  for (const roadClass of ROAD_CLASSES) {
    if (text.includes(roadClass.zh)) return byName.get(roadClass.id);
  }
  for (const roadClass of ROAD_CLASSES) {
    if (roadClass.chinese.some((name) => name.length >= 2 && text.includes(name))) return byName.get(roadClass.id);
  }
  return undefined;
}
