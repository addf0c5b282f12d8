// A session from storage or from a file, checked completely before anything is replaced: every
// field is validated (rules by the rule editor's validator, inline layers feature by feature by
// the importer's, the basemap URL by validateBasemapUrl, numbers against the UI's ranges) and
// copied into a new SessionState; unknown fields are dropped. Whatever the input — wrong types,
// nulls, prototype keys, huge arrays — the answer is a value, never an exception.
import type { Reach } from '../../core/coverage/coverage-types.ts';
import type { FieldMapping, LayerRole } from '../../core/import/guess-field-mapping.ts';
import { countVertices, normalizeFeature } from '../../core/import/normalize-feature.ts';
import { IMPORT_LIMITS } from '../../core/limits.ts';
import { validateRule } from '../../core/rules/validate-rules.ts';
import { TRAVEL_MODES } from '../../core/network/travel-modes.ts';
import { TRAVEL_MINUTES_MAX, TRAVEL_MINUTES_MIN } from '../panels/travel-time-controls.ts';
import type { Rule } from '../../core/rules/rule-types.ts';
import { readScenarioFile, SCENARIO_FORMAT, type Scenario } from '../../core/siting/scenario-file.ts';
import type { AcceptedImport, ImportLayerData } from '../../../workers/protocol.ts';
import { RADIUS_MAX_METRES, RADIUS_MIN_METRES } from '../../core/limits.ts';
import { METRICS } from '../analysis/township-metrics.ts';
import { CLASSIFICATION_METHODS, PALETTE_IDS } from '../map/classify-values.ts';
import { LAYER_GROUPS } from '../map/map-style.ts';
import { validateBasemapUrl } from '../map/validate-basemap-url.ts';
import { SESSION_VERSION, type AnalysisSettings, type SessionState } from './session-state.ts';
import { parseSpeedTables } from '../../core/network/travel-modes.ts';
import type { SpeedEdit } from '../panels/speed-table-editor.ts';

/** Sizes a session may have: far above any real session, low enough that the app stays usable. */
const SESSION_LIMITS = { rules: 500, imports: 20, scenarios: 200, reachByService: 500, textChars: 500 } as const;

/** IndexedDB keys of layers the workers stored (workers/stored-imports.ts); nothing else may be named. */
const STORED_LAYER_KEY = /^gapmap-import:[a-z0-9]+-[a-z0-9]+$/;
const ROLES: readonly LayerRole[] = ['boundaries', 'facilities', 'population', 'places', 'roads'];
const MAPPING_FIELDS = ['nameField', 'codeField', 'parentField', 'idField', 'type', 'typeField', 'capacityField', 'populationField', 'kind', 'kindField'] as const;
const LEVELS = ['township', 'county', 'city'] as const;

export interface SessionProblem {
  path: string;
  message: { zh: string; en: string };
}

export type SessionCheck =
  | { ok: true; value: SessionState; basemapNotEnabled?: string }
  | { ok: false; reason: 'not-a-session' | 'newer-version' | 'invalid'; version?: number; problems: SessionProblem[] };

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (object: Plain, key: string): unknown => (Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);

class Checker {
  readonly problems: SessionProblem[] = [];

  problem(path: string, zh: string, en: string): void {
    if (this.problems.length < 50) this.problems.push({ path, message: { zh: `${path}：${zh}`, en: `${path}: ${en}` } });
  }

