// CSV/TSV with coordinate columns → a point table (./point-table.ts) in the file's own coordinates,
// with every bad row reported by its line number. The bytes are cut into blocks at line ends outside
// quotes and each block is decoded and scanned on its own, so a 1 M-row file never becomes one giant
// string, reports progress and can be cancelled between blocks. Line ends and quotes are ASCII and
// never occur inside a GBK or UTF-8 multi-byte character, so the cut is exact for both.
//
// Hand-written rather than papaparse because the rows go straight into columns (papaparse builds an
// array of strings per row, then we built an object per row), because line numbers must follow
// quoted fields that span lines, and because a quote that is never closed must cost one row with a
// message, not swallow the rest of the file as papaparse does (5 rows → 2, "0 with problems").
import { fail, ok, type Result } from '../types.ts';
import type { Checkpoint } from './create-checkpoint.ts';
import { findCoordinateColumns, type CoordinateColumns } from './find-coordinate-columns.ts';
import { makeError, makeProblem, type ImportProblem } from './import-problem.ts';
import { parseCoordinateValue } from './parse-coordinate-value.ts';
import { ColumnBuilder, NumberBuilder, type PointTable } from './point-table.ts';

export interface ParsedCsv {
  /** Rows in the file's own coordinates (NaN where a row has no usable location). */
  table: PointTable;
  header: string[];
  columns: CoordinateColumns;
  problems: ImportProblem[];
}

const BLOCK = 1 << 20;
const NAME_COLUMNS = /^(名称|name|机构名称|单位名称|设施名称|地名|title|名字)$/i;
const QUOTE = 0x22;
const NEWLINE = 0x0a;
const RETURN = 0x0d;

/** Cell text → number when it is plainly one (keeping codes with leading zeros as text), '' → null. */
export function convertCell(value: string): unknown {
  const text = isSpaceCode(value.charCodeAt(0)) || isSpaceCode(value.charCodeAt(value.length - 1)) ? value.trim() : value;
  if (text === '') return null;
  if (isPlainNumber(text)) return Number(text);
  return value;
}

function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0xa0 || c === 0x3000 || c === 0xfeff;
}

/** -?(0|[1-9]\d{0,14})(\.\d+)? without a regular expression (it runs once per cell). */
function isPlainNumber(text: string): boolean {
  let i = text.charCodeAt(0) === 0x2d ? 1 : 0;
  const first = text.charCodeAt(i);
  if (!(first >= 0x30 && first <= 0x39)) return false;
  const digitsStart = i;
  while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
  const digits = i - digitsStart;
  if (digits > 15 || (first === 0x30 && digits > 1)) return false;
  if (i === text.length) return true;
  if (text.charCodeAt(i) !== 0x2e || i + 1 === text.length) return false;
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 0x30 && c <= 0x39)) return false;
  }
  return true;
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

/** End of the next block: the first line end outside quotes after BLOCK bytes (or the end). */
function nextBlockEnd(bytes: Uint8Array, from: number): number {
  if (from + BLOCK >= bytes.length) return bytes.length;
  // Most files have no quote in a block: then the first line end after BLOCK bytes is the cut
  // (two native searches instead of a loop over every byte).
  const lineEnd = bytes.indexOf(NEWLINE, from + BLOCK);
  if (lineEnd < 0) return bytes.length;
  if (bytes.subarray(from, lineEnd).indexOf(QUOTE) < 0) return lineEnd + 1;
  let inQuotes = false;
  // Quote parity must be tracked from the block start; a doubled quote toggles twice.
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (c === NEWLINE && !inQuotes && i - from >= BLOCK) return i + 1;
  }
  return bytes.length;
}

/** The delimiter the header line uses most (outside quotes): comma, tab, semicolon or bar. */
function guessDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const line = end < 0 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', '\t', ';', '|']) {
    let count = 0;
    let quoted = false;
    for (const char of line) {
      if (char === '"') quoted = !quoted;
      else if (char === candidate && !quoted) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

interface RowScan {
  /** Position after the row's line end; -1 when a quote opened in the row is never closed. */
  next: number;
  /** Line ends consumed (more than one when a quoted field spans lines). */
  lineEnds: number;
}

/** Reads one row of `text` from `start` into `fields`. */
function scanRow(text: string, start: number, delimiter: number, fields: string[]): RowScan {
  fields.length = 0;
  let i = start;
  let lineEnds = 0;
  const n = text.length;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      // Quoted field: "" is a quote; characters after the closing quote are kept (lenient).
      let value = '';
      let from = i + 1;
      for (i = from; ; i++) {
        if (i >= n) return { next: -1, lineEnds };
        const c = text.charCodeAt(i);
        if (c === NEWLINE) lineEnds++;
        else if (c === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            value += text.slice(from, i + 1);
            from = i + 2;
            i++;
          } else break;
        }
      }
      value += text.slice(from, i);
      i++;
      const restStart = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === delimiter || c === NEWLINE) break;
        i++;
      }
      let rest = text.slice(restStart, i);
      if (rest.endsWith('\r')) rest = rest.slice(0, -1);
      fields.push(rest ? value + rest : value);
    } else {
      const from = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === delimiter || c === NEWLINE) break;
        i++;
      }
      let end = i;
      if (end > from && text.charCodeAt(end - 1) === RETURN && (i >= n || text.charCodeAt(i) === NEWLINE)) end--;
      fields.push(text.slice(from, end));
    }
    if (i >= n) return { next: n, lineEnds };
    if (text.charCodeAt(i) === NEWLINE) return { next: i + 1, lineEnds: lineEnds + 1 };
    i++; // delimiter
  }
}

