// The bytes of JSON's structure, for the scanners that read GeoJSON from UTF-8 bytes
// (scan-json-features.ts, read-point-feature.ts). All ASCII: none occurs inside a multi-byte sequence.
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const COMMA = 0x2c;
export const COLON = 0x3a;

/** JSON's whitespace: space, line feed, carriage return, tab. */
export function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
