// importLayer: the files a planner has → one checked WGS84 layer and a report of every problem.
// Formats: GeoJSON (FeatureCollection / Feature / bare geometry, RFC 7946 or the older `crs`
// member), NDJSON/GeoJSONSeq, Shapefile (zip or loose parts), CSV/TSV with coordinate columns.
// Never throws: bad input comes back as a structured error, and a layer with broken features comes
// back with those features reported (and left out only when they cannot be used at all).
// Parsers and proj4 are loaded lazily (dynamic import) so the first screen stays light.
import { formatBytes, resolveLimits, type ImportLimits } from '../limits.ts';
import { CancelledError, fail, ok, type Result, type RunOptions } from '../types.ts';
import { describeCrs, type CrsInfo } from './coordinate-systems.ts';
import { createCheckpoint, type Checkpoint } from './create-checkpoint.ts';
import { createTransform, type PositionTransform } from './create-transform.ts';
import { countReplacementCharacters, decodeText, detectEncoding, normalizeEncodingLabel } from './decode-text.ts';
import { detectReferenceProblems, detectSourceProblems, geometryBBox, samplePositions } from './detect-coordinate-problems.ts';
import { detectFormat, looksBinary, type ImportFormat } from './detect-format.ts';
import type { AnyGeoJsonGeometry, ImportedFeature } from '../geojson-types.ts';
import type { BoundingBox } from '../geometry/bounding-box.ts';
import { makeError, makeProblem, type ImportProblem } from './import-problem.ts';
import type { LayerRole } from './guess-field-mapping.ts';
import { countVertices, locate, normalizeFeature } from './normalize-feature.ts';
import type { FeatureConsumer } from './parse-geojson.ts';
import { describeTableFields, NotPointsError, PointTableCollector, tableToFeatures, type PointTable } from './point-table.ts';
import { validateGeometry } from './validate-geometry.ts';
import { validatePointTable } from './validate-point-table.ts';

export type { ImportProblem } from './import-problem.ts';
export type { ImportedFeature } from '../geojson-types.ts';

export interface ImportOptions {
  /** 'EPSG:4326' | 'EPSG:4490' | 'EPSG:4491'..'EPSG:4554' | 'EPSG:3857' | 'gcj02' | 'bd09' | a proj4 string; default: detect. */
  crs?: string;
  /**
   * The CRS for a file that declares none it can use (.prj, GeoJSON `crs`): a declared one wins.
   * Applied as the user's choice, in the same single read (the CLI's --crs).
   */
  fallbackCrs?: string;
  /** 'utf-8' | 'gbk' | …; default: detect (.cpg, BOM, strict UTF-8, else GBK). */
  encoding?: string;
  /** CSV coordinate columns; default: detect. */
  lonField?: string;
  latField?: string;
  /** Swap the two coordinate numbers before anything else (the fix for 'swapped-lat-lon'). */
  swapLonLat?: boolean;
  /** Extent of the data already loaded (e.g. the boundaries): features outside it are reported. */
  referenceBBox?: BoundingBox;
  /** WGS84 points already loaded (e.g. township seats): used to recognise a GCJ-02/BD-09 shift. */
  referencePoints?: Array<[number, number]>;
  /** A file that ends early is an error; with this set, its complete features are kept and the choice is recorded. */
  keepReadablePart?: boolean;
  /** What the layer is for, when known: picks the file-size limit (../limits.ts). */
  role?: LayerRole;
  /** Limits overriding ../limits.ts (tests use small ones). */
  limits?: Partial<ImportLimits>;
  /** WGS84 polygons already loaded (the boundaries, as rings): the GCJ-02/BD-09 offset check's reference. */
  referencePolygons?: number[][][][];
  /**
   * Return a CSV as a point table (`points`: typed lon/lat and columns) instead of one Feature per
   * row (`features` is then empty). For large facility and population layers (to-model reads both).
   */
  pointTable?: boolean;
}