/** Exact powers of ten (10^22 is the largest a double holds exactly). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Reads one row whose every field is a plain decimal number (what convertCell turns into a number:
 * -?(0|[1-9]\d{0,14})(\.\d+)?), without a string per field: the common case of a coordinate or
 * population table. Returns the position after the row, or -1 when the row is anything else (a
 * quote, text, an empty cell, another field count): then the general scanner reads it.
 * With at most 15 significant digits the digits make an exact integer m and m / 10^k (both exact)
 * is the correctly rounded value, the same double Number(text) gives; longer numbers use Number.
 */
function scanNumberRow(text: string, start: number, delimiter: number, count: number, out: Float64Array): number {
  const n = text.length;
  let i = start;
  for (let c = 0; c < count; c++) {
    const from = i;
    const negative = text.charCodeAt(i) === 0x2d;
    if (negative) i++;
    const first = text.charCodeAt(i);
    if (!(first >= 0x30 && first <= 0x39)) return -1;
    let mantissa = 0;
    let digits = 0;
    const integerStart = i;
    while (i < n) {
      const d = text.charCodeAt(i) - 0x30;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      i++;
    }
    const integerDigits = i - integerStart;
    if (integerDigits > 15 || (first === 0x30 && integerDigits > 1)) return -1;
    digits = integerDigits;
    let fraction = 0;
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      const fractionStart = i;
      while (i < n) {
        const d = text.charCodeAt(i) - 0x30;
        if (d < 0 || d > 9) break;
        if (digits < 15) mantissa = mantissa * 10 + d;
        digits++;
        i++;
      }
      fraction = i - fractionStart;
      if (fraction === 0) return -1;
    }
    const end = i;
    const next = text.charCodeAt(i);
    if (c < count - 1) {
      if (next !== delimiter) return -1;
      i++;
    } else if (i < n && next !== NEWLINE && !(next === RETURN && text.charCodeAt(i + 1) === NEWLINE)) return -1;
    if (digits <= 15 && fraction <= 22) {
      const value = fraction === 0 ? mantissa : mantissa / POWERS_OF_TEN[fraction];
      out[c] = negative ? -value : value;
    } else out[c] = Number(text.slice(from, end));
  }
  if (i >= n) return n;
  return text.indexOf('\n', i) + 1;
}

