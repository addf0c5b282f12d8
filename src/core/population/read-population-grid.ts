// Reads a population grid file ("gapmap-population-grid" JSON) from its bytes with the big number
// arrays (cellIndexDeltas, population, each cohort) parsed straight into Float64Arrays: no array of
// boxed numbers, no whole-file string. The small header members go through JSON.parse. Anything the
// byte reader does not expect (a non-numeric array, odd nesting) falls back to JSON.parse of the
// whole text, so the result and the error messages are parsePopulationGrid's either way.
import { NumberBuilder } from '../import/point-table.ts';
import { fail, type Result } from '../types.ts';
import { parsePopulationGrid, type PopulationGrid } from './population-grid.ts';

const NUMBER_MEMBERS = new Set(['cellIndexDeltas', 'population']);

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

class Unexpected extends Error {}

function skipSpace(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && isSpace(bytes[i])) i++;
  return i;
}

/** End (exclusive) of the JSON string starting at the quote at `i`. */
function stringEnd(bytes: Uint8Array, i: number): number {
  for (let j = i + 1; j < bytes.length; j++) {
    if (bytes[j] === 0x5c) j++;
    else if (bytes[j] === 0x22) return j + 1;
  }
  throw new Unexpected();
}

/** End (exclusive) of the JSON value starting at `i` (strings and nesting skipped, not checked). */
function valueEnd(bytes: Uint8Array, i: number): number {
  let depth = 0;
  for (let j = i; j < bytes.length; j++) {
    const c = bytes[j];
    if (c === 0x22) {
      j = stringEnd(bytes, j) - 1;
      if (depth === 0) return j + 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return j;
      if (--depth === 0) return j + 1;
    } else if (depth === 0 && (c === 0x2c || isSpace(c))) return j;
  }
  if (depth === 0) return bytes.length;
  throw new Unexpected();
}

/** A JSON array of numbers at `i`, into a Float64Array; integers are read digit by digit. */
function readNumbers(bytes: Uint8Array, i: number, decoder: TextDecoder): { values: Float64Array; end: number } {
  if (bytes[i] !== 0x5b) throw new Unexpected();
  const out = new NumberBuilder();
  let j = skipSpace(bytes, i + 1);
  if (bytes[j] === 0x5d) return { values: out.finish(), end: j + 1 };
  for (;;) {
    const start = j;
    let integer = 0;
    let plain = true;
    while (j < bytes.length) {
      const c = bytes[j];
      if (c >= 0x30 && c <= 0x39) integer = integer * 10 + (c - 0x30);
      else if (c === 0x2c || c === 0x5d || isSpace(c)) break;
      else plain = false;
      j++;
    }
    if (j === start || j - start > 15) plain = false;
    const value = plain ? integer : Number(decoder.decode(bytes.subarray(start, j)));
    if (Number.isNaN(value) || j === start) throw new Unexpected();
    out.push(value);
    j = skipSpace(bytes, j);
    if (bytes[j] === 0x5d) return { values: out.finish(), end: j + 1 };
    if (bytes[j] !== 0x2c) throw new Unexpected();
    j = skipSpace(bytes, j + 1);
  }
}

/** Members of the object at `i`; `read(key, at)` parses one value and returns it with its end. */
function readObject(bytes: Uint8Array, i: number, decoder: TextDecoder, read: (key: string, at: number) => { value: unknown; end: number }): { value: Record<string, unknown>; end: number } {
  if (bytes[i] !== 0x7b) throw new Unexpected();
  const out: Record<string, unknown> = {};
  let j = skipSpace(bytes, i + 1);
  if (bytes[j] === 0x7d) return { value: out, end: j + 1 };
  for (;;) {
    if (bytes[j] !== 0x22) throw new Unexpected();
    const keyEnd = stringEnd(bytes, j);
    const key = JSON.parse(decoder.decode(bytes.subarray(j, keyEnd))) as string;
    j = skipSpace(bytes, keyEnd);
    if (bytes[j] !== 0x3a) throw new Unexpected();
    const member = read(key, skipSpace(bytes, j + 1));
    Object.defineProperty(out, key, { value: member.value, enumerable: true, writable: true, configurable: true });
    j = skipSpace(bytes, member.end);
    if (bytes[j] === 0x7d) return { value: out, end: j + 1 };
    if (bytes[j] !== 0x2c) throw new Unexpected();
    j = skipSpace(bytes, j + 1);
  }
}

export function readPopulationGrid(bytes: Uint8Array): Result<PopulationGrid> {
  const decoder = new TextDecoder('utf-8');
  const generic = (key: string, at: number): { value: unknown; end: number } => {
    void key;
    const end = valueEnd(bytes, at);
    return { value: JSON.parse(decoder.decode(bytes.subarray(at, end))), end };
  };
  const numbers = (at: number): { value: unknown; end: number } => {
    const { values, end } = readNumbers(bytes, at, decoder);
    return { value: values, end };
  };
  try {
    const start = skipSpace(bytes, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
    const { value, end } = readObject(bytes, start, decoder, (key, at) => {
      if (NUMBER_MEMBERS.has(key)) return numbers(at);
      if (key === 'cohorts') return readObject(bytes, at, decoder, (_name, inner) => numbers(inner));
      return generic(key, at);
    });
    if (skipSpace(bytes, end) !== bytes.length) throw new Unexpected();
    return parsePopulationGrid(value);
  } catch {
    // Not the shape the byte reader expects: parse it whole, so the messages are the usual ones.
    try {
      return parsePopulationGrid(JSON.parse(decoder.decode(bytes)));
    } catch {
      return fail({ code: 'population-grid-invalid', message: { zh: '人口格网文件不是有效的 JSON', en: 'the population grid file is not valid JSON' } });
    }
  }
}