export interface ImportedLayer {
  fileName: string;
  format: ImportFormat;
  crs: { detected: string; applied: string; source: 'prj' | 'crs-member' | 'user' | 'guess' };
  encoding?: string;
  /** WGS84 lon/lat, RFC 7946, safe repairs applied; properties never dropped. */
  features: ImportedFeature[];
  fields: { name: string; numeric: boolean }[];
  geometryTypes: string[];
  problems: ImportProblem[];
  /** Features kept. */
  loadedCount: number;
  /** Features with an error or a warning. */
  problemCount: number;
  /** Present when the file ended early and the caller chose to keep its readable part. */
  readablePartKept?: { featuresRead: number; featuresAtLeast: number; endsAtByte: number };
  /** The layer as a point table, when `pointTable` was asked for and the file is a table of points. */
  points?: PointTable;
}

interface Parsed {
  format: ImportFormat;
  fileName: string;
  /** Features in the file's own coordinates, with their index in the file. */
  features: ImportedFeature[];
  sourceIndex: number[];
  /** Line or byte where each feature starts in the file, where the format has one. */
  sourcePosition?: { line?: number; byte?: number }[];
  problems: ImportProblem[];
  encoding?: string;
  declaredCrs?: { info?: CrsInfo; name: string; source: 'prj' | 'crs-member' };
  names: string[];
  readablePartKept?: ImportedLayer['readablePartKept'];
  /** A CSV, or point GeoJSON read with `pointTable`: its rows in the file's own coordinates (then `features` is empty). */
  table?: PointTable;
  /** Rows of `table` the parser already reported as unusable (kept so every row is counted). */
  unusableRows?: Set<number>;
}

function mapPositions(geometry: AnyGeoJsonGeometry, map: (position: number[]) => number[]): AnyGeoJsonGeometry {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: map(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(map) } as AnyGeoJsonGeometry;
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((part) => part.map(map)) } as AnyGeoJsonGeometry;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(map))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((member) => mapPositions(member, map)) };
  }
}

function describeFields(features: ImportedFeature[]): { name: string; numeric: boolean }[] {
  const stats = new Map<string, { numbers: number; others: number }>();
  for (const feature of features) {
    for (const [key, value] of Object.entries(feature.properties)) {
      let entry = stats.get(key);
      if (!entry) stats.set(key, (entry = { numbers: 0, others: 0 }));
      if (value === null || value === undefined || value === '') continue;
      if (typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))) entry.numbers++;
      else entry.others++;
    }
  }
  return [...stats].map(([name, { numbers, others }]) => ({ name, numeric: numbers > 0 && others === 0 }));
}

