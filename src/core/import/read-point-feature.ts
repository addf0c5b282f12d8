// Reads the common shape of a GeoJSON point feature straight from its UTF-8 bytes, without
// JSON.parse and without an object per feature: {"type":"Feature","properties":{…},"geometry":
// {"type":"Point","coordinates":[x,y(,z…)]}} with members in any order, whitespace anywhere, an
// optional `id` (string or number) and `bbox` (numbers), and properties whose values are strings,
// numbers, true, false or null. A million-point layer is read at the speed of its bytes: the
// scanner (scan-json-features.ts) hands each element of the features array here first, and
// parseNdjson each line of newline-delimited GeoJSON.
// Hand-written rather than a library because no JSON library reads into caller-owned columns; it
// is kept deliberately narrow: it accepts only what JSON.parse + normalizeFeature would accept
// without a word (no problem, no repair), and gives up (-1) on anything else — a null or other
// geometry, a nested property value, a key that JSON.parse would reorder (array-index keys) or that
// repeats, a string over the length limit, a number that overflows, a syntax error, the end of the
// bytes — so that the full path reads that feature with every rule and message it has.
// It also measures the element as the scanner does (nesting depth, arrays opening on a number), so
// the scanner's limits see the same figures.

/** One point feature as read: reused from feature to feature (copy what you keep). */
export interface ReadPoint {
  lon: number;
  lat: number;
  /** Property names and values in the order Object.entries gives for the parsed properties. */
  names: string[];
  values: (string | number | boolean | null)[];
  count: number;
  /** Deepest nesting inside the element (the feature object is 1), as the scanner counts it. */
  depth: number;
  /** Arrays that open on a number (positions and bboxes), as the scanner counts vertices. */
  vertices: number;
}

import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, isJsonSpace, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-bytes.ts';

const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;

/** More properties than this and the full path reads the feature (the duplicate check is quadratic). */
const MAX_PROPERTIES = 256;

/** Exact powers of ten (10^22 is the largest a double holds exactly). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (character) => character.charCodeAt(0));
/** Member names with their closing quote (the opening one is already matched), and literals. */
const KEY_TYPE = ascii('type"');
const KEY_PROPERTIES = ascii('properties"');
const KEY_GEOMETRY = ascii('geometry"');
const KEY_COORDINATES = ascii('coordinates"');
const KEY_ID = ascii('id"');
const KEY_BBOX = ascii('bbox"');
const WORD_FEATURE = ascii('"Feature"');
const WORD_POINT = ascii('"Point"');
const WORD_TRUE = ascii('true');
const WORD_FALSE = ascii('false');
const WORD_NULL = ascii('null');

/** The position after `word` when the bytes at `i` are `word`, else -1. */
function matchWord(bytes: Uint8Array, i: number, word: Uint8Array): number {
  if (i + word.length > bytes.length) return -1;
  for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word[k]) return -1;
  return i + word.length;
}

/** Members of a point feature and of its geometry (no two start with the same letter). */
const FEATURE_MEMBERS = [KEY_TYPE, KEY_PROPERTIES, KEY_GEOMETRY, KEY_ID, KEY_BBOX];
const [FEATURE_TYPE, PROPERTIES, GEOMETRY, ID] = [0, 1, 2, 3];
const GEOMETRY_MEMBERS = [KEY_TYPE, KEY_COORDINATES, KEY_BBOX];
const [GEOMETRY_TYPE, COORDINATES] = [0, 1];

/**
 * The member name at `i` (its opening quote), matched with its closing quote so that "typeX"
 * matches nothing: its index in `members`, or -1.
 */
function matchMember(bytes: Uint8Array, i: number, members: readonly Uint8Array[]): number {
  if (bytes[i] !== QUOTE) return -1;
  const first = bytes[i + 1];
  for (let k = 0; k < members.length; k++) if (members[k][0] === first) return matchWord(bytes, i + 1, members[k]) < 0 ? -1 : k;
  return -1;
}

/** Whitespace, ':', whitespace; -1 when there is no colon. */
function skipColon(bytes: Uint8Array, i: number): number {
  i = skipSpace(bytes, i);
  if (bytes[i] !== COLON) return -1;
  return skipSpace(bytes, i + 1);
}

