// Reads a GeoJSON document from UTF-8 bytes without ever holding it as one string: a byte scanner
// finds the top-level members and each element of the `features` array, and only those slices are
// decoded and parsed. That keeps memory near the size of the parsed features, lets a 200 MB file
// report progress and be cancelled between blocks, and salvages every complete feature of a
// truncated or partly broken file. Structural bytes ({}[]",:\) are ASCII and never occur inside a
// UTF-8 multi-byte sequence, so the scan is exact for UTF-8 input.
import type { Checkpoint } from './create-checkpoint.ts';

export interface ScannedJson {
  /** The top-level value's kind; 'other' for a primitive. */
  kind: 'object' | 'array' | 'other' | 'none';
  /** Top-level members other than `features`, parsed. */
  members: Record<string, unknown>;
  hasFeaturesArray: boolean;
  /** Elements of the `features` array (or of a top-level array), parsed; undefined where broken. */
  features: unknown[];
  featureErrors: { index: number; detail: string }[];
  /** The document ended inside a value. */
  truncated: boolean;
  /** Non-whitespace after the first top-level value (e.g. newline-delimited GeoJSON). */
  trailingContent: boolean;
  syntaxError?: { position: number; detail: string };
}

const BLOCK = 4 << 20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

export async function scanJsonFeatures(bytes: Uint8Array, checkpoint: Checkpoint): Promise<ScannedJson> {
  const decoder = new TextDecoder('utf-8');
  const result: ScannedJson = {
    kind: 'none',
    members: {},
    hasFeaturesArray: false,
    features: [],
    featureErrors: [],
    truncated: false,
    trailingContent: false,
  };
  const parseSlice = (start: number, end: number): unknown => JSON.parse(decoder.decode(bytes.subarray(start, end)));

  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  while (start < bytes.length && isSpace(bytes[start])) start++;
  if (start >= bytes.length) return result;
  const first = bytes[start];
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    result.kind = 'other';
    try {
      JSON.parse(decoder.decode(bytes.subarray(start)));
    } catch (error) {
      result.syntaxError = { position: start, detail: (error as Error).message };
    }
    return result;
  }
  result.kind = first === OPEN_BRACE ? 'object' : 'array';
  // Depth at which feature elements start: inside `features` of a top-level object, or a top-level array.
  const featureDepth = first === OPEN_BRACE ? 2 : 1;
  let inFeatures = first === OPEN_BRACKET;
  result.hasFeaturesArray = inFeatures;

  let depth = 0;
  let inString = false;
  let escape = false;
  let keyStart = -1;
  let currentKey: string | undefined;
  let expectKey = false;
  let valueStart = -1;
  let elementStart = -1;
  let primitiveStart = -1;
  let ended = -1;

  const finishMember = (end: number): void => {
    if (currentKey !== undefined && valueStart >= 0 && !(currentKey === 'features' && result.hasFeaturesArray && inFeaturesFinished)) {
      try {
        result.members[currentKey] = parseSlice(valueStart, end);
      } catch (error) {
        result.syntaxError ??= { position: valueStart, detail: `"${currentKey}": ${(error as Error).message}` };
      }
    }
    currentKey = undefined;
    valueStart = -1;
  };
  let inFeaturesFinished = false;
  const emitElement = (from: number, to: number): void => {
    const index = result.features.length;
    try {
      result.features.push(parseSlice(from, to));
    } catch (error) {
      result.features.push(undefined);
      result.featureErrors.push({ index, detail: (error as Error).message });
    }
  };

  for (let blockStart = start; blockStart < bytes.length; blockStart += BLOCK) {
    const blockEnd = Math.min(bytes.length, blockStart + BLOCK);
    for (let i = blockStart; i < blockEnd; i++) {
      const c = bytes[i];
      if (inString) {
        if (escape) escape = false;
        else if (c === BACKSLASH) escape = true;
        else if (c === QUOTE) {
          inString = false;
          if (keyStart >= 0) {
            try {
              currentKey = JSON.parse(decoder.decode(bytes.subarray(keyStart, i + 1))) as string;
            } catch {
              currentKey = '';
            }
            keyStart = -1;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (ended >= 0) {
        result.trailingContent = true;
        break;
      }
      if (inFeatures && depth === featureDepth && primitiveStart < 0 && c !== OPEN_BRACE && c !== COMMA && c !== CLOSE_BRACKET) {
        primitiveStart = i;
      }
      switch (c) {
        case QUOTE:
          inString = true;
          if (depth === 1 && expectKey && result.kind === 'object') {
            keyStart = i;
            expectKey = false;
          }
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          depth++;
          if (depth === 1) expectKey = c === OPEN_BRACE;
          else if (depth === 2 && result.kind === 'object' && currentKey === 'features' && c === OPEN_BRACKET && valueStart === i) {
            inFeatures = true;
            result.hasFeaturesArray = true;
          } else if (inFeatures && depth === featureDepth + 1 && c === OPEN_BRACE && primitiveStart < 0) {
            elementStart = i;
          }
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          if (inFeatures && depth === featureDepth + 1 && elementStart >= 0) {
            emitElement(elementStart, i + 1);
            elementStart = -1;
          }
          if (inFeatures && depth === featureDepth) {
            if (primitiveStart >= 0) {
              emitElement(primitiveStart, i);
              primitiveStart = -1;
            }
            if (featureDepth === 2) {
              inFeatures = false;
              inFeaturesFinished = true;
            }
          }
          depth--;
          if (depth === 0) {
            if (result.kind === 'object') finishMember(i);
            ended = i;
          }
          if (depth < 0) {
            result.syntaxError ??= { position: i, detail: 'unbalanced closing bracket' };
            ended = i;
          }
          break;
        case COMMA:
          if (depth === 1 && result.kind === 'object') {
            finishMember(i);
            inFeaturesFinished = false;
            expectKey = true;
          } else if (inFeatures && depth === featureDepth && primitiveStart >= 0) {
            emitElement(primitiveStart, i);
            primitiveStart = -1;
          }
          break;
        case COLON:
          if (depth === 1 && result.kind === 'object') {
            let next = i + 1;
            while (next < bytes.length && isSpace(bytes[next])) next++;
            valueStart = next;
          }
          break;
        default:
          break;
      }
    }
    if (result.trailingContent) break;
    await checkpoint(blockEnd / bytes.length, 'parse');
  }
  if (ended < 0) result.truncated = true;
  return result;
}