  text(value: unknown, path: string, optional = false): string | undefined {
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'string') return this.problem(path, '应为文本', 'must be text'), undefined;
    if (value.length > SESSION_LIMITS.textChars) return this.problem(path, `超过 ${SESSION_LIMITS.textChars} 个字符`, `longer than ${SESSION_LIMITS.textChars} characters`), undefined;
    return value;
  }

  oneOf<T extends string>(value: unknown, choices: readonly T[], path: string): T | undefined {
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    this.problem(path, `应为 ${choices.join('、')} 之一`, `must be one of ${choices.join(', ')}`);
    return undefined;
  }

  reach(value: unknown, path: string): Reach | undefined {
    if (!isPlain(value)) return this.problem(path, '应为服务范围对象', 'must be a reach object'), undefined;
    if (own(value, 'kind') === 'distance') {
      const metres = own(value, 'metres');
      if (typeof metres === 'number' && Number.isFinite(metres) && metres >= RADIUS_MIN_METRES && metres <= RADIUS_MAX_METRES) return { kind: 'distance', metres };
      return this.problem(`${path}.metres`, `应为 ${RADIUS_MIN_METRES}–${RADIUS_MAX_METRES} 米`, `must be ${RADIUS_MIN_METRES}–${RADIUS_MAX_METRES} m`), undefined;
    }
    if (own(value, 'kind') === 'travel-time') {
      const minutes = own(value, 'minutes');
      const mode = this.oneOf(own(value, 'mode'), TRAVEL_MODES, `${path}.mode`);
      // The range the travel-time control allows (its own constants).
      if (!(typeof minutes === 'number' && Number.isFinite(minutes) && minutes >= TRAVEL_MINUTES_MIN && minutes <= TRAVEL_MINUTES_MAX)) {
        return this.problem(`${path}.minutes`, `应为 ${TRAVEL_MINUTES_MIN}–${TRAVEL_MINUTES_MAX} 分钟`, `must be ${TRAVEL_MINUTES_MIN}–${TRAVEL_MINUTES_MAX} minutes`), undefined;
      }
      // 2SFCA's distance decay (the travel-time panel's option); absent: none
      const decay = own(value, 'decay') === undefined ? undefined : this.oneOf(own(value, 'decay'), ['none', 'gaussian'] as const, `${path}.decay`);
      if (own(value, 'decay') !== undefined && !decay) return undefined;
      return mode ? { kind: 'travel-time', minutes, mode, ...(decay === 'gaussian' ? { decay } : {}) } : undefined;
    }
    return this.problem(`${path}.kind`, '应为 distance 或 travel-time', 'must be distance or travel-time'), undefined;
  }
}

function checkAnalysis(check: Checker, value: unknown, fallback: AnalysisSettings): AnalysisSettings {
  if (!isPlain(value)) {
    check.problem('analysis', '应为对象', 'must be an object');
    return fallback;
  }
  // Sessions saved before the reach was a value held `metres`.
  const legacyMetres = own(value, 'metres');
  const reachInput = own(value, 'reach') ?? (legacyMetres === undefined ? undefined : { kind: 'distance', metres: legacyMetres });
  return {
    service: check.text(own(value, 'service') ?? fallback.service, 'analysis.service') ?? fallback.service,
    reach: reachInput === undefined ? fallback.reach : (check.reach(reachInput, 'analysis.reach') ?? fallback.reach),
    metric: check.oneOf(own(value, 'metric') ?? fallback.metric, METRICS.map((metric) => metric.id), 'analysis.metric') ?? fallback.metric,
    classification: check.oneOf(own(value, 'classification') ?? fallback.classification, CLASSIFICATION_METHODS, 'analysis.classification') ?? fallback.classification,
    palette: check.oneOf(own(value, 'palette') ?? fallback.palette, PALETTE_IDS, 'analysis.palette') ?? fallback.palette,
  };
}

function checkLayers(check: Checker, value: unknown, fallback: SessionState['layers']): SessionState['layers'] {
  const layers = structuredClone(fallback);
  if (value === undefined) return layers;
  if (!isPlain(value)) {
    check.problem('layers', '应为对象', 'must be an object');
    return layers;
  }
  for (const group of LAYER_GROUPS) {
    const entry = own(value, group.id);
    if (entry === undefined) continue;
    const visible = isPlain(entry) ? own(entry, 'visible') : undefined;
    const opacity = isPlain(entry) ? own(entry, 'opacity') : undefined;
    if (typeof visible !== 'boolean' || typeof opacity !== 'number' || !(opacity >= 0 && opacity <= 1)) {
      check.problem(`layers.${group.id}`, '应为 { visible: 是/否, opacity: 0–1 }', 'must be { visible: boolean, opacity: 0–1 }');
      continue;
    }
    layers[group.id] = { visible, opacity };
  }
  return layers;
}

