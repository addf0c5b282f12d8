// Reads a GeoJSON document from UTF-8 bytes without ever holding it as one string: a byte scanner
// finds the top-level members and each element of the `features` array, and only those slices are
// decoded and parsed. That keeps memory near the size of the parsed features, lets a 200 MB file
// report progress and be cancelled between blocks, and salvages every complete feature of a
// truncated or partly broken file. Structural bytes ({}[]",:\) are ASCII and never occur inside a
// UTF-8 multi-byte sequence, so the scan is exact for UTF-8 input.
// Each feature element is also measured while it is scanned, before it is parsed: its nesting
// depth and its vertex count (an array opening on a number is a position), so a 5,000-deep property
// or a 10 M-vertex polygon is reported by the limits in ../limits.ts without being materialised, and
// a layer over the vertex limit stops the scan early.
// Given a point reader, the scanner first offers each feature element to it: a plain point feature
// is read from its bytes in one pass (no string, no JSON.parse, no object) and skipped; anything
// the reader does not recognise is scanned and parsed as before.
import type { ImportLimits } from '../limits.ts';
import type { Checkpoint } from './create-checkpoint.ts';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, isJsonSpace, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-bytes.ts';
import type { PointFeatureReader, ReadPoint } from './read-point-feature.ts';

/** Why an element of the features array was not parsed. */
export type ElementRefusal = { kind: 'too-deep'; depth: number } | { kind: 'too-many-vertices'; vertices: number };

/** One element of the features array, as the scanner hands it over. */
export interface ScannedElement {
  index: number;
  /** Byte range of the element in the input. */
  start: number;
  end: number;
  /** The parsed value; undefined when it did not parse, was refused or was read as `point`. */
  value: unknown;
  /** Read by the point reader instead of parsed (valid until the next element). */
  point?: ReadPoint;
  /** JSON.parse failed on the slice (find where with findJsonSyntaxError). */
  syntaxError?: true;
  refused?: ElementRefusal;
}

export interface ScanOptions {
  limits: Pick<ImportLimits, 'verticesPerFeature' | 'verticesPerLayer' | 'propertyDepth'>;
  /** Receives every element in order; when absent, elements are collected in `features`. */
  onElement?: (element: ScannedElement) => void;
  /** Reads plain point features straight from their bytes (they come with `point`, not `value`). */
  pointReader?: PointFeatureReader;
}

export interface ScannedJson {
  /** The top-level value's kind; 'other' for a primitive. */
  kind: 'object' | 'array' | 'other' | 'none';
  /** Top-level members other than `features`, parsed. */
  members: Record<string, unknown>;
  hasFeaturesArray: boolean;
  /** Elements of the `features` array (or of a top-level array), when no onElement was given. */
  features: ScannedElement[];
  /** Elements seen, including a last one the file cuts off. */
  elementsStarted: number;
  /** The document ended inside a value. */
  truncated: boolean;
  /** Non-whitespace after the first top-level value (e.g. newline-delimited GeoJSON). */
  trailingContent: boolean;
  /** Byte range of a value that did not parse (a top-level member, or a primitive document). */
  syntaxError?: { start: number; end: number } | { offset: number; unbalanced: true };
  /** Set when the layer passed the vertex limit: the element index where the scan stopped. */
  layerVertexLimitAt?: number;
}

const BLOCK = 4 << 20;

/**
 * 1 for the bytes the scanner does nothing with inside a feature (digits, letters, '.', '-', '+',
 * UTF-8 continuation bytes): everything but whitespace, quote and the structural characters.
 */
const ORDINARY = new Uint8Array(256).fill(1);
for (const c of [0x20, 0x0a, 0x0d, 0x09, 0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a]) ORDINARY[c] = 0;

