// Imported layers laid over a dataset, in order: boundaries replace the townships (or counties, or
// with level 'city' the areas of interest), population replaces the cells, facilities replace the
// dataset's own facilities of every service they bring (their type values sent to services by the
// import's type mapping, core/analysis/map-facility-types.ts) and add to those imported before them,
// places likewise by kind, roads replace the road network. Any failure returns the error and the
// caller keeps the dataset it had. The one GeoJSON/shapefile/CSV → dataset path: the app's workers
// run it (`AcceptedImport` is what a session stores) and so does the CLI
// (scripts/lib/load-input-dataset.ts), whose point layers come as typed columns (`points`) and whose
// GeoTIFF population comes as cells.
import { toAdminUnits, toFacilities, toPopulationCells, toTargetPlaces } from '../import/to-model.ts';
import type { FieldMapping, LayerRole } from '../import/guess-field-mapping.ts';
import type { ImportedLayer } from '../import/import-layer.ts';
import type { ImportProblem } from '../import/import-problem.ts';
import type { Bilingual } from '../rules/rule-types.ts';
import type { Dataset, Facility, PopulationCells, Result, SyntheticLayer, TargetPlace } from '../types.ts';
import type { BoundingBox } from '../geometry/bounding-box.ts';
import { applyTypeMapping, importTypeMapping } from '../analysis/map-facility-types.ts';
import { readRoadFeatures } from '../network/read-road-features.ts';
import { distinguishDuplicateCodes } from './distinguish-duplicate-codes.ts';

/** Prefix of the IndexedDB keys under which the app's workers store large accepted layers. */
export const STORED_IMPORT_PREFIX = 'gapmap-import:';

/** A layer's features, or (a point layer read as a table) its typed columns with `features` empty. */
export type ImportLayerData = Pick<ImportedLayer, 'features' | 'fields' | 'fileName' | 'points'>;

export interface AcceptedImport {
  /** File name, for messages. */
  name?: string;
  role: LayerRole;
  /** The features, inline (small layers), or… */
  layer?: ImportLayerData;
  /** …the IndexedDB key a worker stored a large layer under (workers/stored-imports.ts), or… */
  storeKey?: string;
  /** …population already as cells (the CLI's GeoTIFF reader). */
  cells?: PopulationCells;
  mapping: FieldMapping;
  /** Facilities: the layer's type values → catalog services or new services (the JSON form of --type-map). */
  typeMap?: Record<string, unknown>;
  /** For the layer list: how many features were accepted, the coordinate system they came in, and their extent (lon/lat). */
  featureCount?: number;
  crs?: string;
  extent?: BoundingBox;
  /** Set when the file ended early and the planner chose to keep its readable part. */
  readablePartKept?: { featuresRead: number; featuresAtLeast: number; endsAtByte: number };
}



function failure(code: string, zh: string, en: string): Result<never> {
  return { ok: false, error: { code, message: { zh, en } } };
}

/** What one layer added, beside the dataset: the conversion's problems per feature and notes (renamed duplicate codes). */
interface Applied {
  dataset: Dataset;
  problems: ImportProblem[];
  notes: Bilingual[];
}

/** The layers of the dataset the imports were laid over, which imported facilities and places of the same service or kind replace. */
interface Base {
  facilities: Set<Facility>;
  places: Set<TargetPlace>;
}

function success(dataset: Dataset, problems: ImportProblem[] = [], notes: Bilingual[] = []): Result<Applied> {
  return { ok: true, value: { dataset, problems, notes } };
}

/** Facility ids stay unique: one already taken (by a facility kept or imported before) gets its file's name (no folder) in front. */
function withUniqueIds(kept: Facility[], incoming: Facility[], file: string): Facility[] {
  const seen = new Set(kept.map((facility) => facility.id));
  return incoming.map((facility) => (seen.has(facility.id) ? { ...facility, id: `${file}:${facility.id}` } : facility));
}

