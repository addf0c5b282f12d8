// Shapefiles, zipped or as loose parts (.shp .shx .dbf .prj .cpg) → raw features in the file's own
// coordinates, the .prj's coordinate system and the attribute encoding. shpjs reads the geometry
// (without reprojecting: gapmap applies the CRS itself so it can check it first) and the .dbf.
// Encoding: the user's choice, else the .cpg, else detected — strict UTF-8 over the record bytes,
// falling back to GBK (what ArcGIS and Chinese desktop GIS write without a .cpg).
// Limits (../limits.ts) are checked before any work: the zip's declared unzipped sizes before
// inflating (and inflation stops if an entry inflates past what it declared), the vertex counts
// from the .shp record headers before a shape is decoded (a record over the per-feature limit is
// read as a null shape and reported; a layer over the per-layer limit is refused). Records are
// decoded in batches with a checkpoint between them, so a cancel stops a large file.
import { formatBytes, type ImportLimits } from '../limits.ts';
import { fail, ok, type Result } from '../types.ts';
import type { Checkpoint } from './create-checkpoint.ts';
import { isValidUtf8, normalizeEncodingLabel } from './decode-text.ts';
import type { AnyGeoJsonGeometry, ImportedFeature } from '../geojson-types.ts';
import { makeError, makeProblem, type ImportProblem } from './import-problem.ts';
import { setOwnProperty } from './normalize-feature.ts';
import { readPrj, type PrjReading } from './parse-prj.ts';

export interface ShapefileParts {
  baseName: string;
  shp?: Uint8Array;
  dbf?: Uint8Array;
  prj?: Uint8Array;
  cpg?: Uint8Array;
}

export interface ParsedShapefile {
  features: ImportedFeature[];
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

interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
}

/**
 * Reads the zip's central directory (names, methods, declared sizes) before but-unzip sees the
 * bytes: but-unzip 0.1.10 loops forever on a file that starts with "PK" but has no
 * end-of-central-directory record (its backwards search wraps around via lastIndexOf(…, -1)), and
 * the declared sizes let a zip bomb be refused without inflating anything.
 */
export function readZipDirectory(bytes: Uint8Array): { entries: ZipEntryInfo[] } | { damage: string } {
  const lowest = Math.max(0, bytes.length - 22 - 65535);
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const count = view.getUint16(i + 10, true);
      const size = view.getUint32(i + 12, true);
      const offset = view.getUint32(i + 16, true);
      if (offset + size > i) return { damage: 'the central directory lies outside the file' };
      const entries: ZipEntryInfo[] = [];
      const decoder = new TextDecoder();
      let at = offset;
      for (let k = 0; k < count; k++) {
        if (at + 46 > i || view.getUint32(at, true) !== 0x02014b50) return { damage: 'the central directory is damaged' };
        const nameLength = view.getUint16(at + 28, true);
        const extraLength = view.getUint16(at + 30, true);
        const commentLength = view.getUint16(at + 32, true);
        entries.push({
          method: view.getUint16(at + 10, true),
          compressedSize: view.getUint32(at + 20, true),
          uncompressedSize: view.getUint32(at + 24, true),
          name: decoder.decode(bytes.subarray(at + 46, Math.min(i, at + 46 + nameLength))),
        });
        at += 46 + nameLength + extraLength + commentLength;
      }
      return { entries };
    }
  }
  return { damage: 'no end-of-central-directory record (damaged or not a zip)' };
}

/** Kept for callers that only need the yes/no: why the zip cannot be read, or undefined. */
export function findZipDirectory(bytes: Uint8Array): string | undefined {
  const directory = readZipDirectory(bytes);
  return 'damage' in directory ? directory.damage : undefined;
}

class InflateLimitError extends Error {}

interface ByteReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}
interface ByteStream {
  pipeThrough(transform: unknown): ByteStream;
  getReader(): ByteReader;
}
const streams = globalThis as unknown as {
  ReadableStream?: new (source: { start(controller: { enqueue(chunk: Uint8Array): void; close(): void }): void }) => ByteStream;
  DecompressionStream?: new (format: string) => unknown;
};

