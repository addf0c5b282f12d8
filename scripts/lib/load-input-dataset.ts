// The CLI's own-files path: each --boundaries / --counties / --facilities / --population / --places
// file goes through the import helper (readLayerFiles → importLayer → guessFieldMapping → to-model),
// with the command line's field choices taking precedence over the guesses. Every problem is kept
// with its file for the table on stderr; a file that cannot be used at all fails with its name.
// Each file gets its own --crs / --encoding (else the run's default); every layer after the
// boundaries is checked against them (extent, and the GCJ-02/BD-09 offset pattern against the
// boundary vertices and the points already loaded), whatever the file is called.

import { basename } from 'node:path';
import type { AdminUnit, AppError, Dataset, Facility, PopulationCells, Result, RunOptions, TargetPlace } from '../../src/core/types.ts';
import { fail, ok } from '../../src/core/types.ts';
import { importLayer, type ImportedLayer, type ImportProblem } from '../../src/core/import/import-layer.ts';
import type { BoundingBox } from '../../src/core/geometry/bounding-box.ts';
import { guessFieldMapping, type LayerRole } from '../../src/core/import/guess-field-mapping.ts';
import { toAdminUnits, toFacilities, toPopulationCells, toTargetPlaces, type Converted } from '../../src/core/import/to-model.ts';
import type { AnalyzeOptions, InputFile } from './parse-analyze-arguments.ts';
import { distinguishDuplicateCodes } from '../../src/core/dataset/distinguish-duplicate-codes.ts';
import { boundaryVertices } from '../../src/core/dataset/reference-points.ts';
import type { Bilingual } from '../../src/core/rules/rule-types.ts';
import { droppedAnything, summarizeDropped, type DroppedInput } from '../../src/core/import/summarize-dropped.ts';
import { readLayerFiles } from './read-layer-files.ts';
import { loadPopulationRaster, RASTER_FILE } from './load-population-raster.ts';
import { emptyBoundingBox, extendBoundingBox, finiteBoundingBox } from '../../src/core/geometry/bounding-box.ts';

export interface FileProblem {
  file: string;
  problem: ImportProblem;
}

