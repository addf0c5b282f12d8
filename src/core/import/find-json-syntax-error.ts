// Where and why a JSON text is invalid, in our own words: the engine's JSON.parse message differs
// between engines and versions ("Unexpected token…", "…is not valid JSON") and is English only, so
// after JSON.parse fails the slice is walked again by this small validator (RFC 8259 grammar, an
// explicit stack so a 5,000-deep value cannot overflow the call stack) to find the first bad byte.
// It runs only on input that already failed to parse, so it is written for clarity, not speed.
import { clipForEcho } from '../limits.ts';

export type JsonSyntaxReason =
  | 'unexpected-character'
  | 'unexpected-end'
  | 'unterminated-string'
  | 'bad-number'
  | 'bad-escape'
  | 'control-character'
  | 'trailing-content';

export interface JsonSyntaxError {
  /** Byte offset of the first bad byte, from the start of `bytes` (not of the slice). */
  offset: number;
  reason: JsonSyntaxReason;
  /** The character found there, quoted safely (undefined at the end of the input). */
  found?: string;
}

const enum State {
  Value,
  ValueOrClose,
  KeyOrClose,
  Key,
  Colon,
  AfterValue,
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

function characterAt(bytes: Uint8Array, offset: number): string | undefined {
  if (offset >= bytes.length) return undefined;
  const text = new TextDecoder('utf-8').decode(bytes.subarray(offset, Math.min(bytes.length, offset + 4)));
  const first = String.fromCodePoint(text.codePointAt(0) ?? 0xfffd);
  return clipForEcho(first, 4);
}

/** Scans a string starting at the opening quote; returns the offset after the closing quote or an error. */
function scanString(bytes: Uint8Array, start: number, end: number): number | JsonSyntaxError {
  for (let j = start + 1; j < end; j++) {
    const c = bytes[j];
    if (c === 0x22) return j + 1;
    if (c < 0x20) return { offset: j, reason: 'control-character' };
    if (c === 0x5c) {
      const next = bytes[j + 1];
      if (j + 1 >= end) break;
      if (next === 0x75) {
        for (let k = j + 2; k < j + 6; k++) if (k >= end || !isHex(bytes[k])) return { offset: Math.min(k, end), reason: k >= end ? 'unterminated-string' : 'bad-escape' };
        j += 5;
      } else if ([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74].includes(next)) j++;
      else return { offset: j + 1, reason: 'bad-escape' };
    }
  }
  return { offset: start, reason: 'unterminated-string' };
}

/** Scans a number; returns the offset after it or an error at the first byte that breaks it. */
function scanNumber(bytes: Uint8Array, start: number, end: number): number | JsonSyntaxError {
  let j = start;
  if (bytes[j] === 0x2d) j++;
  if (j >= end || !isDigit(bytes[j])) return { offset: j, reason: j >= end ? 'unexpected-end' : 'bad-number' };
  if (bytes[j] === 0x30) j++;
  else while (j < end && isDigit(bytes[j])) j++;
  if (bytes[j] === 0x2e && j < end) {
    j++;
    if (j >= end || !isDigit(bytes[j])) return { offset: j, reason: j >= end ? 'unexpected-end' : 'bad-number' };
    while (j < end && isDigit(bytes[j])) j++;
  }
  if ((bytes[j] === 0x65 || bytes[j] === 0x45) && j < end) {
    j++;
    if (bytes[j] === 0x2b || bytes[j] === 0x2d) j++;
    if (j >= end || !isDigit(bytes[j])) return { offset: j, reason: j >= end ? 'unexpected-end' : 'bad-number' };
    while (j < end && isDigit(bytes[j])) j++;
  }
  return j;
}

const LITERALS: Record<number, number[]> = {
  0x74: [0x74, 0x72, 0x75, 0x65], // true
  0x66: [0x66, 0x61, 0x6c, 0x73, 0x65], // false
  0x6e: [0x6e, 0x75, 0x6c, 0x6c], // null
};

/** The first syntax error in bytes[start, end), or undefined when the slice is one valid JSON value. */
export function findJsonSyntaxError(bytes: Uint8Array, start = 0, end = bytes.length): JsonSyntaxError | undefined {
  const stack: number[] = [];
  let state: State = State.Value;
  let done = false;
  const error = (offset: number, reason: JsonSyntaxReason): JsonSyntaxError =>
    offset >= end ? { offset: end, reason: reason === 'trailing-content' ? reason : 'unexpected-end' } : { offset, reason, found: characterAt(bytes, offset) };
  let i = start;
  if (bytes[i] === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf) i += 3;
  while (i < end) {
    const c = bytes[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (done) return error(i, 'trailing-content');
    switch (state) {
      case State.Value:
      case State.ValueOrClose: {
        if (state === State.ValueOrClose && c === 0x5d) {
          stack.pop();
          i++;
          state = State.AfterValue;
          break;
        }
        if (c === 0x7b) {
          stack.push(c);
          state = State.KeyOrClose;
          i++;
        } else if (c === 0x5b) {
          stack.push(c);
          state = State.ValueOrClose;
          i++;
        } else if (c === 0x22) {
          const after = scanString(bytes, i, end);
          if (typeof after !== 'number') return after.reason === 'unterminated-string' ? { ...after } : error(after.offset, after.reason);
          i = after;
          state = State.AfterValue;
        } else if (c === 0x2d || isDigit(c)) {
          const after = scanNumber(bytes, i, end);
          if (typeof after !== 'number') return error(after.offset, after.reason);
          i = after;
          state = State.AfterValue;
        } else if (LITERALS[c]) {
          const word = LITERALS[c];
          for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word[k] || i + k >= end) return error(i + k, 'unexpected-character');
          i += word.length;
          state = State.AfterValue;
        } else return error(i, 'unexpected-character');
        break;
      }
      case State.KeyOrClose:
      case State.Key: {
        if (state === State.KeyOrClose && c === 0x7d) {
          stack.pop();
          i++;
          state = State.AfterValue;
          break;
        }
        if (c !== 0x22) return error(i, 'unexpected-character');
        const after = scanString(bytes, i, end);
        if (typeof after !== 'number') return after.reason === 'unterminated-string' ? { ...after } : error(after.offset, after.reason);
        i = after;
        state = State.Colon;
        break;
      }
      case State.Colon:
        if (c !== 0x3a) return error(i, 'unexpected-character');
        i++;
        state = State.Value;
        break;
      case State.AfterValue: {
        const top = stack[stack.length - 1];
        if (c === 0x2c && top !== undefined) state = top === 0x7b ? State.Key : State.Value;
        else if ((c === 0x7d && top === 0x7b) || (c === 0x5d && top === 0x5b)) stack.pop();
        else return error(i, 'unexpected-character');
        i++;
        break;
      }
    }
    if (state === State.AfterValue && stack.length === 0) done = true;
  }
  if (!done) return { offset: end, reason: 'unexpected-end' };
  return undefined;
}

/** 1-based line and column (in bytes) of an offset. */
export function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const limit = Math.min(offset, bytes.length);
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < limit; i = bytes.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const REASONS: Record<JsonSyntaxReason, { zh: (found?: string) => string; en: (found?: string) => string }> = {
  'unexpected-character': { zh: (f) => `此处不应出现字符“${f ?? ''}”`, en: (f) => `unexpected character "${f ?? ''}"` },
  'unexpected-end': { zh: () => '内容在一个值的中间结束', en: () => 'the text ends in the middle of a value' },
  'unterminated-string': { zh: () => '字符串缺少结尾的引号', en: () => 'a string is never closed with a quote' },
  'bad-number': { zh: (f) => `数字写法无效（“${f ?? ''}”）`, en: (f) => `malformed number (at "${f ?? ''}")` },
  'bad-escape': { zh: (f) => `无效的转义序列（“\\${f ?? ''}”）`, en: (f) => `invalid escape sequence ("\\${f ?? ''}")` },
  'control-character': { zh: () => '字符串中有未转义的控制字符', en: () => 'a string holds an unescaped control character' },
  'trailing-content': { zh: (f) => `一个完整的值之后还有多余内容（“${f ?? ''}”）`, en: (f) => `extra content after a complete value ("${f ?? ''}")` },
};

/** Message parameters for 'invalid-json': where (line, column, byte) and why, in both languages. */
export function describeJsonSyntaxError(bytes: Uint8Array, error: JsonSyntaxError): { line: number; column: number; byte: number; reasonZh: string; reasonEn: string } {
  const { line, column } = lineAndColumn(bytes, error.offset);
  return { line, column, byte: error.offset, reasonZh: REASONS[error.reason].zh(error.found), reasonEn: REASONS[error.reason].en(error.found) };
}
