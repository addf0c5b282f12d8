// The CLI's own-files path: each --boundaries / --counties / --facilities / --population / --places
// / --areas file is read by the import (readLayerFiles → importLayer; point layers as typed columns,
// a GeoTIFF population as cells), its fields mapped (the command line's choices over
// guessFieldMapping's), and the layers laid over an empty dataset by the app's own path
// (core/dataset/apply-imports.ts: to-model, duplicate township codes, facility ids, replacement).
// Every problem is kept with its file for the table on stderr; a file that cannot be used at all
// fails with its name.
// Each file gets its own --crs / --encoding (else the run's default); every layer after the
// boundaries is checked against them (extent, and the GCJ-02/BD-09 offset pattern against the
// boundary vertices and the points already loaded), whatever the file is called.

import { basename } from 'node:path';
import type { AdminUnit, AppError, Dataset, Result, RunOptions } from '../../src/core/types.ts';
import { fail, ok } from '../../src/core/types.ts';
import { importLayer, type ImportedLayer, type ImportProblem } from '../../src/core/import/import-layer.ts';
import type { BoundingBox } from '../../src/core/geometry/bounding-box.ts';
import { guessFieldMapping, type LayerRole } from '../../src/core/import/guess-field-mapping.ts';
import type { AnalyzeOptions, FacilityInput, InputFile } from './parse-analyze-arguments.ts';
import { applyImportLayers, EMPTY_DATASET, type AcceptedImport } from '../../src/core/dataset/apply-imports.ts';
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

/** A file read, with its mapping: what the core's applyImportLayers lays over the dataset. */
interface ReadInput {
  file: string;
  /** Absent for a GeoTIFF population (its cells are in `accepted.cells`). */
  layer?: ImportedLayer;
  accepted: AcceptedImport;
}

function readInput(file: string, layer: ImportedLayer, accepted: Omit<AcceptedImport, 'name' | 'layer'>): Result<ReadInput> {
  // The full path names the file in errors; the layer's own name (no folder) is what ids and notes use.
  return ok({ file, layer, accepted: { ...accepted, name: file, layer } });
}

function missingField(file: string, what: { zh: string; en: string }, flag: string): Result<never> {
  return fileError(file, {
    code: 'missing-field',
    message: { zh: `找不到${what.zh}字段，请用 ${flag} 指定`, en: `cannot find the ${what.en} field; name it with ${flag}` },
  });
}

async function readUnits(input: InputFile, level: 'township' | 'county' | 'city', context: ImportContext): Promise<Result<ReadInput>> {
  const { options } = context;
  const file = input.file;
  const layer = await importFile(input, 'boundaries', context);
  if (!layer.ok) return layer;
  const guess = guessFieldMapping(layer.value, 'boundaries');
  const own = level === 'township';
  const nameField = (own ? options.nameField : undefined) ?? guess.nameField;
  const codeField = (own ? options.codeField : undefined) ?? guess.codeField ?? nameField;
  if (!nameField || !codeField) return missingField(file, { zh: '名称', en: 'name' }, '--name-field');
  const parentField = own ? (options.countyField ?? guess.parentField) : undefined;
  return readInput(file, layer.value, { role: 'boundaries', mapping: { nameField, codeField, parentField, level } });
}

async function readFacilities(input: FacilityInput, context: ImportContext): Promise<Result<ReadInput>> {
  const { options } = context;
  const layer = await importFile(input, 'facilities', context);
  if (!layer.ok) return layer;
  const guess = guessFieldMapping(layer.value, 'facilities');
  const typeField = input.type ? undefined : (options.typeField ?? guess.typeField);
  if (!input.type && !typeField) return missingField(input.file, { zh: '设施类型', en: 'facility type' }, '--type T or --type-field');
  // --type-map applies to the whole run (the demo's facilities too): run-analysis.ts maps the types.
  const mapping = { type: input.type, typeField, nameField: guess.nameField, capacityField: guess.capacityField, idField: guess.idField };
  return readInput(input.file, layer.value, { role: 'facilities', mapping });
}

async function readPopulation(input: InputFile, context: ImportContext): Promise<Result<ReadInput>> {
  const { options, run } = context;
  const file = input.file;
  if (RASTER_FILE.test(file)) {
    const cells = await loadPopulationRaster(file, options.cohortRasters, context.referenceBBox, input.crs ?? options.crs, run);
    return cells.ok ? ok({ file, accepted: { name: file, role: 'population', mapping: {}, cells: cells.value } }) : cells;
  }
  const layer = await importFile(input, 'population', context);
  if (!layer.ok) return layer;
  const guess = guessFieldMapping(layer.value, 'population');
  const populationField = options.populationField ?? guess.populationField;
  if (!populationField) return missingField(file, { zh: '人口', en: 'population' }, '--population-field');
  return readInput(file, layer.value, { role: 'population', mapping: { populationField, cohortFields: guess.cohortFields } });
}