/** The first position at or after `i` that is not whitespace (bytes.length at the end). */
function skipSpace(bytes: Uint8Array, i: number): number {
  const n = bytes.length;
  while (i < n && isJsonSpace(bytes[i])) i++;
  return i;
}

/**
 * Reads point features from one byte array. Each step takes the position where it starts and
 * returns the position after what it read, or -1 when the bytes are not the plain shape; values go
 * to fields (the string's range, the number).
 */
export class PointFeatureReader {
  readonly point: ReadPoint = { lon: NaN, lat: NaN, names: [], values: [], count: 0, depth: 0, vertices: 0 };
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private bytes: Uint8Array = new Uint8Array(0);
  /** The string read last: its content is [stringStart, stringEnd) (quotes excluded). */
  private stringStart = 0;
  private stringEnd = 0;
  private stringPlain = true;
  private stringAscii = true;
  /** The number read last. */
  private number = NaN;
  /** Property names of the last features, by position: the same bytes give the same string. */
  private readonly nameStarts: number[] = [];
  private readonly nameEnds: number[] = [];
  private readonly nameStrings: string[] = [];

  /** `propertyChars`: a longer text value is clipped and reported by the full path, so it is not read here. */
  constructor(private readonly propertyChars: number) {}

  /**
   * Reads the feature whose `{` is at `start`. Returns the position after its `}` with `point`
   * filled, or -1 when the feature is not the plain shape (then nothing can be assumed of `point`).
   */
  read(bytes: Uint8Array, start: number): number {
    if (bytes !== this.bytes) {
      this.bytes = bytes;
      this.nameStarts.length = this.nameEnds.length = this.nameStrings.length = 0;
    }
    const point = this.point;
    point.count = 0;
    point.depth = 1;
    point.vertices = 0;
    if (bytes[start] !== OPEN_BRACE) return -1;
    let seen = 0; // bit k: FEATURE_MEMBERS[k] was read
    let i = skipSpace(bytes, start + 1);
    for (;;) {
      const key = matchMember(bytes, i, FEATURE_MEMBERS);
      if (key < 0 || (seen & (1 << key)) !== 0) return -1;
      seen |= 1 << key;
      i = skipColon(bytes, i + 1 + FEATURE_MEMBERS[key].length);
      if (i < 0) return -1;
      if (key === FEATURE_TYPE) i = matchWord(bytes, i, WORD_FEATURE);
      else if (key === PROPERTIES) i = this.readProperties(bytes, i);
      else if (key === GEOMETRY) i = this.readGeometry(bytes, i);
      else if (key === ID) {
        // The table keeps no id (as the feature path's collector): it only has to be a valid one.
        if (bytes[i] === QUOTE) {
          i = this.readString(bytes, i);
          if (i >= 0 && this.stringValue() === undefined) return -1;
        } else i = this.readNumber(bytes, i);
      } else i = this.readNumberArray(bytes, i, 2);
      if (i < 0) return -1;
      i = skipSpace(bytes, i);
      const c = bytes[i++];
      if (c === CLOSE_BRACE) break;
      if (c !== COMMA) return -1;
      i = skipSpace(bytes, i);
    }
    // A type and a geometry are required (properties may be absent: the feature path reads {}).
    const required = (1 << FEATURE_TYPE) | (1 << GEOMETRY);
    if ((seen & required) !== required) return -1;
    return i;
  }

  /**
   * A string at `i` (its opening quote). Sets stringStart/End; stringPlain when it has no escape,
   * stringAscii when every byte is ASCII. -1 on a control character or the end of the bytes.
   */
  private readString(bytes: Uint8Array, i: number): number {
    if (bytes[i] !== QUOTE) return -1;
    const from = ++i;
    const n = bytes.length;
    let plain = true;
    let only = true;
    for (; i < n; i++) {
      const c = bytes[i];
      if (c === QUOTE) break;
      if (c < 0x20) return -1;
      if (c === BACKSLASH) {
        plain = false;
        i++;
      } else if (c >= 0x80) only = false;
    }
    if (i >= n) return -1;
    this.stringStart = from;
    this.stringEnd = i;
    this.stringPlain = plain;
    this.stringAscii = only;
    return i + 1;
  }