function checkMapping(check: Checker, value: unknown, path: string): FieldMapping {
  const mapping: FieldMapping = {};
  if (!isPlain(value)) {
    check.problem(path, '应为对象', 'must be an object');
    return mapping;
  }
  for (const key of MAPPING_FIELDS) {
    const field = check.text(own(value, key), `${path}.${key}`, true);
    if (field !== undefined) mapping[key] = field;
  }
  if (own(value, 'level') !== undefined) mapping.level = check.oneOf(own(value, 'level'), LEVELS, `${path}.level`);
  const cohorts = own(value, 'cohortFields');
  if (cohorts !== undefined) {
    if (!isPlain(cohorts)) check.problem(`${path}.cohortFields`, '应为对象', 'must be an object');
    else {
      const cohortFields: Record<string, string> = {};
      for (const [cohort, field] of Object.entries(cohorts).slice(0, 50)) {
        const name = check.text(cohort, `${path}.cohortFields`);
        const checked = check.text(field, `${path}.cohortFields.${cohort}`);
        if (name !== undefined && checked !== undefined) Object.defineProperty(cohortFields, name, { value: checked, enumerable: true, writable: true, configurable: true });
      }
      mapping.cohortFields = cohortFields;
    }
  }
  return mapping;
}

/** An inline layer, every feature through the importer's own check (normalizeFeature). */
function checkLayer(check: Checker, value: unknown, path: string): ImportLayerData | undefined {
  if (!isPlain(value)) return check.problem(path, '应为图层对象', 'must be a layer object'), undefined;
  const fileName = check.text(own(value, 'fileName'), `${path}.fileName`) ?? '';
  const rawFields = own(value, 'fields');
  const rawFeatures = own(value, 'features');
  if (!Array.isArray(rawFields) || !rawFields.every((field) => isPlain(field) && typeof field.name === 'string' && typeof field.numeric === 'boolean')) {
    return check.problem(`${path}.fields`, '应为字段列表', 'must be a list of fields'), undefined;
  }
  if (!Array.isArray(rawFeatures)) return check.problem(`${path}.features`, '应为要素列表', 'must be a list of features'), undefined;
  const features: ImportLayerData['features'] = [];
  let vertices = 0;
  for (let i = 0; i < rawFeatures.length; i++) {
    const { feature, problems } = normalizeFeature(rawFeatures[i], i);
    const error = problems.find((problem) => problem.severity === 'error');
    if (!feature || error) {
      const message = error?.message ?? { zh: '无法读取', en: 'cannot be read' };
      check.problem(`${path}.features[${i}]`, message.zh, message.en);
      return undefined;
    }
    if (feature.geometry) vertices += countVertices(feature.geometry, IMPORT_LIMITS.verticesPerLayer);
    if (vertices > IMPORT_LIMITS.verticesPerLayer) return check.problem(`${path}.features`, `顶点超过 ${IMPORT_LIMITS.verticesPerLayer} 个`, `more than ${IMPORT_LIMITS.verticesPerLayer} vertices`), undefined;
    features.push(feature);
  }
  return { fileName, fields: rawFields.map((field) => ({ name: String(field.name), numeric: field.numeric === true })), features };
}

/** The layer list's facts about an import (count, CRS label, lon/lat extent): optional, checked when present. */
function checkLayerFacts(check: Checker, entry: Plain, path: string): Pick<AcceptedImport, 'featureCount' | 'crs' | 'extent' | 'readablePartKept'> {
  const facts: Pick<AcceptedImport, 'featureCount' | 'crs' | 'extent' | 'readablePartKept'> = {};
  const count = own(entry, 'featureCount');
  if (count !== undefined) {
    if (Number.isSafeInteger(count) && (count as number) >= 0) facts.featureCount = count as number;
    else check.problem(`${path}.featureCount`, '应为非负整数', 'must be a whole number ≥ 0');
  }
  const crs = check.text(own(entry, 'crs'), `${path}.crs`, true);
  if (crs !== undefined) facts.crs = crs;
  const extent = own(entry, 'extent');
  if (extent !== undefined) {
    const box = Array.isArray(extent) && extent.length === 4 && extent.every((n) => typeof n === 'number' && Number.isFinite(n)) ? (extent as number[]) : null;
    if (box && box[0] <= box[2] && box[1] <= box[3] && box[0] >= -180 && box[2] <= 180 && box[1] >= -90 && box[3] <= 90) facts.extent = [box[0], box[1], box[2], box[3]];
    else check.problem(`${path}.extent`, '应为经纬度范围 [西, 南, 东, 北]', 'must be a lon/lat box [west, south, east, north]');
  }
  const kept = own(entry, 'readablePartKept');
  if (kept !== undefined) {
    const numbers = isPlain(kept) ? (['featuresRead', 'featuresAtLeast', 'endsAtByte'] as const).map((key) => own(kept, key)) : [];
    if (numbers.length === 3 && numbers.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) {
      const [featuresRead, featuresAtLeast, endsAtByte] = numbers as number[];
      facts.readablePartKept = { featuresRead, featuresAtLeast, endsAtByte };
    } else check.problem(`${path}.readablePartKept`, '应为读出的要素数、至少的要素数和结束字节', 'must give the features read, at least how many, and the end byte');
  }
  return facts;
}