async function readFiles(files: { name: string; bytes: Uint8Array }[], options: ImportOptions, limits: ImportLimits, checkpoint: Checkpoint): Promise<Result<Parsed>> {
  const detected = detectFormat(files);
  const { main } = detected;
  const fileName = main.name.split(/[\\/]/).pop() ?? main.name;
  if (detected.format === 'unknown') return fail(makeError('unknown-format', { file: fileName }, { file: fileName }));
  if (detected.format === 'zip' || detected.format === 'shapefile') {
    const { groupShapefileParts, parseShapefile, unzipShapefile } = await import('./parse-shapefile.ts');
    let entries = files;
    const problems: ImportProblem[] = [];
    if (detected.format === 'zip') {
      const unzipped = await unzipShapefile(main.bytes, limits, checkpoint);
      if (!unzipped.ok) return unzipped;
      entries = unzipped.value;
      if (!entries.some((entry) => /\.shp$/i.test(entry.name))) return fail(makeError('zip-no-shapefile'));
    }
    const { parts, others } = groupShapefileParts(entries);
    if (!parts?.shp) return fail(makeError('shapefile-missing-shp'));
    if (others.length > 0) problems.push(makeProblem('zip-multiple-layers', 'warning', { used: parts.baseName, others: others.join(', ') }));
    const parsed = await parseShapefile(parts, options.encoding, limits, checkpoint);
    if (!parsed.ok) return parsed;
    const { features, prj, encoding } = parsed.value;
    problems.push(...parsed.value.problems);
    if (prj?.foreignDatum) problems.push(makeProblem('datum-not-cgcs2000', 'warning', { datum: prj.foreignDatum }));
    const names = [fileName, parts.baseName, ...Object.keys(features[0]?.properties ?? {})];
    return ok({
      format: 'shapefile',
      fileName: detected.format === 'zip' ? fileName : `${parts.baseName}.shp`,
      features,
      sourceIndex: features.map((_, index) => index),
      problems,
      encoding,
      declaredCrs: prj ? { info: prj.info, name: prj.name || prj.info.id, source: 'prj' } : undefined,
      names,
    });
  }
  const bytes = main.bytes;
  if (bytes.length === 0 || bytes.every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09)) {
    return fail(makeError('empty-file', { file: fileName }, { file: fileName }));
  }
  if (looksBinary(bytes)) return fail(makeError('unknown-format', { file: fileName }, { file: fileName }));
  const encoding = options.encoding ?? detectEncoding(bytes);
  const problems: ImportProblem[] = [];
  if (detected.format === 'csv') {
    const { parseCsv } = await import('./parse-csv.ts');
    const parsed = await parseCsv(bytes, { encoding, lonField: options.lonField, latField: options.latField, fileName }, checkpoint);
    if (!parsed.ok) return { ok: false, error: { ...parsed.error, file: fileName } };
    if (encoding !== 'utf-8' && countReplacementCharacters(parsed.value.header.join('')) > 0) {
      problems.push(makeProblem('encoding-replacement-characters', 'warning', { encoding }));
    }
    return ok({
      format: 'csv',
      fileName,
      features: [],
      sourceIndex: [],
      table: parsed.value.table,
      unusableRows: new Set(parsed.value.problems.filter((problem) => problem.code === 'csv-unclosed-quote').map((problem) => problem.featureIndex as number)),
      problems: [...problems, ...parsed.value.problems],
      encoding,
      names: [fileName, ...parsed.value.header],
    });
  }
  // GeoJSON / NDJSON: the byte scanner wants UTF-8; other encodings are transcoded first.
  let utf8 = bytes;
  if (encoding !== 'utf-8') {
    const text = decodeText(bytes, encoding);
    if (countReplacementCharacters(text) > 0) problems.push(makeProblem('encoding-replacement-characters', 'warning', { encoding }));
    utf8 = new TextEncoder().encode(text);
  }
  const { parseGeoJson, parseNdjson } = await import('./parse-geojson.ts');
  const geoJsonOptions = { limits, keepReadablePart: options.keepReadablePart };
  const parse = (consumer?: FeatureConsumer) =>
    detected.format === 'ndjson' ? parseNdjson(utf8, checkpoint, { ...geoJsonOptions, consumer }) : parseGeoJson(utf8, checkpoint, { ...geoJsonOptions, consumer });
  if (options.pointTable) {
    // Points go straight into a table; the first feature that is not a point sends the file down the feature path.
    const collector = new PointTableCollector((raw, index, position) => normalizeFeature(raw, index, position, limits));
    try {
      const streamed = await parse(collector);
      if (!streamed.ok) return { ok: false, error: { ...streamed.error, file: fileName } };
      const table = collector.finish();
      return ok({
        format: detected.format === 'ndjson' || streamed.value.format === 'ndjson' ? 'ndjson' : 'geojson',
        fileName,
        features: [],
        sourceIndex: [],
        table,
        unusableRows: collector.unusable,
        problems: [...problems, ...streamed.value.problems, ...collector.problems],
        encoding,
        declaredCrs: streamed.value.crsName ? { info: describeCrs(streamed.value.crsName), name: streamed.value.crsName, source: 'crs-member' } : undefined,
        names: [fileName, ...table.columns.map((column) => column.name)],
        readablePartKept: streamed.value.readablePartKept,
      });
    } catch (error) {
      if (!(error instanceof NotPointsError)) throw error;
    }
  }
  const parsed = await parse();
  if (!parsed.ok) return { ok: false, error: { ...parsed.error, file: fileName } };
  problems.push(...parsed.value.problems);
  const features: ImportedFeature[] = [];
  const sourceIndex: number[] = [];
  const sourcePosition: { line?: number; byte?: number }[] = [];
  const { rawFeatures, positions } = parsed.value;
  for (let index = 0; index < rawFeatures.length; index++) {
    const normalized = normalizeFeature(rawFeatures[index], index, positions[index], limits);
    problems.push(...normalized.problems);
    if (normalized.feature) {
      features.push(normalized.feature);
      sourceIndex.push(index);
      sourcePosition.push(positions[index]);
    }
    rawFeatures[index] = undefined;
    if ((index & 0xff) === 0) await checkpoint(index / rawFeatures.length, 'check');
  }
  const crsName = parsed.value.crsName;
  const names = [fileName, ...Object.keys(features[0]?.properties ?? {})];
  return ok({
    format: detected.format === 'ndjson' || parsed.value.format === 'ndjson' ? 'ndjson' : 'geojson',
    fileName,
    features,
    sourceIndex,
    sourcePosition,
    problems,
    encoding,
    declaredCrs: crsName ? { info: describeCrs(crsName), name: crsName, source: 'crs-member' } : undefined,
    names,
    readablePartKept: parsed.value.readablePartKept,
  });
}