function isBlank(fields: string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

export interface CsvOptions {
  encoding: string;
  lonField?: string;
  latField?: string;
  fileName: string;
}

export async function parseCsv(bytes: Uint8Array, options: CsvOptions, checkpoint: Checkpoint): Promise<Result<ParsedCsv>> {
  const decoder = new TextDecoder(options.encoding);
  const problems: ImportProblem[] = [];
  let header: string[] | undefined;
  let columns: CoordinateColumns | undefined;
  let builders: ColumnBuilder[] = [];
  const lon = new NumberBuilder();
  const lat = new NumberBuilder();
  const lines: number[] = [];
  let lonIndex = -1;
  let latIndex = -1;
  let nameIndex = -1;
  let delimiter = /\.tsv$|\.tab$/i.test(options.fileName) ? 0x09 : -1;
  let line = 1;
  const fields: string[] = [];
  let numbers = new Float64Array(0);

  for (let start = 0; start < bytes.length; ) {
    const end = nextBlockEnd(bytes, start);
    let text = decoder.decode(bytes.subarray(start, end), { stream: false });
    if (start === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    start = end;
    if (delimiter < 0) delimiter = guessDelimiter(text).charCodeAt(0);
    for (let position = 0; position < text.length; ) {
      const rowLine = line;
      if (header && numbers.length === builders.length && columns?.kind === 'pair') {
        const next = scanNumberRow(text, position, delimiter, numbers.length, numbers);
        if (next > 0) {
          for (let c = 0; c < numbers.length; c++) builders[c].push(numbers[c]);
          lines.push(rowLine);
          lon.push(numbers[lonIndex]);
          lat.push(numbers[latIndex]);
          position = next;
          line++;
          continue;
        }
      }
      const scan = scanRow(text, position, delimiter, fields);
      if (scan.next < 0) {
        // A quote opened in this row is never closed: the row cannot be read; go on with the next line.
        const lineEnd = text.indexOf('\n', position);
        problems.push(makeProblem('csv-unclosed-quote', 'error', { line: rowLine, rows: 1 }, { featureIndex: lon.length, line: rowLine }));
        if (header) {
          for (const builder of builders) builder.push(null);
          lon.push(NaN);
          lat.push(NaN);
          lines.push(rowLine);
        }
        line++;
        position = lineEnd < 0 ? text.length : lineEnd + 1;
        continue;
      }
      position = scan.next;
      line += scan.lineEnds;
      if (isBlank(fields)) continue;
      if (!header) {
        header = uniqueHeader(fields);
        if (options.lonField || options.latField) {
          for (const field of [options.lonField, options.latField]) {
            if (field && !header.includes(field)) return fail(makeError('csv-field-not-found', { field }));
          }
          const detected = findCoordinateColumns(header);
          const lonName = options.lonField ?? (detected?.kind === 'pair' ? detected.lon : undefined);
          const latName = options.latField ?? (detected?.kind === 'pair' ? detected.lat : undefined);
          if (!lonName || !latName) return fail(makeError('csv-no-coordinate-columns', { columns: header.join(', ') }));
          columns = { kind: 'pair', lon: lonName, lat: latName };
        } else columns = findCoordinateColumns(header);
        if (!columns) return fail(makeError('csv-no-coordinate-columns', { columns: header.join(', ') }));
        lonIndex = header.indexOf(columns.kind === 'pair' ? columns.lon : columns.column);
        latIndex = columns.kind === 'pair' ? header.indexOf(columns.lat) : lonIndex;
        nameIndex = header.findIndex((name) => NAME_COLUMNS.test(name));
        builders = header.map((name) => new ColumnBuilder(name));
        numbers = new Float64Array(header.length);
        continue;
      }
      const names = header;
      const featureIndex = lon.length;
      const location = { featureIndex, line: rowLine, featureName: nameIndex >= 0 && fields[nameIndex] ? fields[nameIndex] : undefined };
      if (fields.length !== names.length) {
        problems.push(makeProblem('csv-row-length', 'warning', { count: fields.length, expected: names.length }, location));
        // Cells beyond the header get columns of their own, as the feature path kept them.
        for (let c = builders.length; c < fields.length; c++) {
          const builder = new ColumnBuilder(`column_${c + 1}`);
          for (let row = 0; row < featureIndex; row++) builder.push(null);
          builders.push(builder);
        }
      }
      let lonCell: unknown;
      let latCell: unknown;
      for (let c = 0; c < builders.length; c++) {
        const cell = c < fields.length ? convertCell(fields[c]) : null;
        if (c === lonIndex) lonCell = cell;
        if (c === latIndex) latCell = cell;
        builders[c].push(cell);
      }
      lines.push(rowLine);
      if (columns?.kind === 'pair' && typeof lonCell === 'number' && typeof latCell === 'number') {
        // Plain decimal degrees (or metres): already numbers.
        lon.push(lonCell);
        lat.push(latCell);
        continue;
      }
      let lonText = fields[lonIndex] ?? '';
      let latText = fields[latIndex] ?? '';
      if (columns?.kind === 'combined') {
        const pieces = lonText.split(/[,，;\s]+/).filter(Boolean);
        lonText = pieces[0] ?? '';
        latText = pieces[1] ?? '';
      }
      let x = NaN;
      let y = NaN;
      if (!lonText.trim() || !latText.trim()) {
        problems.push(makeProblem('csv-missing-coordinates', 'warning', {}, location));
      } else {
        x = parseCoordinateValue(lonText);
        y = parseCoordinateValue(latText);
        if (!Number.isFinite(x) || !Number.isFinite(y)) {
          const lonBad = !Number.isFinite(x);
          problems.push(makeProblem('csv-bad-coordinate', 'warning', { value: (lonBad ? lonText : latText).slice(0, 40) }, { ...location, field: lonBad ? names[lonIndex] : names[latIndex] }));
          x = NaN;
          y = NaN;
        }
      }
      lon.push(x);
      lat.push(y);
    }
    await checkpoint(end / bytes.length, 'parse');
  }
  if (!header || !columns) return fail(makeError('csv-empty'));
  if (lon.length === 0) return fail(makeError('csv-empty'));
  const table: PointTable = { count: lon.length, lon: lon.finish(), lat: lat.finish(), columns: builders.map((builder) => builder.finish()), lines: Uint32Array.from(lines) };
  return ok({ table, header, columns, problems });
}
