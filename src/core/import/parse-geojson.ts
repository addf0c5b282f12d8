// GeoJSON and newline-delimited GeoJSON → raw feature objects plus the legacy `crs` member.
// Features are not yet checked: validate-feature.ts does that for every format alike.
import { fail, ok, type Result } from '../types.ts';
import type { Checkpoint } from './create-checkpoint.ts';
import { makeError, makeProblem, type ImportProblem } from './import-problem.ts';
import { scanJsonFeatures } from './scan-json-features.ts';

export interface ParsedFeatures {
  /** Raw feature-like objects; an undefined entry is one that could not be parsed (see problems). */
  rawFeatures: unknown[];
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

export async function parseGeoJson(bytes: Uint8Array, checkpoint: Checkpoint): Promise<Result<ParsedFeatures>> {
  const scan = await scanJsonFeatures(bytes, checkpoint);
  if (scan.kind === 'none') return fail(makeError('empty-file'));
  if (scan.kind === 'other') {
    return fail(scan.syntaxError ? makeError('invalid-json', { ...scan.syntaxError }) : makeError('not-geojson', { type: 'primitive' }));
  }
  if (scan.trailingContent && scan.kind === 'object' && !scan.truncated) {
    // A second top-level value: newline-delimited GeoJSON without the extension.
    const ndjson = await parseNdjson(bytes, checkpoint);
    return ndjson.ok ? ok({ ...ndjson.value, format: 'ndjson' }) : ndjson;
  }
  const problems: ImportProblem[] = [];
  let rawFeatures: unknown[];
  if (scan.hasFeaturesArray) {
    rawFeatures = scan.features;
    for (const { index, detail } of scan.featureErrors) {
      problems.push(makeProblem('invalid-json', 'error', { detail, position: '?' }, { featureIndex: index }));
    }
  } else if (scan.kind === 'object' && !scan.truncated && !scan.syntaxError) {
    const wrapped = wrapTopLevel(scan.members);
    if (!wrapped) {
      const type = typeof scan.members.type === 'string' ? scan.members.type : Object.keys(scan.members).slice(0, 5).join(', ');
      return fail(makeError('not-geojson', { type }));
    }
    rawFeatures = wrapped;
  } else {
    rawFeatures = [];
  }
  if (scan.truncated) {
    if (rawFeatures.filter((feature) => feature !== undefined).length === 0) return fail(makeError('truncated-json'));
    problems.push(makeProblem('truncated-json', 'error'));
  } else if (scan.syntaxError) {
    if (rawFeatures.length === 0) return fail(makeError('invalid-json', { ...scan.syntaxError }));
    problems.push(makeProblem('invalid-json', 'error', { ...scan.syntaxError }));
  }
  if (scan.kind === 'object' && scan.hasFeaturesArray && scan.members.type !== undefined && scan.members.type !== 'FeatureCollection') {
    return fail(makeError('not-geojson', { type: String(scan.members.type) }));
  }
  if (rawFeatures.length === 0) return fail(makeError('no-features'));
  return ok({ rawFeatures, crsName: readCrsMember(scan.members.crs), problems });
}

/** Newline-delimited GeoJSON (GeoJSONSeq, RFC 8142: records may start with the RS byte 0x1E). */
export async function parseNdjson(bytes: Uint8Array, checkpoint: Checkpoint): Promise<Result<ParsedFeatures>> {
  const decoder = new TextDecoder('utf-8');
  const rawFeatures: unknown[] = [];
  const problems: ImportProblem[] = [];
  let crsName: string | undefined;
  let lineStart = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let lineNumber = 0;
  let lastYield = 0;
  while (lineStart < bytes.length) {
    let lineEnd = bytes.indexOf(0x0a, lineStart);
    const endsWithNewline = lineEnd >= 0;
    if (!endsWithNewline) lineEnd = bytes.length;
    const text = decoder.decode(bytes.subarray(lineStart, lineEnd)).replace(/^[\u001e\s]+|\s+$/g, '');
    lineNumber++;
    if (text) {
      try {
        const value = JSON.parse(text) as Record<string, unknown>;
        const wrapped = value && typeof value === 'object' ? (value.type === 'FeatureCollection' && Array.isArray(value.features) ? value.features : wrapTopLevel(value)) : undefined;
        if (value && typeof value === 'object' && value.crs && !crsName) crsName = readCrsMember(value.crs);
        if (wrapped) rawFeatures.push(...wrapped);
        else {
          problems.push(makeProblem('invalid-structure', 'error', { detail: `line ${lineNumber}: not a GeoJSON object` }, { featureIndex: rawFeatures.length }));
          rawFeatures.push(undefined);
        }
      } catch (error) {
        const code = endsWithNewline ? 'invalid-json' : 'truncated-json';
        problems.push(makeProblem(code, 'error', { detail: `line ${lineNumber}: ${(error as Error).message}`, position: lineStart }, { featureIndex: rawFeatures.length }));
        rawFeatures.push(undefined);
      }
    }
    lineStart = lineEnd + 1;
    if (lineStart - lastYield > 1 << 20) {
      lastYield = lineStart;
      await checkpoint(lineStart / bytes.length, 'parse');
    }
  }
  if (rawFeatures.length === 0) return fail(makeError('no-features'));
  if (rawFeatures.every((feature) => feature === undefined)) {
    const first = problems[0];
    return fail({ code: first?.code ?? 'invalid-json', message: first?.message ?? makeError('invalid-json').message });
  }
  return ok({ rawFeatures, crsName, problems });
}