function startsNumber(bytes: Uint8Array, from: number): boolean {
  let i = from;
  while (i < bytes.length && isJsonSpace(bytes[i])) i++;
  const c = bytes[i];
  return (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

export async function scanJsonFeatures(bytes: Uint8Array, checkpoint: Checkpoint, options: ScanOptions): Promise<ScannedJson> {
  const decoder = new TextDecoder('utf-8');
  const { limits } = options;
  const result: ScannedJson = {
    kind: 'none',
    members: {},
    hasFeaturesArray: false,
    features: [],
    elementsStarted: 0,
    truncated: false,
    trailingContent: false,
  };
  const deliver = options.onElement ?? ((element: ScannedElement) => void result.features.push(element));
  // A feature is {…properties: {…}}: two levels before its properties start.
  const maxElementDepth = limits.propertyDepth + 2;
  const parseSlice = (start: number, end: number): unknown => JSON.parse(decoder.decode(bytes.subarray(start, end)));

  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  while (start < bytes.length && isJsonSpace(bytes[start])) start++;
  if (start >= bytes.length) return result;
  const first = bytes[start];
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    result.kind = 'other';
    try {
      JSON.parse(decoder.decode(bytes.subarray(start)));
    } catch {
      result.syntaxError = { start, end: bytes.length };
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
        const value = parseSlice(valueStart, end);
        // An own "__proto__" member from JSON.parse must not become the prototype of `members`.
        Object.defineProperty(result.members, currentKey, { value, enumerable: true, writable: true, configurable: true });
      } catch {
        result.syntaxError ??= { start: valueStart, end };
      }
    }
    currentKey = undefined;
    valueStart = -1;
  };
  let inFeaturesFinished = false;
  let elementIndex = 0;
  let elementDepth = 0;
  let elementVertices = 0;
  let layerVertices = 0;
  const emitElement = (from: number, to: number): void => {
    const element: ScannedElement = { index: elementIndex++, start: from, end: to, value: undefined };
    if (elementDepth > maxElementDepth) element.refused = { kind: 'too-deep', depth: elementDepth - 2 };
    else if (elementVertices > limits.verticesPerFeature) element.refused = { kind: 'too-many-vertices', vertices: elementVertices };
    else {
      try {
        element.value = parseSlice(from, to);
      } catch {
        element.syntaxError = true;
      }
    }
    elementDepth = 0;
    elementVertices = 0;
    deliver(element);
  };

  const reader = options.pointReader;
  // A point read by the reader moves `i` past its element, possibly past the block's end.
  for (let i = start; i < bytes.length; ) {
    const blockEnd = Math.min(bytes.length, i + BLOCK);
    for (; i < blockEnd; i++) {
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
      // Inside a feature a number or a literal changes nothing the scanner tracks: skip its bytes.
      if (ORDINARY[c] === 1 && inFeatures && depth > featureDepth) continue;
      if (isJsonSpace(c)) continue;
      if (ended >= 0) {
        result.trailingContent = true;
        break;
      }
      if (reader && c === OPEN_BRACE && inFeatures && depth === featureDepth && primitiveStart < 0) {
        const end = reader.read(bytes, i);
        const point = reader.point;
        // Over a limit, the element is scanned as before so that the limit reports it alike.
        if (end > 0 && point.depth <= maxElementDepth && point.vertices <= limits.verticesPerFeature && layerVertices + point.vertices <= limits.verticesPerLayer) {
          result.elementsStarted++;
          layerVertices += point.vertices;
          deliver({ index: elementIndex++, start: i, end, value: undefined, point });
          i = end - 1;
          continue;
        }
      }
      if (inFeatures && depth === featureDepth && primitiveStart < 0 && c !== OPEN_BRACE && c !== COMMA && c !== CLOSE_BRACKET) {
        primitiveStart = i;
        result.elementsStarted++;
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
          if (inFeatures && depth > featureDepth) {
            if (depth - featureDepth > elementDepth) elementDepth = depth - featureDepth;
            if (c === OPEN_BRACKET && startsNumber(bytes, i + 1)) {
              elementVertices++;
              if (++layerVertices > limits.verticesPerLayer) {
                result.layerVertexLimitAt = elementIndex;
                return result;
              }
            }
          }
          if (depth === 1) expectKey = c === OPEN_BRACE;
          else if (depth === 2 && result.kind === 'object' && currentKey === 'features' && c === OPEN_BRACKET && valueStart === i) {
            inFeatures = true;
            result.hasFeaturesArray = true;
          } else if (inFeatures && depth === featureDepth + 1 && c === OPEN_BRACE && primitiveStart < 0) {
            elementStart = i;
            result.elementsStarted++;
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
            result.syntaxError ??= { offset: i, unbalanced: true };
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
            while (next < bytes.length && isJsonSpace(bytes[next])) next++;
            valueStart = next;
          }
          break;
        default:
          break;
      }
    }
    if (result.trailingContent) break;
    await checkpoint(i / bytes.length, 'parse');
  }
  if (ended < 0) result.truncated = true;
  return result;
}