/** The speed tables as the travel-time editor writes them: what the workers' parser accepts (modes, road classes, 0–200 km/h), kept as written. */
function checkRoadSpeeds(check: Checker, value: unknown): SpeedEdit | null {
  if (value === undefined || value === null) return null;
  const parsed = parseSpeedTables(value);
  if (!parsed.ok) return check.problem('roadSpeeds', parsed.error.message.zh, parsed.error.message.en), null;
  return structuredClone(value) as SpeedEdit;
}

function checkImports(check: Checker, value: unknown): AcceptedImport[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return check.problem('imports', '应为列表', 'must be a list'), [];
  if (value.length > SESSION_LIMITS.imports) return check.problem('imports', `超过 ${SESSION_LIMITS.imports} 个图层`, `more than ${SESSION_LIMITS.imports} layers`), [];
  const imports: AcceptedImport[] = [];
  value.forEach((entry, i) => {
    const path = `imports[${i}]`;
    if (!isPlain(entry)) return check.problem(path, '应为对象', 'must be an object');
    const role = check.oneOf(own(entry, 'role'), ROLES, `${path}.role`);
    const name = check.text(own(entry, 'name'), `${path}.name`, true);
    const mapping = checkMapping(check, own(entry, 'mapping'), `${path}.mapping`);
    const storeKey = own(entry, 'storeKey');
    const rawTypeMap = own(entry, 'typeMap');
    if (rawTypeMap !== undefined && !isPlain(rawTypeMap)) check.problem(`${path}.typeMap`, '应为类型值到服务的对照表', 'must map type values to services');
    // its entries are checked where the import is applied (core/analysis/map-facility-types.ts)
    const typeMap = isPlain(rawTypeMap) ? { typeMap: rawTypeMap as Record<string, unknown> } : {};
    const about = { ...(name !== undefined ? { name } : {}), ...checkLayerFacts(check, entry, path) };
    const rawLayer = own(entry, 'layer');
    if (rawLayer !== undefined) {
      const layer = checkLayer(check, rawLayer, `${path}.layer`);
      if (role && layer) imports.push({ ...about, role, mapping, ...typeMap, layer });
    } else if (typeof storeKey === 'string' && STORED_LAYER_KEY.test(storeKey)) {
      if (role) imports.push({ ...about, role, mapping, ...typeMap, storeKey });
    } else check.problem(`${path}.storeKey`, '应为浏览器存储中图层的键（gapmap-import:…）', 'must be the key of a stored layer (gapmap-import:…)');
  });
  return imports;
}

function checkRules(check: Checker, value: unknown): Rule[] {
  if (!Array.isArray(value)) return check.problem('rules', '应为规则列表', 'must be a list of rules'), [];
  if (value.length > SESSION_LIMITS.rules) return check.problem('rules', `超过 ${SESSION_LIMITS.rules} 条规则`, `more than ${SESSION_LIMITS.rules} rules`), [];
  const rules: Rule[] = [];
  value.forEach((input, i) => {
    const result = validateRule(input, i);
    if (result.ok) rules.push(result.value);
    else for (const error of result.errors.slice(0, 3)) check.problem(`rules[${i}]`, error.message.zh, error.message.en);
  });
  return rules;
}