async function readPlaces(input: InputFile, context: ImportContext): Promise<Result<ReadInput>> {
  const { options } = context;
  const layer = await importFile(input, 'places', context);
  if (!layer.ok) return layer;
  const guess = guessFieldMapping(layer.value, 'places');
  const names = new Set(layer.value.fields.map((f) => f.name));
  const kindField = options.placeKindField ?? (names.has('kind') ? 'kind' : guess.kindField);
  return readInput(input.file, layer.value, { role: 'places', mapping: { kindField, nameField: guess.nameField, idField: guess.idField } });
}

/**
 * Lays the files over `dataset` through the core's path, filing each file's reading and
 * conversion problems under it (in that order) and counting what each left out.
 */
function applyInputs(dataset: Dataset, inputs: ReadInput[], context: ImportContext, problems: FileProblem[], notes: Bilingual[]): Result<Dataset> {
  const applied = applyImportLayers(dataset, inputs.map((input) => input.accepted));
  if (!applied.ok) return applied;
  inputs.forEach((input, k) => {
    const converted = applied.value.problems[k];
    if (!input.layer) return;
    for (const problem of [...input.layer.problems, ...converted]) problems.push({ file: input.file, problem });
    const dropped = summarizeDropped(basename(input.file), input.layer, converted);
    if (droppedAnything(dropped)) context.dropped.push(dropped);
  });
  notes.push(...applied.value.notes);
  return ok(applied.value.dataset);
}

/** Reads the inputs in order, each after the one before (a failure stops at its file). */
async function readAll(readers: Array<() => Promise<Result<ReadInput>>>): Promise<Result<ReadInput[]>> {
  const inputs: ReadInput[] = [];
  for (const read of readers) {
    const input = await read();
    if (!input.ok) return input;
    inputs.push(input.value);
  }
  return ok(inputs);
}

export async function loadInputDataset(options: AnalyzeOptions, run: RunOptions = {}): Promise<Result<LoadedInput>> {
  if (!options.boundaries) {
    return fail({ code: 'usage', message: { zh: '缺少 --boundaries FILE', en: '--boundaries FILE is missing' } });
  }
  const problems: FileProblem[] = [];
  const notes: Bilingual[] = [];
  const context: ImportContext = { options, run, referencePoints: [], dropped: [] };
  // In three steps, as the later files are checked against what is loaded before them: the
  // townships; the counties and facilities; the population, places and areas.
  const townshipInput = await readUnits(options.boundaries, 'township', context);
  if (!townshipInput.ok) return townshipInput;
  const withTownships = applyInputs(EMPTY_DATASET, [townshipInput.value], context, problems, notes);
  if (!withTownships.ok) return withTownships;
  const townships = withTownships.value.townships;
  context.referenceBBox = extentOf(townships);
  context.referencePoints = boundaryVertices(townships);
  context.referencePolygons = townships.flatMap((unit) => (unit.geometry.type === 'Polygon' ? [unit.geometry.coordinates] : unit.geometry.coordinates));
  const { counties, population, places, areas } = options;
  const second = await readAll([
    ...(counties ? [() => readUnits(counties, 'county', context)] : []),
    ...options.facilities.map((input) => () => readFacilities(input, context)),
  ]);
  if (!second.ok) return second;
  const withFacilities = applyInputs(withTownships.value, second.value, context, problems, notes);
  if (!withFacilities.ok) return withFacilities;
  context.referencePoints = [...context.referencePoints, ...withFacilities.value.facilities.map((f): [number, number] => [f.lon, f.lat])];
  const third = await readAll([
    ...(population ? [() => readPopulation(population, context)] : []),
    ...(places ? [() => readPlaces(places, context)] : []),
    ...(areas ? [() => readUnits(areas, 'city', context)] : []),
  ]);
  if (!third.ok) return third;
  const dataset = applyInputs(withFacilities.value, third.value, context, problems, notes);
  if (!dataset.ok) return dataset;
  const files = [options.boundaries, options.counties, ...options.facilities, options.population, options.places, options.areas]
    .filter((f): f is InputFile => f !== undefined)
    .map((f) => f.file);
  return ok({
    dataset: {
      ...dataset.value,
      info: { name: basename(options.boundaries.file), synthetic: false, source: `gapmap analyze: ${files.map((f) => basename(f)).join(', ')}` },
    },
    problems,
    notes,
    dropped: context.dropped,
  });
}