export interface LoadedInput {
  dataset: Dataset;
  problems: FileProblem[];
  /** Things the planner should know that are not problems of a feature (renamed duplicate codes). */
  notes: Bilingual[];
  /** Per file that lost rows or features (bad ones, an unread end): how many and why. */
  dropped: DroppedInput[];
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
function extentOf(units: AdminUnit[]): BoundingBox | undefined {
  const box = emptyBoundingBox();
  for (const unit of units) {
    const polygons = unit.geometry.type === 'Polygon' ? [unit.geometry.coordinates] : unit.geometry.coordinates;
    for (const polygon of polygons) extendBoundingBox(box, polygon[0] ?? []);
  }
  return finiteBoundingBox(box);
}

interface ImportContext {
  options: AnalyzeOptions;
  run: RunOptions;
  /** The townships' extent, once they are loaded. */
  referenceBBox?: BoundingBox;
  /** WGS84 positions already loaded (boundary vertices, then points of earlier layers). */
  referencePoints: Array<[number, number]>;
  /** The townships' polygons, once they are loaded: the reference for the GCJ-02/BD-09 offset check. */
  referencePolygons?: number[][][][];
  /** Files that lost rows or features, as they are read. */
  dropped: DroppedInput[];
}

async function importFile(input: InputFile, role: LayerRole, context: ImportContext): Promise<Result<ImportedLayer>> {
  const { options, run } = context;
  const file = input.file;
  let files: { name: string; bytes: Uint8Array }[];
  try {
    files = await readLayerFiles(file);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fileError(file, { code: 'unreadable-file', message: { zh: `无法读取文件：${detail}`, en: `cannot read the file: ${detail}` } });
  }
  // The file's own --crs, else the run's default, is for a file that does not declare its
  // coordinate system (.prj, GeoJSON crs member): a declared one wins.
  const crs = input.crs ?? options.crs;
  const referencePoints = context.referencePoints.length > 0 ? context.referencePoints : undefined;
  // Point layers come back as typed columns (no object per row); boundaries as features. The file
  // is read once: the CRS is applied only when the file declares none.
  const layer = await importLayer(
    files,
    {
      encoding: input.encoding ?? options.encoding,
      fallbackCrs: crs,
      referenceBBox: context.referenceBBox,
      referencePoints,
      referencePolygons: context.referencePolygons,
      role,
      pointTable: role !== 'boundaries',
      keepReadablePart: options.keepReadablePart,
    },
    run,
  );
  if (!layer.ok && layer.error.code === 'truncated-json') {
    // The message offers the app's "keep the readable part"; on the command line that is a flag.
    const { message } = layer.error;
    return fileError(file, { ...layer.error, message: { zh: `${message.zh}（命令行：--keep-readable-part）`, en: `${message.en} (on the command line: --keep-readable-part)` } });
  }
  if (!layer.ok) return fileError(file, layer.error);
  if (layer.value.loadedCount === 0) {
    return fileError(file, {
      code: 'empty-layer',
      message: { zh: `没有可用的${ROLE_WORDS[role].zh}要素`, en: `no usable ${ROLE_WORDS[role].en} features` },
    });
  }
  return layer;
}

/** Unwraps a conversion, filing its problems under the file and counting what reading and converting left out. */
function converted<T>(file: string, layer: ImportedLayer, result: Converted<T>, context: ImportContext, problems: FileProblem[]): Result<T> {
  if (!result.ok) return fileError(file, result.error);
  for (const problem of result.value.problems) problems.push({ file, problem });
  const dropped = summarizeDropped(basename(file), layer, result.value.problems);
  if (droppedAnything(dropped)) context.dropped.push(dropped);
  return ok(result.value.value);
}

function missingField(file: string, what: { zh: string; en: string }, flag: string): Result<never> {
  return fileError(file, {
    code: 'missing-field',
    message: { zh: `找不到${what.zh}字段，请用 ${flag} 指定`, en: `cannot find the ${what.en} field; name it with ${flag}` },
  });
}

async function loadUnits(input: InputFile, level: 'township' | 'county' | 'city', context: ImportContext, problems: FileProblem[]): Promise<Result<AdminUnit[]>> {
  const { options } = context;
  const file = input.file;
  const layer = await importFile(input, 'boundaries', context);
  if (!layer.ok) return layer;
  problems.push(...layer.value.problems.map((problem) => ({ file, problem })));
  const guess = guessFieldMapping(layer.value, 'boundaries');
  const own = level === 'township';
  const nameField = (own ? options.nameField : undefined) ?? guess.nameField;
  const codeField = (own ? options.codeField : undefined) ?? guess.codeField ?? nameField;
  if (!nameField || !codeField) return missingField(file, { zh: '名称', en: 'name' }, '--name-field');
  const parentField = own ? (options.countyField ?? guess.parentField) : undefined;
  return converted(file, layer.value, toAdminUnits(layer.value, { nameField, codeField, parentField, level }), context, problems);
}

async function loadFacilities(context: ImportContext, problems: FileProblem[]): Promise<Result<Facility[]>> {
  const { options } = context;
  const all: Facility[] = [];
  for (const input of options.facilities) {
    const layer = await importFile(input, 'facilities', context);
    if (!layer.ok) return layer;
    problems.push(...layer.value.problems.map((problem) => ({ file: input.file, problem })));
    const guess = guessFieldMapping(layer.value, 'facilities');
    const typeField = input.type ? undefined : (options.typeField ?? guess.typeField);
    if (!input.type && !typeField) return missingField(input.file, { zh: '设施类型', en: 'facility type' }, '--type T or --type-field');
    const facilities = converted(
      input.file,
      layer.value,
      toFacilities(layer.value, { type: input.type, typeField, nameField: guess.nameField, capacityField: guess.capacityField, idField: guess.idField }),
      context,
      problems,
    );
    if (!facilities.ok) return facilities;
    // Ids must be unique across files: prefix with the file name when two files collide.
    const seen = new Set(all.map((f) => f.id));
    for (const facility of facilities.value) all.push(seen.has(facility.id) ? { ...facility, id: `${basename(input.file)}:${facility.id}` } : facility);
  }
  return ok(all);
}

async function loadPopulation(input: InputFile, context: ImportContext, problems: FileProblem[]): Promise<Result<PopulationCells>> {
  const { options } = context;
  const file = input.file;
  const layer = await importFile(input, 'population', context);
  if (!layer.ok) return layer;
  problems.push(...layer.value.problems.map((problem) => ({ file, problem })));
  const guess = guessFieldMapping(layer.value, 'population');
  const populationField = options.populationField ?? guess.populationField;
  if (!populationField) return missingField(file, { zh: '人口', en: 'population' }, '--population-field');
  return converted(file, layer.value, toPopulationCells(layer.value, { populationField, cohortFields: guess.cohortFields }), context, problems);
}

async function loadPlaces(input: InputFile, context: ImportContext, problems: FileProblem[]): Promise<Result<TargetPlace[]>> {
  const { options } = context;
  const file = input.file;
  const layer = await importFile(input, 'places', context);
  if (!layer.ok) return layer;
  problems.push(...layer.value.problems.map((problem) => ({ file, problem })));
  const guess = guessFieldMapping(layer.value, 'places');
  const names = new Set(layer.value.fields.map((f) => f.name));
  const kindField = options.placeKindField ?? (names.has('kind') ? 'kind' : guess.kindField);
  return converted(file, layer.value, toTargetPlaces(layer.value, { kindField, nameField: guess.nameField, idField: guess.idField }), context, problems);
}

const EMPTY_POPULATION: PopulationCells = { lon: new Float64Array(0), lat: new Float64Array(0), population: new Float64Array(0), cohorts: {} };

export async function loadInputDataset(options: AnalyzeOptions, run: RunOptions = {}): Promise<Result<LoadedInput>> {
  if (!options.boundaries) {
    return fail({ code: 'usage', message: { zh: '缺少 --boundaries FILE', en: '--boundaries FILE is missing' } });
  }
  const problems: FileProblem[] = [];
  const context: ImportContext = { options, run, referencePoints: [], dropped: [] };
  const loadedTownships = await loadUnits(options.boundaries, 'township', context, problems);
  if (!loadedTownships.ok) return loadedTownships;
  const townships = distinguishDuplicateCodes(loadedTownships.value);
  context.referenceBBox = extentOf(townships.units);
  context.referencePoints = boundaryVertices(townships.units);
  context.referencePolygons = townships.units.flatMap((unit) => (unit.geometry.type === 'Polygon' ? [unit.geometry.coordinates] : unit.geometry.coordinates));
  const counties = options.counties ? await loadUnits(options.counties, 'county', context, problems) : ok<AdminUnit[]>([]);
  if (!counties.ok) return counties;
  const facilities = await loadFacilities(context, problems);
  if (!facilities.ok) return facilities;
  context.referencePoints = [...context.referencePoints, ...facilities.value.map((f): [number, number] => [f.lon, f.lat])];
  const population = !options.population
    ? ok(EMPTY_POPULATION)
    : RASTER_FILE.test(options.population.file)
      ? await loadPopulationRaster(options.population.file, options.cohortRasters, context.referenceBBox, options.population.crs ?? options.crs, run)
      : await loadPopulation(options.population, context, problems);
  if (!population.ok) return population;
  const places = options.places ? await loadPlaces(options.places, context, problems) : ok<TargetPlace[]>([]);
  if (!places.ok) return places;
  const areas = options.areas ? await loadUnits(options.areas, 'city', context, problems) : ok<AdminUnit[]>([]);
  if (!areas.ok) return areas;
  const files = [options.boundaries, options.counties, ...options.facilities, options.population, options.places, options.areas]
    .filter((f): f is InputFile => f !== undefined)
    .map((f) => f.file);
  return ok({
    dataset: {
      info: { name: basename(options.boundaries.file), synthetic: false, source: `gapmap analyze: ${files.map((f) => basename(f)).join(', ')}` },
      townships: townships.units,
      counties: counties.value,
      facilities: facilities.value,
      population: population.value,
      places: places.value,
      areas: areas.value,
    },
    problems,
    notes: townships.renamed,
    dropped: context.dropped,
  });
}