const ROLE_WORDS: Record<LayerRole | 'any', { zh: string; en: string }> = {
  boundaries: { zh: '边界', en: 'boundaries' },
  facilities: { zh: '设施', en: 'facilities' },
  population: { zh: '人口', en: 'population' },
  places: { zh: '目标地点', en: 'target places' },
  roads: { zh: '路网', en: 'roads' },
  any: { zh: '', en: 'import' },
};

/** The file-size limit for the layer's role, checked before anything is read. */
function checkFileSizes(files: { name: string; bytes: Uint8Array }[], role: LayerRole | undefined, limits: ImportLimits): Result<true> {
  const key = role ?? 'any';
  const limit = limits.fileBytes[key];
  for (const file of files) {
    if (file.bytes.length > limit) {
      const name = file.name.split(/[\\/]/).pop() ?? file.name;
      return fail(makeError('file-too-large', { file: name, size: formatBytes(file.bytes.length), limit: formatBytes(limit), roleZh: ROLE_WORDS[key].zh, roleEn: ROLE_WORDS[key].en }, { file: name }));
    }
  }
  return ok(true);
}

function describeLayer(
  parsed: Parsed,
  crs: ImportedLayer['crs'],
  features: ImportedFeature[],
  summary: Pick<ImportedLayer, 'fields' | 'geometryTypes' | 'loadedCount'>,
): ImportedLayer {
  return { fileName: parsed.fileName, format: parsed.format, crs, encoding: parsed.encoding, features, ...summary, problems: parsed.problems, problemCount: countProblemFeatures(parsed.problems) };
}

/** Features (or rows) of the file with an error or a warning: every one counts, also those dropped. */
function countProblemFeatures(problems: ImportProblem[]): number {
  const withProblems = new Set<number>();
  for (const problem of problems) if (problem.severity !== 'repaired' && problem.featureIndex !== undefined) withProblems.add(problem.featureIndex);
  return withProblems.size;
}

