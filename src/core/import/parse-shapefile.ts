// Shapefiles, zipped or as loose parts (.shp .shx .dbf .prj .cpg) → raw features in the file's own
// coordinates, the .prj's coordinate system and the attribute encoding. shpjs reads the geometry
// (without reprojecting: gapmap applies the CRS itself so it can check it first) and the .dbf.
// Encoding: the user's choice, else the .cpg, else detected — strict UTF-8 over the record bytes,
// falling back to GBK (what ArcGIS and Chinese desktop GIS write without a .cpg).
import { fail, ok, type Result } from '../types.ts';
import { isValidUtf8, normalizeEncodingLabel } from './decode-text.ts';
import type { GeoJSONFeature, GeoJSONGeometry } from './geojson-types.ts';
import { makeError, makeProblem, type ImportProblem } from './import-problem.ts';
import { readPrj, type PrjReading } from './parse-prj.ts';

export interface ShapefileParts {
  baseName: string;
  shp?: Uint8Array;
  dbf?: Uint8Array;
  prj?: Uint8Array;
  cpg?: Uint8Array;
}

export interface ParsedShapefile {
  features: GeoJSONFeature[];
  prj?: PrjReading;
  encoding: string;
  encodingSource: 'user' | 'cpg' | 'detected';
  problems: ImportProblem[];
}

const PART = /\.(shp|shx|dbf|prj|cpg)$/i;

function extension(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1).toLowerCase();
}

function baseOf(name: string): string {
  const file = name.split(/[\\/]/).pop() ?? name;
  return file.replace(PART, '');
}

/** Groups loose files (or zip entries) by base name; picks the first group with a .shp. */
export function groupShapefileParts(files: { name: string; bytes: Uint8Array }[]): { parts?: ShapefileParts; others: string[] } {
  const groups = new Map<string, ShapefileParts>();
  for (const file of files) {
    if (!PART.test(file.name) || /__MACOSX|(^|\/)\._/.test(file.name)) continue;
    const base = baseOf(file.name);
    const group = groups.get(base.toLowerCase()) ?? { baseName: base };
    const part = extension(file.name) as 'shp' | 'shx' | 'dbf' | 'prj' | 'cpg';
    if (part !== 'shx') group[part] = file.bytes;
    groups.set(base.toLowerCase(), group);
  }
  const withShp = [...groups.values()].filter((group) => group.shp).sort((a, b) => a.baseName.localeCompare(b.baseName));
  if (withShp.length > 0) return { parts: withShp[0], others: withShp.slice(1).map((group) => group.baseName) };
  const any = [...groups.values()][0];
  return { parts: any, others: [] };
}

/**
 * Checks the zip's end-of-central-directory record before but-unzip sees the bytes: but-unzip 0.1.10
 * loops forever on a file that starts with "PK" but has no such record (its backwards search wraps
 * around via lastIndexOf(…, -1)).
 */
export function findZipDirectory(bytes: Uint8Array): string | undefined {
  const lowest = Math.max(0, bytes.length - 22 - 65535);
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + i, 22);
      const size = view.getUint32(12, true);
      const offset = view.getUint32(16, true);
      if (offset + size > i) return 'the central directory lies outside the file';
      return undefined;
    }
  }
  return 'no end-of-central-directory record (damaged or not a zip)';
}

export async function unzipShapefile(bytes: Uint8Array): Promise<Result<{ name: string; bytes: Uint8Array }[]>> {
  const damaged = findZipDirectory(bytes);
  if (damaged) return fail(makeError('zip-invalid', { detail: damaged }));
  try {
    const { iter } = await import('but-unzip');
    const out: { name: string; bytes: Uint8Array }[] = [];
    for (const entry of iter(bytes)) {
      if (!PART.test(entry.filename)) continue;
      out.push({ name: entry.filename, bytes: await entry.read() });
    }
    return ok(out);
  } catch (error) {
    return fail(makeError('zip-invalid', { detail: (error as Error).message }));
  }
}