  /** The last string's value; undefined when an escape does not parse. */
  private stringValue(): string | undefined {
    const bytes = this.bytes;
    const from = this.stringStart;
    const to = this.stringEnd;
    if (this.stringPlain) {
      if (this.stringAscii && to - from <= 64) return String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);
      return this.decoder.decode(bytes.subarray(from, to));
    }
    try {
      return JSON.parse(this.decoder.decode(bytes.subarray(from - 1, to + 1))) as string;
    } catch {
      return undefined;
    }
  }

  /** The name of property `k`: the string of the same bytes in an earlier feature, else decoded. */
  private propertyName(k: number): string | undefined {
    const bytes = this.bytes;
    const from = this.stringStart;
    const to = this.stringEnd;
    if (k < this.nameStrings.length) {
      const earlierStart = this.nameStarts[k];
      if (this.nameEnds[k] - earlierStart === to - from) {
        let same = true;
        for (let j = 0; j < to - from && same; j++) same = bytes[earlierStart + j] === bytes[from + j];
        if (same) return this.nameStrings[k];
      }
    }
    const name = this.stringValue();
    if (name === undefined) return undefined;
    this.nameStarts[k] = from;
    this.nameEnds[k] = to;
    this.nameStrings[k] = name;
    return name;
  }

  /**
   * A JSON number at `i`, into `number`, as the double JSON.parse gives: with at most 15
   * significant digits and a decimal exponent within ±22, m·10^e or m/10^-e of two exact doubles
   * is correctly rounded (Clinger's fast path); otherwise Number() of the text. -1 when the text is
   * not a JSON number or the number is not finite (1e400: the full path reports it).
   */
  private readNumber(bytes: Uint8Array, i: number): number {
    const n = bytes.length;
    const from = i;
    const negative = bytes[i] === MINUS;
    if (negative) i++;
    const first = bytes[i];
    if (!(first >= ZERO && first <= NINE)) return -1;
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    if (first === ZERO) i++;
    else {
      for (; i < n; i++) {
        const d = bytes[i] - ZERO;
        if (d < 0 || d > 9) break;
        if (digits < 15) {
          mantissa = mantissa * 10 + d;
          digits++;
        } else {
          digits++;
          scale++;
        }
      }
    }
    if (i >= n) return -1;
    let c = bytes[i];
    if (c >= ZERO && c <= NINE) return -1; // a leading zero
    if (c === DOT) {
      i++;
      const fractionStart = i;
      for (; i < n; i++) {
        const d = bytes[i] - ZERO;
        if (d < 0 || d > 9) break;
        if (digits < 15) {
          mantissa = mantissa * 10 + d;
          if (mantissa !== 0) digits++;
          scale--;
        } else digits++;
      }
      if (i === fractionStart || i >= n) return -1;
      c = bytes[i];
    }
    let exponent = 0;
    if (c === 0x65 || c === 0x45) {
      i++;
      let exponentNegative = false;
      if (bytes[i] === 0x2b || bytes[i] === MINUS) exponentNegative = bytes[i++] === MINUS;
      const exponentStart = i;
      for (; i < n; i++) {
        const d = bytes[i] - ZERO;
        if (d < 0 || d > 9) break;
        if (exponent < 100_000) exponent = exponent * 10 + d;
      }
      if (i === exponentStart || i >= n) return -1;
      if (exponentNegative) exponent = -exponent;
    }
    let value: number;
    const power = scale + exponent;
    if (digits <= 15 && power >= -22 && power <= 22) value = power < 0 ? mantissa / POWERS_OF_TEN[-power] : mantissa * POWERS_OF_TEN[power];
    else value = Number(this.decoder.decode(bytes.subarray(negative ? from + 1 : from, i)));
    if (!Number.isFinite(value)) return -1;
    this.number = negative ? -value : value;
    return i;
  }

  /**
   * `[n, n, …]` of finite numbers at nesting depth `depth` inside the element, counted as a vertex
   * as the scanner counts it. A position (`position` set) has at least two, the first two go to
   * point.lon and point.lat.
   */
  private readNumberArray(bytes: Uint8Array, i: number, depth: number, position = false): number {
    if (bytes[i] !== OPEN_BRACKET) return -1;
    i = skipSpace(bytes, i + 1);
    let count = 0;
    for (;;) {
      i = this.readNumber(bytes, i);
      if (i < 0) return -1;
      if (position) {
        if (count === 0) this.point.lon = this.number;
        else if (count === 1) this.point.lat = this.number;
      }
      count++;
      i = skipSpace(bytes, i);
      const c = bytes[i++];
      if (c === CLOSE_BRACKET) break;
      if (c !== COMMA) return -1;
      i = skipSpace(bytes, i);
    }
    if (position && count < 2) return -1;
    const point = this.point;
    point.vertices++;
    if (depth > point.depth) point.depth = depth;
    return i;
  }

  /** `null` or an object of strings, numbers, booleans and nulls, into names/values. */
  private readProperties(bytes: Uint8Array, i: number): number {
    const point = this.point;
    if (bytes[i] === 0x6e) return matchWord(bytes, i, WORD_NULL);
    if (bytes[i] !== OPEN_BRACE) return -1;
    if (point.depth < 2) point.depth = 2;
    i = skipSpace(bytes, i + 1);
    if (bytes[i] === CLOSE_BRACE) return i + 1;
    for (;;) {
      i = this.readString(bytes, i);
      if (i < 0) return -1;
      // JSON.parse puts array-index keys ("0", "12") first: such properties are left to the full path.
      const firstByte = bytes[this.stringStart];
      if (firstByte >= ZERO && firstByte <= NINE) return -1;
      const k = point.count;
      if (k >= MAX_PROPERTIES) return -1;
      const name = this.propertyName(k);
      if (name === undefined) return -1;
      for (let earlier = 0; earlier < k; earlier++) if (point.names[earlier] === name) return -1;
      i = skipColon(bytes, i);
      if (i < 0) return -1;
      const c = bytes[i];
      let value: string | number | boolean | null;
      if (c === QUOTE) {
        i = this.readString(bytes, i);
        if (i < 0) return -1;
        const text = this.stringValue();
        if (text === undefined || text.length > this.propertyChars) return -1;
        value = text;
      } else if (c === 0x74) {
        i = matchWord(bytes, i, WORD_TRUE);
        value = true;
      } else if (c === 0x66) {
        i = matchWord(bytes, i, WORD_FALSE);
        value = false;
      } else if (c === 0x6e) {
        i = matchWord(bytes, i, WORD_NULL);
        value = null;
      } else {
        i = this.readNumber(bytes, i);
        value = this.number;
      }
      if (i < 0) return -1;
      point.names[k] = name;
      point.values[k] = value;
      point.count = k + 1;
      i = skipSpace(bytes, i);
      const next = bytes[i++];
      if (next === CLOSE_BRACE) return i;
      if (next !== COMMA) return -1;
      i = skipSpace(bytes, i);
    }
  }

  /** `{"type":"Point","coordinates":[…]}`, with an optional bbox, into lon/lat. */
  private readGeometry(bytes: Uint8Array, i: number): number {
    const point = this.point;
    if (bytes[i] !== OPEN_BRACE) return -1;
    if (point.depth < 2) point.depth = 2;
    let seen = 0; // bit k: GEOMETRY_MEMBERS[k] was read
    i = skipSpace(bytes, i + 1);
    for (;;) {
      const key = matchMember(bytes, i, GEOMETRY_MEMBERS);
      if (key < 0 || (seen & (1 << key)) !== 0) return -1;
      seen |= 1 << key;
      i = skipColon(bytes, i + 1 + GEOMETRY_MEMBERS[key].length);
      if (i < 0) return -1;
      if (key === GEOMETRY_TYPE) i = matchWord(bytes, i, WORD_POINT);
      else if (key === COORDINATES) i = this.readNumberArray(bytes, i, 3, true);
      else i = this.readNumberArray(bytes, i, 3);
      if (i < 0) return -1;
      i = skipSpace(bytes, i);
      const end = bytes[i++];
      if (end === CLOSE_BRACE) break;
      if (end !== COMMA) return -1;
      i = skipSpace(bytes, i);
    }
    const required = (1 << GEOMETRY_TYPE) | (1 << COORDINATES);
    return (seen & required) === required ? i : -1;
  }
}