/**
 * Inflates one entry through the platform's DecompressionStream, chunk by chunk: stops as soon as
 * the output passes `maxBytes` (an entry that lies about its size) and checks for cancel between
 * chunks. Falls back to but-unzip's own inflate where the platform has no DecompressionStream.
 */
function boundedInflate(maxBytes: number, checkpoint: Checkpoint): ((raw: Uint8Array) => Promise<Uint8Array>) | undefined {
  const { ReadableStream, DecompressionStream } = streams;
  if (!ReadableStream || !DecompressionStream) return undefined;
  return async (raw) => {
    const reader = new ReadableStream({
      start(controller) {
        controller.enqueue(raw);
        controller.close();
      },
    })
      .pipeThrough(new DecompressionStream('deflate-raw'))
      .getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done || !value) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new InflateLimitError(String(total));
      }
      chunks.push(value);
      await checkpoint(0, 'unzip');
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  };
}

export async function unzipShapefile(
  bytes: Uint8Array,
  limits: Pick<ImportLimits, 'unzippedBytes'>,
  checkpoint: Checkpoint = async () => undefined,
): Promise<Result<{ name: string; bytes: Uint8Array }[]>> {
  const directory = readZipDirectory(bytes);
  if ('damage' in directory) return fail(makeError('zip-invalid', { detail: directory.damage }));
  const parts = directory.entries.filter((entry) => PART.test(entry.name) && !/__MACOSX|(^|\/)\._/.test(entry.name));
  const declared = parts.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > limits.unzippedBytes) {
    const largest = parts.reduce((a, b) => (b.uncompressedSize > a.uncompressedSize ? b : a));
    return fail(makeError('unzipped-too-large', { size: formatBytes(declared), entry: `${largest.name}: ${formatBytes(largest.uncompressedSize)}`, limit: formatBytes(limits.unzippedBytes) }));
  }
  try {
    const { iter } = await import('but-unzip');
    const out: { name: string; bytes: Uint8Array }[] = [];
    let total = 0;
    for (const entry of iter(bytes, boundedInflate(limits.unzippedBytes - total, checkpoint))) {
      if (!PART.test(entry.filename) || /__MACOSX|(^|\/)\._/.test(entry.filename)) continue;
      const content = await entry.read();
      total += content.length;
      if (total > limits.unzippedBytes) throw new InflateLimitError(String(total));
      out.push({ name: entry.filename, bytes: content });
      await checkpoint(0, 'unzip');
    }
    return ok(out);
  } catch (error) {
    if (error instanceof InflateLimitError) {
      return fail(makeError('unzipped-too-large', { size: `> ${formatBytes(limits.unzippedBytes)}`, entry: 'declared smaller', limit: formatBytes(limits.unzippedBytes) }));
    }
    if ((error as Error)?.name === 'CancelledError') throw error;
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

interface ShpRecords {
  /** Byte offset of each sound record (its 8-byte header). */
  offsets: number[];
  /** Vertices each record declares (0 for points and null shapes, 1 per point). */
  vertices: number[];
  end: number;
  damage?: string;
}

/** Vertices a record's content declares (shape type, bbox, then numParts/numPoints). */
function recordVertices(view: DataView, content: number, length: number): number {
  if (length < 4) return 0;
  const type = view.getInt32(content, true);
  if (type === 1 || type === 11 || type === 21) return 1;
  if ((type === 8 || type === 18 || type === 28) && length >= 40) return view.getInt32(content + 36, true);
  if ([3, 5, 13, 15, 23, 25].includes(type) && length >= 44) return view.getInt32(content + 40, true);
  return 0;
}

/**
 * Walks the .shp record headers and keeps the records up to the last sound one, with the vertex
 * count each declares. shpjs trusts every length it reads: a negative one sends it backwards
 * forever, so damaged files are cut here.
 */
function soundShpRecords(shp: Uint8Array): ShpRecords {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const offsets: number[] = [];
  const vertices: number[] = [];
  let offset = 100;
  while (offset + 8 <= shp.length) {
    const length = view.getInt32(offset + 4, false) * 2;
    if (length < 0 || offset + 8 + length > shp.length) {
      return { offsets, vertices, end: offset, damage: `record at byte ${offset} is damaged or cut off` };
    }
    if (length > 0 && length < 4) return { offsets, vertices, end: offset, damage: `record at byte ${offset} is too short` };
    offsets.push(offset);
    vertices.push(Math.max(0, recordVertices(view, offset + 8, length)));
    offset += 8 + length;
  }
  return { offsets, vertices, end: offset, damage: offset < shp.length ? 'trailing bytes after the last record' : undefined };
}

/** Records per batch handed to shpjs / parsedbf, with a checkpoint between batches. */
const BATCH_RECORDS = 20_000;

/**
 * One batch of .shp records as a file of its own (the 100-byte header, then the records), with the
 * records in `nulled` replaced by null shapes so their vertices are never decoded.
 */
function shpBatch(shp: Uint8Array, records: ShpRecords, from: number, to: number, nulled: Set<number>): Uint8Array {
  let size = 100;
  for (let r = from; r < to; r++) size += nulled.has(r) ? 12 : (r + 1 < records.offsets.length ? records.offsets[r + 1] : records.end) - records.offsets[r];
  const out = new Uint8Array(size);
  out.set(shp.subarray(0, 100));
  const view = new DataView(out.buffer);
  let at = 100;
  for (let r = from; r < to; r++) {
    const start = records.offsets[r];
    if (nulled.has(r)) {
      out.set(shp.subarray(start, start + 4), at); // record number
      view.setInt32(at + 4, 2, false); // content length in 16-bit words: the shape type only
      view.setInt32(at + 8, 0, true); // null shape
      at += 12;
      continue;
    }
    const end = r + 1 < records.offsets.length ? records.offsets[r + 1] : records.end;
    out.set(shp.subarray(start, end), at);
    at += end - start;
  }
  return out;
}

/** One batch of .dbf records as a file of its own (the header with the batch's record count). */
function dbfBatch(dbf: Uint8Array, from: number, to: number): Uint8Array {
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const out = new Uint8Array(headerLength + (to - from) * recordLength + 1);
  out.set(dbf.subarray(0, headerLength));
  out.set(dbf.subarray(headerLength + from * recordLength, headerLength + to * recordLength), headerLength);
  out[out.length - 1] = 0x1a;
  new DataView(out.buffer).setUint32(4, to - from, true);
  return out;
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

function reverseRings(geometry: AnyGeoJsonGeometry): void {
  if (geometry.type === 'Polygon') for (const ring of geometry.coordinates) ring.reverse();
  else if (geometry.type === 'MultiPolygon') for (const polygon of geometry.coordinates) for (const ring of polygon) ring.reverse();
}

export async function parseShapefile(
  parts: ShapefileParts,
  userEncoding: string | undefined,
  limits: Pick<ImportLimits, 'verticesPerFeature' | 'verticesPerLayer' | 'prjBytes'>,
  checkpoint: Checkpoint = async () => undefined,
): Promise<Result<ParsedShapefile>> {
  const problems: ImportProblem[] = [];
  if (!parts.shp) return fail(makeError('shapefile-missing-shp'));
  if (parts.shp.length < 100) return fail(makeError('shapefile-invalid', { detail: 'the .shp is shorter than its 100-byte header' }));
  const view = new DataView(parts.shp.buffer, parts.shp.byteOffset, parts.shp.byteLength);
  if (view.getInt32(0, false) !== 9994) return fail(makeError('shapefile-invalid', { detail: 'the .shp does not start with the file code 9994' }));
  const shapeType = view.getInt32(32, true);
  if (![0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28].includes(shapeType)) return fail(makeError('shapefile-unsupported-type', { type: shapeType }));

  const records = soundShpRecords(parts.shp);
  if (records.damage) problems.push(makeProblem('shapefile-invalid', 'error', { detail: `.shp: ${records.damage}` }));
  const nulled = new Set<number>();
  let layerVertices = 0;
  for (let r = 0; r < records.offsets.length; r++) {
    const count = records.vertices[r];
    if (count > limits.verticesPerFeature) {
      nulled.add(r);
      problems.push(makeProblem('too-many-vertices', 'error', { count, limit: limits.verticesPerFeature }, { featureIndex: r, byte: records.offsets[r] }));
      continue;
    }
    layerVertices += count;
    if (layerVertices > limits.verticesPerLayer) return fail(makeError('layer-too-many-vertices', { limit: limits.verticesPerLayer, at: r }));
  }

  const { parseShp, parseDbf } = await import('shpjs');
  const shapes: Array<Record<string, unknown> | null> = [];
  try {
    for (let from = 0; from < records.offsets.length; from += BATCH_RECORDS) {
      const to = Math.min(records.offsets.length, from + BATCH_RECORDS);
      const batch = parseShp(shpBatch(parts.shp, records, from, to, nulled));
      for (const shape of batch) shapes.push(shape);
      await checkpoint((to / records.offsets.length) * 0.5, 'parse');
    }
  } catch (error) {
    if ((error as Error)?.name === 'CancelledError') throw error;
    return fail(makeError('shapefile-invalid', { detail: String((error as Error)?.message ?? error) }));
  }

  const { encoding, source } = chooseEncoding(parts, userEncoding, problems);
  const records_: Array<Record<string, unknown>> = [];
  if (!parts.dbf) problems.push(makeProblem('shapefile-missing-dbf', 'warning'));
  else {
    const dbf = soundDbf(parts.dbf);
    if (dbf.damage) problems.push(makeProblem('shapefile-invalid', 'error', { detail: `.dbf: ${dbf.damage}` }));
    try {
      if (dbf.bytes) {
        const count = new DataView(dbf.bytes.buffer, dbf.bytes.byteOffset, dbf.bytes.byteLength).getUint32(4, true);
        for (let from = 0; from < count; from += BATCH_RECORDS) {
          const to = Math.min(count, from + BATCH_RECORDS);
          for (const record of parseDbf(count <= BATCH_RECORDS ? dbf.bytes : dbfBatch(dbf.bytes, from, to), encoding)) records_.push(record);
          await checkpoint(0.5 + (to / count) * 0.5, 'parse');
        }
      }
    } catch (error) {
      if ((error as Error)?.name === 'CancelledError') throw error;
      problems.push(makeProblem('shapefile-invalid', 'error', { detail: `.dbf: ${String((error as Error)?.message ?? error)}` }));
    }
  }
  if (parts.dbf && records_.length !== shapes.length && records_.length > 0) {
    problems.push(makeProblem('shp-dbf-count-mismatch', 'warning', { shapes: shapes.length, records: records_.length }));
  }
  const count = Math.max(shapes.length, records_.length);
  const features: ImportedFeature[] = [];
  for (let index = 0; index < count; index++) {
    const shape = shapes[index] ?? null;
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(records_[index] ?? {})) setOwnProperty(properties, key.replace(/\uFFFD+$/, ''), cleanValue(value));
    let geometry: AnyGeoJsonGeometry | null = null;
    if (shape && typeof shape.type === 'string') {
      const { bbox: _bbox, ...rest } = shape;
      geometry = rest as unknown as AnyGeoJsonGeometry;
      // ESRI rings run clockwise around the exterior; RFC 7946 wants the opposite.
      reverseRings(geometry);
    }
    features.push({ type: 'Feature', geometry, properties });
  }
  if (features.length === 0) return fail(makeError('no-features'));

  let prj: PrjReading | undefined;
  if (parts.prj) {
    if (parts.prj.length > limits.prjBytes) {
      problems.push(makeProblem('prj-too-large', 'warning', { size: formatBytes(parts.prj.length), limit: formatBytes(limits.prjBytes) }));
    } else {
      const text = new TextDecoder().decode(parts.prj).trim();
      prj = readPrj(text);
      if (!prj) problems.push(makeProblem('prj-not-understood', 'warning', { detail: text }));
    }
  }
  return ok({ features, prj, encoding, encodingSource: source, problems });
}