function applyOne(dataset: Dataset, accepted: AcceptedImport, base: Base): Result<Applied> {
  const { layer, mapping } = accepted;
  if (accepted.role === 'population' && accepted.cells) return success({ ...dataset, population: accepted.cells });
  if (!layer) return failure('missing-layer', '导入的图层没有数据', 'The imported layer has no data');
  switch (accepted.role) {
    case 'boundaries': {
      const level = mapping.level ?? 'township';
      if (!mapping.nameField || !mapping.codeField) return failure('missing-mapping', '边界图层需要名称和代码字段', 'Boundaries need a name and a code field');
      const converted = toAdminUnits(layer, { nameField: mapping.nameField, codeField: mapping.codeField, parentField: mapping.parentField, level });
      if (!converted.ok) return converted;
      const { value: units, problems } = converted.value;
      if (units.length === 0) return failure('empty-layer', '边界图层没有可用的面要素', 'The boundaries layer has no usable polygons');
      if (level === 'county') return success({ ...dataset, counties: units }, problems);
      if (level === 'city') return success({ ...dataset, areas: units }, problems);
      // townships sharing a code stay apart (the second is written code#2, …), and the planner is told
      const distinguished = distinguishDuplicateCodes(units);
      return success({ ...dataset, townships: distinguished.units }, problems, distinguished.renamed);
    }
    case 'facilities': {
      const converted = toFacilities(layer, mapping);
      if (!converted.ok) return converted;
      const typeMapping = importTypeMapping(accepted);
      if (!typeMapping.ok) return typeMapping;
      const mapped = applyTypeMapping(converted.value.value, typeMapping.value);
      // The planner's facilities of a service replace the dataset's own (the demo's synthetic ones)
      // and join those imported before them.
      const replaced = new Set(mapped.map((facility) => facility.type));
      if (mapping.type) replaced.add(mapping.type);
      const kept = dataset.facilities.filter((facility) => !(base.facilities.has(facility) && replaced.has(facility.type)));
      const file = (accepted.name ?? layer.fileName).split(/[\\/]/).pop() ?? layer.fileName;
      return success({ ...dataset, facilities: [...kept, ...withUniqueIds(kept, mapped, file)] }, converted.value.problems);
    }
    case 'population': {
      if (!mapping.populationField) return failure('missing-mapping', '人口图层需要人口字段', 'Population needs a population field');
      const converted = toPopulationCells(layer, { populationField: mapping.populationField, cohortFields: mapping.cohortFields });
      if (!converted.ok) return converted;
      return success({ ...dataset, population: converted.value.value }, converted.value.problems);
    }
    case 'places': {
      const converted = toTargetPlaces(layer, mapping);
      if (!converted.ok) return converted;
      const replaced = new Set(mapping.kind ? [mapping.kind] : []);
      const kept = dataset.places.filter((place) => !(base.places.has(place) && replaced.has(place.kind)));
      return success({ ...dataset, places: [...kept, ...converted.value.value] }, converted.value.problems);
    }
    case 'roads': {
      // lines with a class field (highway / fclass / 道路等级…), read by the network module
      const roads = readRoadFeatures(layer.features);
      if (!roads.ok) return roads;
      return success({ ...dataset, roads: { name: layer.fileName, lines: roads.value.lines } });
    }
    default:
      return failure('unsupported-role', '该类图层暂不参与分析', 'This kind of layer is not used by the analysis yet');
  }
}

/** The empty dataset a planner's own project starts from (nothing synthetic in it). */
export const EMPTY_DATASET: Dataset = {
  info: { name: '', synthetic: false, source: '' },
  townships: [],
  counties: [],
  facilities: [],
  population: { lon: new Float64Array(0), lat: new Float64Array(0), population: new Float64Array(0), cohorts: {} },
  places: [],
  areas: [],
};

/** The layers of `result` still coming from the synthetic `base` (a facility or place of the base left counts). */
function syntheticLayersLeft(base: Dataset, result: Dataset): SyntheticLayer[] {
  if (!base.info.synthetic) return [];
  const left: SyntheticLayer[] = [];
  if (result.townships === base.townships && base.townships.length > 0) left.push('townships');
  if (result.counties === base.counties && base.counties.length > 0) left.push('counties');
  const baseFacilities = new Set(base.facilities);
  if (result.facilities.some((facility) => baseFacilities.has(facility))) left.push('facilities');
  if (result.population === base.population && base.population.population.length > 0) left.push('population');
  const basePlaces = new Set(base.places);
  if (result.places.some((place) => basePlaces.has(place))) left.push('places');
  if (result.areas === base.areas && base.areas.length > 0) left.push('areas');
  return left;
}

/** The dataset with the imports laid over it, and per import (in order) its conversion's problems; notes say what was renamed. */
export interface AppliedImports {
  dataset: Dataset;
  problems: ImportProblem[][];
  notes: Bilingual[];
}

export function applyImportLayers(dataset: Dataset, imports: AcceptedImport[]): Result<AppliedImports> {
  const base: Base = { facilities: new Set(dataset.facilities), places: new Set(dataset.places) };
  let current = dataset;
  const problems: ImportProblem[][] = [];
  const notes: Bilingual[] = [];
  for (const accepted of imports) {
    const next = applyOne(current, accepted, base);
    if (!next.ok) return { ok: false, error: { ...next.error, file: accepted.name ?? accepted.layer?.fileName } };
    current = next.value.dataset;
    problems.push(next.value.problems);
    notes.push(...next.value.notes);
  }
  const names = imports.map((item) => item.name ?? item.layer?.fileName ?? '').join(', ');
  if (imports.length) current = { ...current, info: { ...current.info, name: current.info.name ? `${current.info.name} + ${names}` : names } };
  // Synthetic only while a synthetic layer is in use, and which.
  const left = syntheticLayersLeft(dataset, current);
  current = { ...current, info: { ...current.info, synthetic: left.length > 0, syntheticLayers: left } };
  return { ok: true, value: { dataset: current, problems, notes } };
}

/** The dataset with the imports laid over it (the app's workers: problems were shown when each layer was read). */
export function applyImports(dataset: Dataset, imports: AcceptedImport[]): Result<Dataset> {
  const applied = applyImportLayers(dataset, imports);
  return applied.ok ? { ok: true, value: applied.value.dataset } : applied;
}
