// CSV/TSV with coordinate columns → point features (in the file's own coordinate system).
// The bytes are cut into blocks at line ends outside quotes and each block is decoded and parsed by
// papaparse on its own, so a 1 M-row file never becomes one giant string, reports progress and can
// be cancelled between blocks. Line ends and quotes are ASCII and never occur inside a GBK or UTF-8
// multi-byte character, so the cut is exact for both.
import { fail, ok, type Result } from '../types.ts';
import type { Checkpoint } from './create-checkpoint.ts';
import { findCoordinateColumns, type CoordinateColumns } from './find-coordinate-columns.ts';
import type { GeoJSONFeature } from './geojson-types.ts';
import { makeError, makeProblem, type ImportProblem } from './import-problem.ts';
import { parseCoordinateValue } from './parse-coordinate-value.ts';

export interface ParsedCsv {
  features: GeoJSONFeature[];
  header: string[];
  columns: CoordinateColumns;
  problems: ImportProblem[];
}

const BLOCK = 256 << 10;
const NAME_COLUMNS = /^(名称|name|机构名称|单位名称|设施名称|地名|title|名字)$/i;

/** Cell text → number when it is plainly one (keeping codes with leading zeros as text), '' → null. */
export function convertCell(value: string): unknown {
  const text = value.trim();
  if (text === '') return null;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(text)) return Number(text);
  return value;
}

function uniqueHeader(row: string[]): string[] {
  const seen = new Map<string, number>();
  return row.map((raw, index) => {
    const base = raw.replace(/^\uFEFF/, '').trim() || `column_${index + 1}`;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}_${count + 1}`;
  });
}

function nextBlockEnd(bytes: Uint8Array, from: number): number {
  if (from + BLOCK >= bytes.length) return bytes.length;
  let inQuotes = false;
  // Quote parity must be tracked from the block start; a doubled quote toggles twice.
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x22) inQuotes = !inQuotes;
    else if (c === 0x0a && !inQuotes && i - from >= BLOCK) return i + 1;
  }
  return bytes.length;
}

export interface CsvOptions {
  encoding: string;
  lonField?: string;
  latField?: string;
  fileName: string;
}

export async function parseCsv(bytes: Uint8Array, options: CsvOptions, checkpoint: Checkpoint): Promise<Result<ParsedCsv>> {
  const Papa = (await import('papaparse')).default;
  const decoder = new TextDecoder(options.encoding);
  const problems: ImportProblem[] = [];
  const features: GeoJSONFeature[] = [];
  let header: string[] | undefined;
  let columns: CoordinateColumns | undefined;
  let lonIndex = -1;
  let latIndex = -1;
  let nameIndex = -1;
  let delimiter: string | undefined = /\.tsv$|\.tab$/i.test(options.fileName) ? '\t' : undefined;

  for (let start = 0; start < bytes.length; ) {
    const end = nextBlockEnd(bytes, start);
    const text = decoder.decode(bytes.subarray(start, end), { stream: false });
    start = end;
    const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy', header: false });
    delimiter ??= parsed.meta.delimiter;
    const rows = parsed.data;
    let rowStart = 0;
    if (!header) {
      if (rows.length === 0) continue;
      header = uniqueHeader(rows[0]);
      rowStart = 1;
      if (options.lonField || options.latField) {
        for (const field of [options.lonField, options.latField]) {
          if (field && !header.includes(field)) return fail(makeError('csv-field-not-found', { field }));
        }
        const detected = findCoordinateColumns(header);
        const lon = options.lonField ?? (detected?.kind === 'pair' ? detected.lon : undefined);
        const lat = options.latField ?? (detected?.kind === 'pair' ? detected.lat : undefined);
        if (!lon || !lat) return fail(makeError('csv-no-coordinate-columns', { columns: header.join(', ') }));
        columns = { kind: 'pair', lon, lat };
      } else {
        columns = findCoordinateColumns(header);
      }
      if (!columns) return fail(makeError('csv-no-coordinate-columns', { columns: header.join(', ') }));
      lonIndex = header.indexOf(columns.kind === 'pair' ? columns.lon : columns.column);
      latIndex = columns.kind === 'pair' ? header.indexOf(columns.lat) : lonIndex;
      nameIndex = header.findIndex((name) => NAME_COLUMNS.test(name));
    }
    const names = header;
    for (let r = rowStart; r < rows.length; r++) {
      const row = rows[r];
      const featureIndex = features.length;
      const properties: Record<string, unknown> = {};
      for (let c = 0; c < row.length; c++) properties[c < names.length ? names[c] : `column_${c + 1}`] = convertCell(row[c]);
      for (let c = row.length; c < names.length; c++) properties[names[c]] = null;
      const location = { featureIndex, featureName: nameIndex >= 0 && row[nameIndex] ? row[nameIndex] : undefined };
      if (row.length !== names.length) {
        problems.push(makeProblem('csv-row-length', 'warning', { count: row.length, expected: names.length }, location));
      }
      let lonText = row[lonIndex] ?? '';
      let latText = row[latIndex] ?? '';
      if (columns?.kind === 'combined') {
        const pieces = lonText.split(/[,，;\s]+/).filter(Boolean);
        lonText = pieces[0] ?? '';
        latText = pieces[1] ?? '';
      }
      let geometry: GeoJSONFeature['geometry'] = null;
      if (!lonText.trim() || !latText.trim()) {
        problems.push(makeProblem('csv-missing-coordinates', 'warning', {}, location));
      } else {
        const lon = parseCoordinateValue(lonText);
        const lat = parseCoordinateValue(latText);
        if (Number.isFinite(lon) && Number.isFinite(lat)) geometry = { type: 'Point', coordinates: [lon, lat] };
        else {
          const bad = Number.isFinite(lon) ? latText : lonText;
          problems.push(makeProblem('csv-bad-coordinate', 'warning', { value: bad.slice(0, 40) }, { ...location, field: Number.isFinite(lon) ? names[latIndex] : names[lonIndex] }));
        }
      }
      features.push({ type: 'Feature', geometry, properties });
    }
    await checkpoint(end / bytes.length, 'parse');
  }
  if (!header || !columns) return fail(makeError('csv-empty'));
  if (features.length === 0) return fail(makeError('csv-empty'));
  return ok({ features, header, columns, problems });
}
