// GeoJSON and newline-delimited GeoJSON → raw feature objects plus the legacy `crs` member.
// Features are not yet checked: validate-feature.ts does that for every format alike.
// A file that ends early is an error ("6 of at least 9 features read; the file ends at byte N")
// unless the caller explicitly asks to keep the readable part, which is then reported as kept.
// A consumer that takes points (addPoint: the point table) gets plain point features straight from
// their bytes (read-point-feature.ts), without a parsed object; everything else is parsed.
import type { ImportLimits } from '../limits.ts';
import { fail, ok, type AppError, type Result } from '../types.ts';
import type { Checkpoint } from './create-checkpoint.ts';
import { describeJsonSyntaxError, findJsonSyntaxError } from './find-json-syntax-error.ts';
import { makeError, makeProblem, type ImportProblem } from './import-problem.ts';
import { OPEN_BRACE } from './json-bytes.ts';
import { PointFeatureReader, type ReadPoint } from './read-point-feature.ts';
import { scanJsonFeatures, type ScannedElement } from './scan-json-features.ts';

export interface ParsedFeatures {
  /** Raw feature-like objects; an undefined entry is one that could not be parsed (see problems). */
  rawFeatures: unknown[];
  /** Where each raw feature starts: a byte offset (GeoJSON) or a 1-based line (NDJSON). */
  positions: { byte?: number; line?: number }[];
  /** Set when the file ends early and the caller chose to keep the readable part. */
  readablePartKept?: { featuresRead: number; featuresAtLeast: number; endsAtByte: number };
  /** The `crs` member's name (pre-RFC 7946 GeoJSON), if any. */
  crsName?: string;
  problems: ImportProblem[];
  /** Set when a .json/.geojson turned out to be newline-delimited. */
  format?: 'ndjson';
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/** Reads `crs: {type:'name', properties:{name}}` and `crs: {type:'EPSG', properties:{code}}`. */
export function readCrsMember(crs: unknown): string | undefined {
  if (!crs || typeof crs !== 'object') return undefined;
  const properties = (crs as { properties?: Record<string, unknown> }).properties;
  if (!properties || typeof properties !== 'object') return undefined;
  if (typeof properties.name === 'string') return properties.name;
  if (typeof properties.code === 'number' || typeof properties.code === 'string') return `EPSG:${properties.code}`;
  return undefined;
}

function wrapTopLevel(value: Record<string, unknown>): unknown[] | undefined {
  const type = value.type;
  if (type === 'Feature') return [value];
  if (type === 'GeometryCollection' && Array.isArray(value.geometries)) {
    return value.geometries.map((geometry) => ({ type: 'Feature', geometry, properties: {} }));
  }
  if (typeof type === 'string' && GEOMETRY_TYPES.has(type)) return [{ type: 'Feature', geometry: value, properties: {} }];
  return undefined;
}

/** Receives each raw feature as it is read (undefined for one that could not be parsed). */
export interface FeatureConsumer {
  add(raw: unknown, index: number, position: { byte?: number; line?: number }): void;
  /** Forget what was added (the file turned out to be newline-delimited and is read again). */
  reset(): void;
  /**
   * Receives a plain point feature read straight from its bytes (read-point-feature.ts), in place
   * of `add` with its parsed object: a consumer that has this gets the features of a collection so.
   */
  addPoint?(point: ReadPoint, index: number, byte: number): void;
}

export interface GeoJsonOptions {
  limits: Pick<ImportLimits, 'verticesPerFeature' | 'verticesPerLayer' | 'propertyDepth' | 'propertyChars'>;
  /** Accept a truncated file's complete features (reported as 'truncated-json-kept'); default: error. */
  keepReadablePart?: boolean;
  /** Stream the features to this consumer instead of collecting them in `rawFeatures` (then empty). */
  consumer?: FeatureConsumer;
}

/** 'invalid-json' with line, column and byte of the first bad byte in bytes[start, end). */
export function jsonSyntaxParams(bytes: Uint8Array, start: number, end: number, feature?: number): Record<string, string | number | undefined> {
  const found = findJsonSyntaxError(bytes, start, end) ?? { offset: end, reason: 'unexpected-end' as const };
  return { ...describeJsonSyntaxError(bytes, found), feature };
}

function refusalProblem(element: ScannedElement, options: GeoJsonOptions): ImportProblem {
  const location = { featureIndex: element.index, byte: element.start };
  if (element.refused?.kind === 'too-deep') return makeProblem('property-too-deep', 'error', { field: 'properties', limit: options.limits.propertyDepth }, location);
  return makeProblem('too-many-vertices', 'error', { count: element.refused?.kind === 'too-many-vertices' ? element.refused.vertices : '?', limit: options.limits.verticesPerFeature }, location);
}

/** The error or the kept-part record for a file that ends early. */
function truncation(read: number, atLeast: number, end: number, keep: boolean | undefined): { error?: AppError; problem?: ImportProblem; kept?: ParsedFeatures['readablePartKept'] } {
  const params = { read, atLeast: Math.max(atLeast, read + 1), end };
  if (read === 0 || !keep) return { error: makeError('truncated-json', params) };
  return { problem: makeProblem('truncated-json-kept', 'warning', params), kept: { featuresRead: read, featuresAtLeast: params.atLeast, endsAtByte: end } };
}

export async function parseGeoJson(bytes: Uint8Array, checkpoint: Checkpoint, options: GeoJsonOptions): Promise<Result<ParsedFeatures>> {
  const problems: ImportProblem[] = [];
  const rawFeatures: unknown[] = [];
  const positions: ParsedFeatures['positions'] = [];
  const deliver = options.consumer
    ? (raw: unknown, index: number, position: { byte?: number }) => options.consumer?.add(raw, index, position)
    : (raw: unknown, _index: number, position: { byte?: number }) => {
        rawFeatures.push(raw);
        positions.push(position);
      };
  let delivered = 0;
  let readable = 0;
  const onElement = (element: ScannedElement): void => {
    if (element.point) {
      readable++;
      delivered++;
      options.consumer?.addPoint?.(element.point, element.index, element.start);
      return;
    }
    if (element.refused) problems.push(refusalProblem(element, options));
    else if (element.syntaxError) {
      problems.push(makeProblem('invalid-json', 'error', jsonSyntaxParams(bytes, element.start, element.end, element.index), { featureIndex: element.index, byte: element.start }));
    }
    if (element.value !== undefined) readable++;
    delivered++;
    deliver(element.value, element.index, { byte: element.start });
  };
  const pointReader = options.consumer?.addPoint ? new PointFeatureReader(options.limits.propertyChars) : undefined;
  const scan = await scanJsonFeatures(bytes, checkpoint, { limits: options.limits, onElement, pointReader });
  if (scan.layerVertexLimitAt !== undefined) return fail(makeError('layer-too-many-vertices', { limit: options.limits.verticesPerLayer, at: scan.layerVertexLimitAt }));
  if (scan.kind === 'none') return fail(makeError('empty-file'));
  const syntaxParams = (): Record<string, string | number | undefined> | undefined => {
    const error = scan.syntaxError;
    if (!error) return undefined;
    if ('unbalanced' in error) return jsonSyntaxParams(bytes, 0, bytes.length);
    return jsonSyntaxParams(bytes, error.start, error.end);
  };
  if (scan.kind === 'other') {
    return fail(scan.syntaxError ? makeError('invalid-json', syntaxParams()) : makeError('not-geojson', { type: 'primitive' }));
  }
  if (scan.trailingContent && scan.kind === 'object' && !scan.truncated) {
    // A second top-level value: newline-delimited GeoJSON without the extension.
    options.consumer?.reset();
    const ndjson = await parseNdjson(bytes, checkpoint, options);
    return ndjson.ok ? ok({ ...ndjson.value, format: 'ndjson' }) : ndjson;
  }
  if (!scan.hasFeaturesArray && scan.kind === 'object' && !scan.truncated && !scan.syntaxError) {
    const wrapped = wrapTopLevel(scan.members);
    if (!wrapped) {
      const type = typeof scan.members.type === 'string' ? scan.members.type : Object.keys(scan.members).slice(0, 5).join(', ');
      return fail(makeError('not-geojson', { type }));
    }
    wrapped.forEach((raw, index) => deliver(raw, index, {}));
    delivered = readable = wrapped.length;
  }
  let readablePartKept: ParsedFeatures['readablePartKept'];
  if (scan.truncated) {
    const cut = truncation(readable, scan.elementsStarted, bytes.length, options.keepReadablePart);
    if (cut.error) return fail(cut.error);
    problems.push(cut.problem as ImportProblem);
    readablePartKept = cut.kept;
  } else if (scan.syntaxError) {
    if (delivered === 0) return fail(makeError('invalid-json', syntaxParams()));
    problems.push(makeProblem('invalid-json', 'error', syntaxParams()));
  }
  if (scan.kind === 'object' && scan.hasFeaturesArray && scan.members.type !== undefined && scan.members.type !== 'FeatureCollection') {
    return fail(makeError('not-geojson', { type: String(scan.members.type) }));
  }
  if (delivered === 0) return fail(makeError('no-features'));
  const parsed: ParsedFeatures = { rawFeatures, positions, crsName: readCrsMember(scan.members.crs), problems };
  if (readablePartKept) parsed.readablePartKept = readablePartKept;
  return ok(parsed);
}

/** Nesting depth and positions (arrays opening on a number) of one NDJSON record, strings skipped. */
function measureRecord(bytes: Uint8Array, start: number, end: number): { depth: number; vertices: number } {
  let depth = 0;
  let deepest = 0;
  let vertices = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c === 0x22) {
      for (i++; i < end && bytes[i] !== 0x22; i++) if (bytes[i] === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest) deepest = depth;
      if (c === 0x5b) {
        let next = i + 1;
        while (next < end && (bytes[next] === 0x20 || bytes[next] === 0x09)) next++;
        if ((bytes[next] >= 0x30 && bytes[next] <= 0x39) || bytes[next] === 0x2d) vertices++;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return { depth: deepest, vertices };
}

/** Bytes the NDJSON reader strips around a record that are also JSON whitespace or the RS byte (0x1E). */
function isRecordSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x1e;
}

/**
 * Reads the line [lineStart, lineEnd) with the point reader: true when it is one plain point
 * feature with only blanks around it (those the line's parse strips: RS and blanks before, blanks
 * after). The reader cannot run past the line unnoticed: a string cannot hold a newline.
 */
function readPointLine(reader: PointFeatureReader, bytes: Uint8Array, lineStart: number, lineEnd: number): boolean {
  let from = lineStart;
  while (from < lineEnd && isRecordSpace(bytes[from])) from++;
  if (bytes[from] !== OPEN_BRACE) return false;
  let end = reader.read(bytes, from);
  if (end < 0 || end > lineEnd) return false;
  while (end < lineEnd && isRecordSpace(bytes[end]) && bytes[end] !== 0x1e) end++;
  return end === lineEnd;
}

/**
 * Newline-delimited GeoJSON (GeoJSONSeq, RFC 8142: records may start with the RS byte 0x1E).
 * Records go to the consumer as they are read. A consumer with addPoint gets a line that holds one
 * plain point feature (and only blanks around it) from the point reader, without JSON.parse.
 */
export async function parseNdjson(bytes: Uint8Array, checkpoint: Checkpoint, options: GeoJsonOptions): Promise<Result<ParsedFeatures>> {
  const decoder = new TextDecoder('utf-8');
  const rawFeatures: unknown[] = [];
  const positions: ParsedFeatures['positions'] = [];
  const problems: ImportProblem[] = [];
  const { consumer } = options;
  const reader = consumer?.addPoint ? new PointFeatureReader(options.limits.propertyChars) : undefined;
  /** Records read (the next one's index) and those that are not undefined. */
  let count = 0;
  let readable = 0;
  const collect = (raw: unknown, position: { line: number; byte: number }): void => {
    if (raw !== undefined) readable++;
    if (consumer) consumer.add(raw, count, position);
    else {
      rawFeatures.push(raw);
      positions.push(position);
    }
    count++;
  };
  let crsName: string | undefined;
  let lineStart = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let lineNumber = 0;
  let lastYield = 0;
  let truncatedAt: number | undefined;
  while (lineStart < bytes.length) {
    let lineEnd = bytes.indexOf(0x0a, lineStart);
    const endsWithNewline = lineEnd >= 0;
    if (!endsWithNewline) lineEnd = bytes.length;
    lineNumber++;
    // A plain point feature filling the line is read from its bytes. Within the limits by the
    // reader's count, it is within them by measureRecord's too (which counts no more vertices).
    if (reader && readPointLine(reader, bytes, lineStart, lineEnd) && reader.point.depth <= options.limits.propertyDepth + 2 && reader.point.vertices <= options.limits.verticesPerFeature) {
      readable++;
      consumer?.addPoint?.(reader.point, count++, lineStart);
    } else {
      // Measured before it is decoded or parsed, as the scanner measures a feature of a collection.
      const measure = measureRecord(bytes, lineStart, lineEnd);
      const refusal = measure.depth > options.limits.propertyDepth + 2 ? 'too-deep' : measure.vertices > options.limits.verticesPerFeature ? 'too-many-vertices' : undefined;
      if (refusal) {
        const location = { featureIndex: count, line: lineNumber, byte: lineStart };
        problems.push(
          refusal === 'too-deep'
            ? makeProblem('property-too-deep', 'error', { field: 'properties', limit: options.limits.propertyDepth }, location)
            : makeProblem('too-many-vertices', 'error', { count: measure.vertices, limit: options.limits.verticesPerFeature }, location),
        );
        collect(undefined, { line: lineNumber, byte: lineStart });
        lineStart = lineEnd + 1;
        continue;
      }
      const text = decoder.decode(bytes.subarray(lineStart, lineEnd)).replace(/^[\u001e\s]+|\s+$/g, '');
      if (text) {
        const location = { featureIndex: count, line: lineNumber, byte: lineStart };
        let value: Record<string, unknown> | undefined;
        try {
          value = JSON.parse(text) as Record<string, unknown>;
        } catch {
          const error = findJsonSyntaxError(bytes, lineStart, lineEnd);
          if (!endsWithNewline && error?.reason !== 'trailing-content' && error?.reason !== 'unexpected-character') truncatedAt = lineStart;
          else problems.push(makeProblem('invalid-json', 'error', jsonSyntaxParams(bytes, lineStart, lineEnd, count), location));
          collect(undefined, { line: lineNumber, byte: lineStart });
        }
        if (value !== undefined) {
          // Outside the try: what the consumer throws (a layer that is not points) is not a syntax error.
          const wrapped = value && typeof value === 'object' ? (value.type === 'FeatureCollection' && Array.isArray(value.features) ? value.features : wrapTopLevel(value)) : undefined;
          if (value && typeof value === 'object' && value.crs && !crsName) crsName = readCrsMember(value.crs);
          if (wrapped) for (const raw of wrapped) collect(raw, { line: lineNumber, byte: lineStart });
          else {
            problems.push(makeProblem('invalid-structure', 'error', { detail: `line ${lineNumber}: not a GeoJSON object` }, location));
            collect(undefined, { line: lineNumber, byte: lineStart });
          }
        }
      }
    }
    lineStart = lineEnd + 1;
    if (lineStart - lastYield > 1 << 20) {
      lastYield = lineStart;
      await checkpoint(lineStart / bytes.length, 'parse');
    }
  }
  // With a consumer the records are already delivered: on a failure the caller drops what it got.
  if (count === 0) return fail(makeError('no-features'));
  let readablePartKept: ParsedFeatures['readablePartKept'];
  if (truncatedAt !== undefined) {
    const cut = truncation(readable, count, bytes.length, options.keepReadablePart);
    if (cut.error) return fail(cut.error);
    problems.push(cut.problem as ImportProblem);
    readablePartKept = cut.kept;
  }
  if (readable === 0) {
    const first = problems[0];
    return fail({ code: first?.code ?? 'invalid-json', message: first?.message ?? makeError('no-features').message });
  }
  const parsed: ParsedFeatures = { rawFeatures, positions, crsName, problems };
  if (readablePartKept) parsed.readablePartKept = readablePartKept;
  return ok(parsed);
}