async function importLayerUnchecked(files: { name: string; bytes: Uint8Array }[], options: ImportOptions, run: RunOptions | undefined): Promise<Result<ImportedLayer>> {
  if (files.length === 0) return fail(makeError('no-files'));
  if (files.every((file) => file.bytes.length === 0)) return fail(makeError('empty-file', { file: files[0].name }, { file: files[0].name }));
  if (options.encoding !== undefined) {
    const label = normalizeEncodingLabel(options.encoding);
    if (!label) return fail(makeError('unsupported-encoding', { encoding: options.encoding }));
    options = { ...options, encoding: label };
  }
  let userCrs: CrsInfo | undefined;
  if (options.crs !== undefined && options.crs.trim() !== '') {
    userCrs = describeCrs(options.crs);
    if (!userCrs) return fail(makeError('unknown-crs', { crs: options.crs }));
  }
  let fallbackCrs: CrsInfo | undefined;
  if (options.fallbackCrs !== undefined && options.fallbackCrs.trim() !== '') {
    fallbackCrs = describeCrs(options.fallbackCrs);
    if (!fallbackCrs) return fail(makeError('unknown-crs', { crs: options.fallbackCrs }));
  }
  const limits = resolveLimits(options.limits);
  const sizes = checkFileSizes(files, options.role, limits);
  if (!sizes.ok) return sizes;
  const parseCheckpoint = createCheckpoint(run);
  const scaled = (from: number, to: number): Checkpoint => (fraction, stage) => parseCheckpoint(from + (to - from) * fraction, stage);

  const read = await readFiles(files, options, limits, scaled(0, 0.6));
  if (!read.ok) return read;
  const parsed = read.value;
  const problems = parsed.problems;
  const position = (i: number): { line?: number; byte?: number } | undefined => parsed.sourcePosition?.[i];
  let layerVertices = 0;
  for (let i = 0; i < parsed.features.length; i++) {
    const geometry = parsed.features[i].geometry;
    if (geometry) layerVertices += countVertices(geometry, limits.verticesPerLayer - layerVertices);
    if (layerVertices > limits.verticesPerLayer) return fail(makeError('layer-too-many-vertices', { limit: limits.verticesPerLayer, at: parsed.sourceIndex[i] }, { file: parsed.fileName }));
  }

  // Coordinate system: the user's choice, else what the file declares, else lon/lat.
  let declared: CrsInfo | undefined = parsed.declaredCrs?.info;
  if (parsed.declaredCrs && !declared) {
    problems.push(makeProblem('crs-member-unknown', 'warning', { crs: parsed.declaredCrs.name }));
  }
  if (!userCrs && !declared) userCrs = fallbackCrs;
  let detectedCrs = declared ?? (describeCrs('EPSG:4326') as CrsInfo);
  let transform: PositionTransform | undefined;
  try {
    transform = await createTransform(userCrs ?? detectedCrs);
  } catch (error) {
    // proj4 refused the definition: the user's string is an error, a damaged .prj a warning.
    if (userCrs) return fail(makeError('unknown-crs', { crs: userCrs.id }));
    problems.push(makeProblem('prj-not-understood', 'warning', { detail: String((error as Error)?.message ?? error).slice(0, 80) }));
    declared = undefined;
    detectedCrs = describeCrs('EPSG:4326') as CrsInfo;
    if (fallbackCrs) {
      userCrs = fallbackCrs;
      try {
        transform = await createTransform(userCrs);
      } catch {
        return fail(makeError('unknown-crs', { crs: userCrs.id }));
      }
    }
  }
  const applied = userCrs ?? detectedCrs;
  const source: ImportedLayer['crs']['source'] = userCrs ? 'user' : declared ? (parsed.declaredCrs?.source ?? 'guess') : 'guess';
  const crs = { detected: detectedCrs.id, applied: applied.id, source };

  if (parsed.table) {
    if (parsed.table.count > limits.verticesPerLayer) return fail(makeError('layer-too-many-vertices', { limit: limits.verticesPerLayer, at: limits.verticesPerLayer }, { file: parsed.fileName }));
    const unusable = parsed.unusableRows ?? new Set<number>();
    const table = await validatePointTable(
      parsed.table,
      {
        applied,
        transform,
        userChoseCrs: userCrs !== undefined,
        swapLonLat: options.swapLonLat === true,
        names: parsed.names,
        referenceBBox: options.referenceBBox,
        referencePoints: options.referencePoints,
        referencePolygons: options.referencePolygons,
        unusable,
        transformCheckpoint: scaled(0.6, 0.95),
      },
      problems,
    );
    run?.onProgress?.(1, 'done');
    const layer = describeLayer(parsed, crs, options.pointTable ? [] : tableToFeatures(table), {
      fields: describeTableFields(table),
      geometryTypes: table.lon.some((lon) => !Number.isNaN(lon)) ? ['Point'] : [],
      loadedCount: table.count,
    });
    if (options.pointTable) layer.points = table;
    if (parsed.readablePartKept) layer.readablePartKept = parsed.readablePartKept;
    return ok(layer);
  }

  const features = parsed.features;
  if (options.swapLonLat) {
    for (const feature of features) if (feature.geometry) feature.geometry = mapPositions(feature.geometry, ([x, y, ...rest]) => [y, x, ...rest]);
  }
  problems.push(
    ...detectSourceProblems({ sample: samplePositions(features), applied, userChoseCrs: userCrs !== undefined, swapped: options.swapLonLat === true, names: parsed.names, referenceBBox: options.referenceBBox }),
  );

  const transformCheckpoint = scaled(0.6, 0.75);
  const usable = new Uint8Array(features.length).fill(1);
  if (transform) {
    for (let i = 0; i < features.length; i++) {
      const feature = features[i];
      if (!feature.geometry) continue;
      let finite = true;
      feature.geometry = mapPositions(feature.geometry, ([x, y, ...rest]) => {
        const [lon, lat] = transform(x, y);
        if (!Number.isFinite(lon) || !Number.isFinite(lat)) finite = false;
        return [lon, lat, ...rest];
      });
      if (!finite) {
        usable[i] = 0;
        problems.push(makeProblem('transform-failed', 'error', {}, locate(feature, parsed.sourceIndex[i], position(i))));
      }
      if ((i & 0xff) === 0) await transformCheckpoint(i / features.length, 'transform');
    }
  }

  const validateCheckpoint = scaled(0.75, 0.98);
  const structure = parsed.format === 'csv' ? undefined : await import('geojson-validation');
  const kept: ImportedFeature[] = [];
  const keptIndex: number[] = [];
  const keptPosition: ({ line?: number; byte?: number } | undefined)[] = [];
  const ids = new Map<string, number>();
  for (let i = 0; i < features.length; i++) {
    if (!usable[i]) continue;
    const feature = features[i];
    const location = locate(feature, parsed.sourceIndex[i], position(i));
    const check = validateGeometry(feature, location);
    problems.push(...check.problems);
    if (!check.keep) continue;
    if (structure && feature.geometry) {
      const messages = structure.isFeature(feature, true);
      if (messages.length > 0) {
        problems.push(makeProblem('invalid-structure', 'error', { detail: messages.slice(0, 3).join('; ') }, location));
        continue;
      }
    }
    if (feature.id !== undefined) {
      const key = String(feature.id);
      const first = ids.get(key);
      if (first !== undefined) problems.push(makeProblem('duplicate-id', 'warning', { id: key, first }, location));
      else ids.set(key, parsed.sourceIndex[i]);
    }
    kept.push(feature);
    keptIndex.push(parsed.sourceIndex[i]);
    keptPosition.push(position(i));
    if ((i & 0xff) === 0) await validateCheckpoint(i / features.length, 'validate');
  }

  problems.push(
    ...detectReferenceProblems({
      count: kept.length,
      bboxOf: (at) => (kept[at].geometry ? geometryBBox(kept[at].geometry as AnyGeoJsonGeometry) : undefined),
      sample: samplePositions(kept, 20_000),
      layerKind: kept.every((feature) => !feature.geometry || /Point$/.test(feature.geometry.type)) ? 'points' : 'lines-or-polygons',
      applied,
      referenceBBox: options.referenceBBox,
      referencePoints: options.referencePoints,
      referencePolygons: options.referencePolygons,
      locate: (at) => locate(kept[at], keptIndex[at], keptPosition[at]),
    }),
  );

  const geometryTypes = [...new Set(kept.map((feature) => feature.geometry?.type).filter((type): type is AnyGeoJsonGeometry['type'] => !!type))];
  const families = new Set(geometryTypes.map((type) => type.replace(/^Multi/, '')));
  if (families.size > 1) problems.push(makeProblem('mixed-geometry-types', 'warning', { types: geometryTypes.join(', ') }));

  run?.onProgress?.(1, 'done');
  const layer = describeLayer(parsed, crs, kept, { fields: describeFields(kept), geometryTypes, loadedCount: kept.length });
  if (parsed.readablePartKept) layer.readablePartKept = parsed.readablePartKept;
  return ok(layer);
}

export async function importLayer(files: { name: string; bytes: Uint8Array }[], options: ImportOptions = {}, run?: RunOptions): Promise<Result<ImportedLayer>> {
  try {
    return await importLayerUnchecked(files, options, run);
  } catch (error) {
    if (error instanceof CancelledError || (error as Error)?.name === 'CancelledError') return fail(makeError('cancelled'));
    return fail(makeError('internal-error', { detail: error instanceof Error ? error.message : String(error) }));
  }
}
