// The CLI's own-files path: each --boundaries / --counties / --facilities / --population / --places
// file goes through the import helper (readLayerFiles → importLayer → guessFieldMapping → to-model),
// with the command line's field choices taking precedence over the guesses. Every problem is kept
// with its file for the table on stderr; a file that cannot be used at all fails with its name.

import { basename } from 'node:path';
import type { AdminUnit, AppError, Dataset, Facility, PopulationCells, Result, RunOptions, TargetPlace } from '../../src/core/types.ts';
import { fail, ok } from '../../src/core/types.ts';
import { importLayer, type ImportedLayer, type ImportProblem } from '../../src/core/import/import-layer.ts';
import type { BBox } from '../../src/core/import/geojson-types.ts';
import { guessFieldMapping, type LayerRole } from '../../src/core/import/guess-field-mapping.ts';
import { toAdminUnits, toFacilities, toPopulationCells, toTargetPlaces, type Converted } from '../../src/core/import/to-model.ts';
import type { AnalyzeOptions } from './parse-analyze-arguments.ts';
import { readLayerFiles } from './read-layer-files.ts';
import { loadPopulationRaster, RASTER_FILE } from './load-population-raster.ts';

export interface FileProblem {
  file: string;
  problem: ImportProblem;
}

export interface LoadedInput {
  dataset: Dataset;
  problems: FileProblem[];
}

const ROLE_WORDS: Record<LayerRole, { zh: string; en: string }> = {
  boundaries: { zh: '边界', en: 'boundaries' },
  facilities: { zh: '设施', en: 'facilities' },
  population: { zh: '人口', en: 'population' },
  places: { zh: '目标地点', en: 'target places' },
  roads: { zh: '路网', en: 'roads' },
};

function fileError(file: string, error: AppError): Result<never> {
  return fail({ ...error, file });
}