/** Valid UTF-8, allowing one character cut off at the end (fixed-width DBF fields truncate bytes). */
function isUtf8Field(bytes: Uint8Array): boolean {
  if (isValidUtf8(bytes)) return true;
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  for (let cut = 1; cut <= 3 && end - cut >= 0; cut++) {
    const lead = bytes[end - cut];
    if (lead >= 0xc0) return isValidUtf8(bytes.subarray(0, end - cut));
    if (lead < 0x80) return false;
  }
  return false;
}

/** True when the .dbf's text (field names and values, not the binary descriptors) is UTF-8. */
function dbfIsUtf8(dbf: Uint8Array): boolean {
  if (dbf.length < 32) return true;
  const headerLength = Math.min(dbf.length, dbf[8] | (dbf[9] << 8));
  const recordLength = dbf[10] | (dbf[11] << 8);
  if (recordLength === 0) return isValidUtf8(dbf.subarray(32));
  const widths: number[] = [];
  for (let offset = 32; offset + 32 <= headerLength && dbf[offset] !== 0x0d; offset += 32) {
    if (!isUtf8Field(dbf.subarray(offset, offset + 11))) return false;
    widths.push(dbf[offset + 16]);
  }
  if (isValidUtf8(dbf.subarray(headerLength))) return true;
  // Slow path: field by field, so a value cut in the middle of a character still counts as UTF-8.
  for (let record = headerLength; record + recordLength <= dbf.length; record += recordLength) {
    let offset = record + 1;
    for (const width of widths) {
      if (!isUtf8Field(dbf.subarray(offset, offset + width))) return false;
      offset += width;
    }
  }
  return true;
}

function chooseEncoding(parts: ShapefileParts, userEncoding: string | undefined, problems: ImportProblem[]): { encoding: string; source: ParsedShapefile['encodingSource'] } {
  if (userEncoding) return { encoding: userEncoding, source: 'user' };
  const valid = parts.dbf ? dbfIsUtf8(parts.dbf) : true;
  if (parts.cpg) {
    const declaredText = new TextDecoder().decode(parts.cpg).trim();
    const declared = normalizeEncodingLabel(declaredText);
    if (declared === 'utf-8' && !valid) {
      problems.push(makeProblem('cpg-encoding-mismatch', 'warning', { declared: declaredText, used: 'GBK' }));
      return { encoding: 'gbk', source: 'detected' };
    }
    if (declared) return { encoding: declared, source: 'cpg' };
  }
  return { encoding: valid ? 'utf-8' : 'gbk', source: 'detected' };
}

/**
 * Walks the .shp record headers and returns the bytes up to the last sound record. shpjs trusts
 * every length it reads: a negative one sends it backwards forever, so damaged files are cut here.
 */
function soundShpRecords(shp: Uint8Array): { bytes: Uint8Array; damage?: string } {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  let offset = 100;
  while (offset + 8 <= shp.length) {
    const length = view.getInt32(offset + 4, false) * 2;
    if (length < 0 || offset + 8 + length > shp.length) {
      return { bytes: shp.subarray(0, offset), damage: `record at byte ${offset} is damaged or cut off` };
    }
    if (length > 0 && length < 4) return { bytes: shp.subarray(0, offset), damage: `record at byte ${offset} is too short` };
    offset += 8 + length;
  }
  return { bytes: shp.subarray(0, offset), damage: offset < shp.length ? 'trailing bytes after the last record' : undefined };
}

/**
 * Checks the .dbf header before shpjs reads it (it loops over the declared record count even past
 * the end of the file). Returns a copy whose record count fits the bytes, or why it cannot be read.
 */
function soundDbf(dbf: Uint8Array): { bytes?: Uint8Array; damage?: string } {
  if (dbf.length < 33) return { damage: 'the .dbf is shorter than its header' };
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const declared = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > dbf.length || recordLength < 1) return { damage: 'the .dbf header is damaged' };
  const fits = Math.floor((dbf.length - headerLength) / recordLength);
  if (declared <= fits) return { bytes: dbf };
  const copy = dbf.slice();
  new DataView(copy.buffer).setUint32(4, fits, true);
  return { bytes: copy, damage: `the .dbf declares ${declared} records but holds ${fits}` };
}

function cleanValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isNaN(value)) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return value;
}

function reverseRings(geometry: GeoJSONGeometry): void {
  if (geometry.type === 'Polygon') for (const ring of geometry.coordinates) ring.reverse();
  else if (geometry.type === 'MultiPolygon') for (const polygon of geometry.coordinates) for (const ring of polygon) ring.reverse();
}

export async function parseShapefile(parts: ShapefileParts, userEncoding: string | undefined): Promise<Result<ParsedShapefile>> {
  const problems: ImportProblem[] = [];
  if (!parts.shp) return fail(makeError('shapefile-missing-shp'));
  if (parts.shp.length < 100) return fail(makeError('shapefile-invalid', { detail: 'the .shp is shorter than its 100-byte header' }));
  const view = new DataView(parts.shp.buffer, parts.shp.byteOffset, parts.shp.byteLength);
  if (view.getInt32(0, false) !== 9994) return fail(makeError('shapefile-invalid', { detail: 'the .shp does not start with the file code 9994' }));
  const shapeType = view.getInt32(32, true);
  if (![0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28].includes(shapeType)) return fail(makeError('shapefile-unsupported-type', { type: shapeType }));

  const { parseShp, parseDbf } = await import('shpjs');
  let shapes: Array<Record<string, unknown> | null>;
  const sound = soundShpRecords(parts.shp);
  if (sound.damage) problems.push(makeProblem('shapefile-invalid', 'error', { detail: `.shp: ${sound.damage}` }));
  try {
    shapes = sound.bytes.length > 100 ? parseShp(sound.bytes) : [];
  } catch (error) {
    return fail(makeError('shapefile-invalid', { detail: String((error as Error)?.message ?? error) }));
  }

  const { encoding, source } = chooseEncoding(parts, userEncoding, problems);
  let records: Array<Record<string, unknown>> = [];
  if (!parts.dbf) problems.push(makeProblem('shapefile-missing-dbf', 'warning'));
  else {
    const dbf = soundDbf(parts.dbf);
    if (dbf.damage) problems.push(makeProblem('shapefile-invalid', 'error', { detail: `.dbf: ${dbf.damage}` }));
    try {
      if (dbf.bytes) records = parseDbf(dbf.bytes, encoding);
    } catch (error) {
      problems.push(makeProblem('shapefile-invalid', 'error', { detail: `.dbf: ${String((error as Error)?.message ?? error)}` }));
    }
  }
  if (parts.dbf && records.length !== shapes.length && records.length > 0) {
    problems.push(makeProblem('shp-dbf-count-mismatch', 'warning', { shapes: shapes.length, records: records.length }));
  }
  const count = Math.max(shapes.length, records.length);
  const features: GeoJSONFeature[] = [];
  for (let index = 0; index < count; index++) {
    const shape = shapes[index] ?? null;
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(records[index] ?? {})) properties[key.replace(/\uFFFD+$/, '')] = cleanValue(value);
    let geometry: GeoJSONGeometry | null = null;
    if (shape && typeof shape.type === 'string') {
      const { bbox: _bbox, ...rest } = shape;
      geometry = rest as unknown as GeoJSONGeometry;
      // ESRI rings run clockwise around the exterior; RFC 7946 wants the opposite.
      reverseRings(geometry);
    }
    features.push({ type: 'Feature', geometry, properties });
  }
  if (features.length === 0) return fail(makeError('no-features'));

  let prj: PrjReading | undefined;
  if (parts.prj) {
    const text = new TextDecoder().decode(parts.prj).trim();
    prj = readPrj(text);
    if (!prj) problems.push(makeProblem('prj-not-understood', 'warning', { detail: text.slice(0, 60) }));
  }
  return ok({ features, prj, encoding, encodingSource: source, problems });
}
