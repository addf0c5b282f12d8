// Named scenarios — the baseline plus facility edits, or a solver's proposal — as plain data that
// is saved with the session and exported as a file another planner opens. Reading a file checks
// every part and answers with a bilingual error value, never an exception.

import type { Facility, Result } from '../types.ts';
import { fail, ok } from '../types.ts';
import type { Bilingual } from '../rules/rule-types.ts';
import type { FacilityEdit } from './apply-facility-edits.ts';

export interface Scenario {
  id: string;
  name: string;
  origin: 'edits' | 'proposal';
  edits: FacilityEdit[];
  /** For a proposal: how it was produced, e.g. "lazy greedy + interchange, gap 0.4%". */
  note?: Bilingual;
}

export const SCENARIO_FORMAT = 'gapmap-scenarios';

export function scenariosToFile(scenarios: Scenario[]): string {
  return JSON.stringify({ format: SCENARIO_FORMAT, version: 1, scenarios }, null, 2);
}

const bad = (zh: string, en: string): Result<never> => fail({ code: 'invalid-scenarios', message: { zh: `情景文件无效：${zh}`, en: `invalid scenario file: ${en}` } });

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCoordinate = (lon: unknown, lat: unknown) => isNumber(lon) && isNumber(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

function readFacility(value: unknown): Facility | null {
  if (!value || typeof value !== 'object') return null;
  const f = value as Record<string, unknown>;
  if (typeof f.id !== 'string' || typeof f.type !== 'string' || !isCoordinate(f.lon, f.lat)) return null;
  if (f.capacity !== undefined && !isNumber(f.capacity)) return null;
  const properties = f.properties && typeof f.properties === 'object' && !Array.isArray(f.properties) ? (f.properties as Record<string, unknown>) : {};
  return { id: f.id, type: f.type, name: typeof f.name === 'string' ? f.name : f.id, lon: f.lon as number, lat: f.lat as number, ...(isNumber(f.capacity) ? { capacity: f.capacity } : {}), properties };
}

function readEdit(value: unknown): FacilityEdit | null {
  if (!value || typeof value !== 'object') return null;
  const e = value as Record<string, unknown>;
  if (e.kind === 'add') {
    const facility = readFacility(e.facility);
    return facility ? { kind: 'add', facility } : null;
  }
  if (e.kind === 'remove' && typeof e.id === 'string') return { kind: 'remove', id: e.id };
  if (e.kind === 'move' && typeof e.id === 'string' && isCoordinate(e.lon, e.lat)) return { kind: 'move', id: e.id, lon: e.lon as number, lat: e.lat as number };
  return null;
}

export function readScenarioFile(text: string): Result<Scenario[]> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return bad(`不是有效的 JSON（${detail}）`, `not valid JSON (${detail})`);
  }
  const file = json as { format?: unknown; scenarios?: unknown };
  if (!file || typeof file !== 'object' || file.format !== SCENARIO_FORMAT || !Array.isArray(file.scenarios)) {
    return bad(`缺少 format: "${SCENARIO_FORMAT}" 或 scenarios 列表`, `missing format: "${SCENARIO_FORMAT}" or the scenarios list`);
  }
  const scenarios: Scenario[] = [];
  for (const [n, raw] of file.scenarios.entries()) {
    const s = raw as Record<string, unknown>;
    if (!s || typeof s !== 'object' || typeof s.name !== 'string' || !Array.isArray(s.edits)) return bad(`第 ${n + 1} 个情景缺少名称或编辑列表`, `scenario ${n + 1} lacks a name or its edits`);
    const edits = s.edits.map(readEdit);
    const broken = edits.findIndex((e) => e === null);
    if (broken >= 0) return bad(`第 ${n + 1} 个情景的第 ${broken + 1} 项编辑无效`, `edit ${broken + 1} of scenario ${n + 1} is invalid`);
    const note = s.note as Bilingual | undefined;
    scenarios.push({
      id: typeof s.id === 'string' ? s.id : `scenario-${n + 1}`,
      name: s.name,
      origin: s.origin === 'proposal' ? 'proposal' : 'edits',
      edits: edits as FacilityEdit[],
      ...(note && typeof note.zh === 'string' && typeof note.en === 'string' ? { note: { zh: note.zh, en: note.en } } : {}),
    });
  }
  return ok(scenarios);
}
