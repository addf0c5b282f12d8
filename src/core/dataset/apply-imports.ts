// Imported layers laid over a dataset, in order: boundaries replace the townships (or counties),
// population replaces the cells, facilities replace those of every service they bring (their type
// values sent to services by the import's type mapping, core/analysis/map-facility-types.ts), places
// those of the same kind, roads replace the road network. Any failure returns the error and the caller keeps
// the dataset it had. The app's workers run it; `AcceptedImport` is what a session stores.
import { toAdminUnits, toFacilities, toPopulationCells, toTargetPlaces } from '../import/to-model.ts';
import type { FieldMapping, LayerRole } from '../import/guess-field-mapping.ts';
import type { ImportedLayer } from '../import/import-layer.ts';
import type { Dataset, Result, SyntheticLayer } from '../types.ts';
import type { BoundingBox } from '../geometry/bounding-box.ts';
import { applyTypeMapping, importTypeMapping } from '../analysis/map-facility-types.ts';
import { readRoadFeatures } from '../network/read-road-features.ts';
import { distinguishDuplicateCodes } from './distinguish-duplicate-codes.ts';

/** Prefix of the IndexedDB keys under which the app's workers store large accepted layers. */
export const STORED_IMPORT_PREFIX = 'gapmap-import:';

export type ImportLayerData = Pick<ImportedLayer, 'features' | 'fields' | 'fileName'>;

export interface AcceptedImport {
  /** File name, for messages. */
  name?: string;
  role: LayerRole;
  /** The features, inline (small layers), or… */
  layer?: ImportLayerData;
  /** …the IndexedDB key a worker stored a large layer under (workers/stored-imports.ts). */
  storeKey?: string;
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



function failure(code: string, zh: string, en: string): Result<Dataset> {
  return { ok: false, error: { code, message: { zh, en } } };
}

function applyOne(dataset: Dataset, accepted: AcceptedImport): Result<Dataset> {
  const { layer, mapping } = accepted;
  if (!layer) return failure('missing-layer', '导入的图层没有数据', 'The imported layer has no data');
  switch (accepted.role) {
    case 'boundaries': {
      const level = mapping.level ?? 'township';
      if (!mapping.nameField || !mapping.codeField) return failure('missing-mapping', '边界图层需要名称和代码字段', 'Boundaries need a name and a code field');
      const converted = toAdminUnits(layer, { nameField: mapping.nameField, codeField: mapping.codeField, parentField: mapping.parentField, level });
      if (!converted.ok) return converted;
      if (converted.value.value.length === 0) return failure('empty-layer', '边界图层没有可用的面要素', 'The boundaries layer has no usable polygons');
      if (level === 'county') return { ok: true, value: { ...dataset, counties: converted.value.value } };
      // as the CLI does: townships sharing a code stay apart (the second is written code#2, …)
      return { ok: true, value: { ...dataset, townships: distinguishDuplicateCodes(converted.value.value).units } };
    }
    case 'facilities': {
      const converted = toFacilities(layer, mapping);
      if (!converted.ok) return converted;
      const typeMapping = importTypeMapping(accepted);
      if (!typeMapping.ok) return typeMapping;
      const incoming = applyTypeMapping(converted.value.value, typeMapping.value);
      // The planner's facilities of a service replace the dataset's (the demo's synthetic ones).
      const replaced = new Set(incoming.map((facility) => facility.type));
      if (mapping.type) replaced.add(mapping.type);
      return { ok: true, value: { ...dataset, facilities: [...dataset.facilities.filter((facility) => !replaced.has(facility.type)), ...incoming] } };
    }
    case 'population': {
      if (!mapping.populationField) return failure('missing-mapping', '人口图层需要人口字段', 'Population needs a population field');
      const converted = toPopulationCells(layer, { populationField: mapping.populationField, cohortFields: mapping.cohortFields });
      if (!converted.ok) return converted;
      return { ok: true, value: { ...dataset, population: converted.value.value } };
    }
    case 'places': {
      const converted = toTargetPlaces(layer, mapping);
      if (!converted.ok) return converted;
      const replaced = new Set(mapping.kind ? [mapping.kind] : []);
      return { ok: true, value: { ...dataset, places: [...dataset.places.filter((place) => !replaced.has(place.kind)), ...converted.value.value] } };
    }
    case 'roads': {
      // lines with a class field (highway / fclass / 道路等级…), read by the network module
      const roads = readRoadFeatures(layer.features);
      if (!roads.ok) return roads;
      return { ok: true, value: { ...dataset, roads: { name: layer.fileName, lines: roads.value.lines } } };
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

export function applyImports(dataset: Dataset, imports: AcceptedImport[]): Result<Dataset> {
  let current = dataset;
  for (const accepted of imports) {
    const next = applyOne(current, accepted);
    if (!next.ok) return { ok: false, error: { ...next.error, file: accepted.name ?? accepted.layer?.fileName } };
    current = next.value;
  }
  const names = imports.map((item) => item.name ?? item.layer?.fileName ?? '').join(', ');
  if (imports.length) current = { ...current, info: { ...current.info, name: current.info.name ? `${current.info.name} + ${names}` : names } };
  // Synthetic only while a synthetic layer is in use, and which.
  const left = syntheticLayersLeft(dataset, current);
  current = { ...current, info: { ...current.info, synthetic: left.length > 0, syntheticLayers: left } };
  return { ok: true, value: current };
}