/** Extent of the townships: later layers with features outside it get a warning (wrong CRS, stray points). */
function extentOf(units: AdminUnit[]): BBox | undefined {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const unit of units) {
    const polygons = unit.geometry.type === 'Polygon' ? [unit.geometry.coordinates] : unit.geometry.coordinates;
    for (const polygon of polygons) {
      for (const [lon, lat] of polygon[0] ?? []) {
        if (lon < w) w = lon;
        if (lon > e) e = lon;
        if (lat < s) s = lat;
        if (lat > n) n = lat;
      }
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : undefined;
}

interface ImportContext {
  options: AnalyzeOptions;
  run: RunOptions;
  /** The townships' extent, once they are loaded. */
  referenceBBox?: BBox;
}

async function importFile(file: string, role: LayerRole, context: ImportContext): Promise<Result<ImportedLayer>> {
  const { options, run } = context;
  let files: { name: string; bytes: Uint8Array }[];
  try {
    files = await readLayerFiles(file);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fileError(file, { code: 'unreadable-file', message: { zh: `无法读取文件：${detail}`, en: `cannot read the file: ${detail}` } });
  }
  // --crs is for inputs that do not declare their coordinate system (.prj, GeoJSON crs member):
  // a declared one wins, so one --crs can serve a run mixing shapefiles and CSV.
  const importOptions = { encoding: options.encoding, referenceBBox: context.referenceBBox };
  let layer = await importLayer(files, importOptions, run);
  const declared = layer.ok && (layer.value.crs.source === 'prj' || layer.value.crs.source === 'crs-member');
  if (options.crs && !declared) layer = await importLayer(files, { ...importOptions, crs: options.crs }, run);
  if (!layer.ok) return fileError(file, layer.error);
  if (layer.value.features.length === 0) {
    return fileError(file, {
      code: 'empty-layer',
      message: { zh: `没有可用的${ROLE_WORDS[role].zh}要素`, en: `no usable ${ROLE_WORDS[role].en} features` },
    });
  }
  return layer;
}

/** Unwraps a conversion, filing its problems under the file. */
function converted<T>(file: string, result: Converted<T>, problems: FileProblem[]): Result<T> {
  if (!result.ok) return fileError(file, result.error);
  for (const problem of result.value.problems) problems.push({ file, problem });
  return ok(result.value.value);
}

function missingField(file: string, what: { zh: string; en: string }, flag: string): Result<never> {
  return fileError(file, {
    code: 'missing-field',
    message: { zh: `找不到${what.zh}字段，请用 ${flag} 指定`, en: `cannot find the ${what.en} field; name it with ${flag}` },
  });
}

async function loadUnits(file: string, level: 'township' | 'county' | 'city', context: ImportContext, problems: FileProblem[]): Promise<Result<AdminUnit[]>> {
  const { options } = context;
  const layer = await importFile(file, 'boundaries', context);
  if (!layer.ok) return layer;
  problems.push(...layer.value.problems.map((problem) => ({ file, problem })));
  const guess = guessFieldMapping(layer.value, 'boundaries');
  const own = level === 'township';
  const nameField = (own ? options.nameField : undefined) ?? guess.nameField;
  const codeField = (own ? options.codeField : undefined) ?? guess.codeField ?? nameField;
  if (!nameField || !codeField) return missingField(file, { zh: '名称', en: 'name' }, '--name-field');
  const parentField = own ? (options.countyField ?? guess.parentField) : undefined;
  return converted(file, toAdminUnits(layer.value, { nameField, codeField, parentField, level }), problems);
}

async function loadFacilities(context: ImportContext, problems: FileProblem[]): Promise<Result<Facility[]>> {
  const { options } = context;
  const all: Facility[] = [];
  for (const input of options.facilities) {
    const layer = await importFile(input.file, 'facilities', context);
    if (!layer.ok) return layer;
    problems.push(...layer.value.problems.map((problem) => ({ file: input.file, problem })));
    const guess = guessFieldMapping(layer.value, 'facilities');
    const typeField = input.type ? undefined : (options.typeField ?? guess.typeField);
    if (!input.type && !typeField) return missingField(input.file, { zh: '设施类型', en: 'facility type' }, '--type T or --type-field');
    const facilities = converted(
      input.file,
      toFacilities(layer.value, { type: input.type, typeField, nameField: guess.nameField, capacityField: guess.capacityField, idField: guess.idField }),
      problems,
    );
    if (!facilities.ok) return facilities;
    // Ids must be unique across files: prefix with the file name when two files collide.
    const seen = new Set(all.map((f) => f.id));
    for (const facility of facilities.value) all.push(seen.has(facility.id) ? { ...facility, id: `${basename(input.file)}:${facility.id}` } : facility);
  }
  return ok(all);
}

async function loadPopulation(file: string, context: ImportContext, problems: FileProblem[]): Promise<Result<PopulationCells>> {
  const { options } = context;
  const layer = await importFile(file, 'population', context);
  if (!layer.ok) return layer;
  problems.push(...layer.value.problems.map((problem) => ({ file, problem })));
  const guess = guessFieldMapping(layer.value, 'population');
  const populationField = options.populationField ?? guess.populationField;
  if (!populationField) return missingField(file, { zh: '人口', en: 'population' }, '--population-field');
  return converted(file, toPopulationCells(layer.value, { populationField, cohortFields: guess.cohortFields }), problems);
}

async function loadPlaces(file: string, context: ImportContext, problems: FileProblem[]): Promise<Result<TargetPlace[]>> {
  const { options } = context;
  const layer = await importFile(file, 'places', context);
  if (!layer.ok) return layer;
  problems.push(...layer.value.problems.map((problem) => ({ file, problem })));
  const guess = guessFieldMapping(layer.value, 'places');
  const names = new Set(layer.value.fields.map((f) => f.name));
  const kindField = options.placeKindField ?? (names.has('kind') ? 'kind' : guess.kindField);
  return converted(file, toTargetPlaces(layer.value, { kindField, nameField: guess.nameField, idField: guess.idField }), problems);
}

const EMPTY_POPULATION: PopulationCells = { lon: new Float64Array(0), lat: new Float64Array(0), population: new Float64Array(0), cohorts: {} };

export async function loadInputDataset(options: AnalyzeOptions, run: RunOptions = {}): Promise<Result<LoadedInput>> {
  if (!options.boundaries) {
    return fail({ code: 'usage', message: { zh: '缺少 --boundaries FILE', en: '--boundaries FILE is missing' } });
  }
  const problems: FileProblem[] = [];
  const context: ImportContext = { options, run };
  const townships = await loadUnits(options.boundaries, 'township', context, problems);
  if (!townships.ok) return townships;
  context.referenceBBox = extentOf(townships.value);
  const counties = options.counties ? await loadUnits(options.counties, 'county', context, problems) : ok<AdminUnit[]>([]);
  if (!counties.ok) return counties;
  const facilities = await loadFacilities(context, problems);
  if (!facilities.ok) return facilities;
  const population = !options.population
    ? ok(EMPTY_POPULATION)
    : RASTER_FILE.test(options.population)
      ? await loadPopulationRaster(options.population, options.cohortRasters, context.referenceBBox, options.crs, run)
      : await loadPopulation(options.population, context, problems);
  if (!population.ok) return population;
  const places = options.places ? await loadPlaces(options.places, context, problems) : ok<TargetPlace[]>([]);
  if (!places.ok) return places;
  const areas = options.areas ? await loadUnits(options.areas, 'city', context, problems) : ok<AdminUnit[]>([]);
  if (!areas.ok) return areas;
  const files = [options.boundaries, options.counties, ...options.facilities.map((f) => f.file), options.population, options.places, options.areas].filter(
    (f): f is string => f !== undefined,
  );
  return ok({
    dataset: {
      info: { name: basename(options.boundaries), synthetic: false, source: `gapmap analyze: ${files.map((f) => basename(f)).join(', ')}` },
      townships: townships.value,
      counties: counties.value,
      facilities: facilities.value,
      population: population.value,
      places: places.value,
      areas: areas.value,
    },
    problems,
  });
}