/** Siting scenarios, by the scenario file's own reader (the one the siting panel opens files with). */
function checkScenarios(check: Checker, value: unknown): Scenario[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return check.problem('scenarios', '应为列表', 'must be a list'), [];
  if (value.length > SESSION_LIMITS.scenarios) return check.problem('scenarios', `超过 ${SESSION_LIMITS.scenarios} 个情景`, `more than ${SESSION_LIMITS.scenarios} scenarios`), [];
  const read = readScenarioFile(JSON.stringify({ format: SCENARIO_FORMAT, scenarios: value }));
  if (!read.ok) return check.problem('scenarios', read.error.message.zh, read.error.message.en), [];
  return read.value;
}

/**
 * Checks a session. `source: 'file'` means a file the planner chose: a basemap URL in it is
 * validated but not switched on (it would send the viewed area to that server) — the planner
 * switches it on in Settings; the URL is returned as `basemapNotEnabled` to say so.
 */
export function validateSession(input: unknown, fallback: SessionState, source: 'storage' | 'file'): SessionCheck {
  if (!isPlain(input) || (own(input, 'app') !== undefined && own(input, 'app') !== 'gapmap') || typeof own(input, 'version') !== 'number') {
    return { ok: false, reason: 'not-a-session', problems: [] };
  }
  const version = own(input, 'version') as number;
  if (version > SESSION_VERSION) return { ok: false, reason: 'newer-version', version, problems: [] };
  const check = new Checker();
  if (version !== SESSION_VERSION) check.problem('version', `不支持的版本 ${version}`, `unsupported version ${version}`);
  const language = check.oneOf(own(input, 'language') ?? fallback.language, ['zh', 'en'] as const, 'language') ?? fallback.language;
  const analysis = checkAnalysis(check, own(input, 'analysis'), fallback.analysis);
  const reachByService: Record<string, Reach> = {};
  const rawReaches = own(input, 'reachByService');
  if (rawReaches !== undefined) {
    if (!isPlain(rawReaches) || Object.keys(rawReaches).length > SESSION_LIMITS.reachByService) check.problem('reachByService', '应为按服务的服务范围', 'must map services to reaches');
    else {
      for (const [service, value] of Object.entries(rawReaches)) {
        // Legacy sessions stored a number of metres per service.
        const reach = check.reach(typeof value === 'number' ? { kind: 'distance', metres: value } : value, `reachByService.${service}`);
        if (reach) Object.defineProperty(reachByService, service, { value: reach, enumerable: true, writable: true, configurable: true });
      }
    }
  }
  let basemapUrl = '';
  let basemapNotEnabled: string | undefined;
  const rawBasemap = own(input, 'basemapUrl');
  if (rawBasemap !== undefined && rawBasemap !== '') {
    const basemap = validateBasemapUrl(rawBasemap);
    if (!basemap.ok) check.problem('basemapUrl', '应为 https 的瓦片地址模板（含 {z}、{x}、{y}）', 'must be an https tile URL template with {z}, {x} and {y}');
    else if (source === 'file') basemapNotEnabled = basemap.url;
    else basemapUrl = basemap.url;
  }
  const layers = checkLayers(check, own(input, 'layers'), fallback.layers);
  if (!basemapUrl) layers.basemap = { ...layers.basemap, visible: false };
  const ruleSetId = check.text(own(input, 'ruleSetId') ?? fallback.ruleSetId, 'ruleSetId') ?? fallback.ruleSetId;
  const rules = checkRules(check, own(input, 'rules'));
  const imports = checkImports(check, own(input, 'imports'));
  const scenarios = checkScenarios(check, own(input, 'scenarios'));
  const project = check.oneOf(own(input, 'project') ?? 'demo', ['demo', 'empty'] as const, 'project') ?? 'demo';
  const roadSpeeds = checkRoadSpeeds(check, own(input, 'roadSpeeds'));
  const rawSelected = own(input, 'selectedTownship');
  const selectedTownship = rawSelected === null || rawSelected === undefined ? null : (check.text(rawSelected, 'selectedTownship') ?? null);
  if (check.problems.length > 0) return { ok: false, reason: 'invalid', problems: check.problems };
  const value: SessionState = { version: SESSION_VERSION, language, analysis, reachByService, layers, basemapUrl, ruleSetId, rules, imports, selectedTownship, scenarios, project, roadSpeeds };
  return basemapNotEnabled ? { ok: true, value, basemapNotEnabled } : { ok: true, value };
}
