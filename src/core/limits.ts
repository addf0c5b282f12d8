// Every size and range gapmap accepts from a file, in one place. The importer, the converters to the
// analysis model and the README's "Limits" section all read these numbers; a limit that is exceeded
// gives a bilingual error naming the limit and the value seen, never an exception or a silent cut.
// Parsers take a `limits` override (tests inject small ones so crafted files stay small).

export interface ImportLimits {
  /** Largest file accepted per layer role (bytes). `any` applies when the role is not known yet. */
  fileBytes: { boundaries: number; facilities: number; population: number; places: number; roads: number; any: number };
  /** Sum of the declared uncompressed sizes of the shapefile parts inside a zip (bytes). */
  unzippedBytes: number;
  /** Vertices in one feature (all rings and parts). */
  verticesPerFeature: number;
  /** Vertices in one layer (a point counts as one). */
  verticesPerLayer: number;
  /** Nesting of objects and arrays inside one feature's `properties` (a flat property is depth 1). */
  propertyDepth: number;
  /** Characters in one property value; longer text is clipped to this and reported. */
  propertyChars: number;
  /** Bytes of a .prj file (a WKT definition is well under 4 KB). */
  prjBytes: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  fileBytes: {
    boundaries: 512 * 2 ** 20,
    facilities: 512 * 2 ** 20,
    population: 1024 * 2 ** 20,
    places: 256 * 2 ** 20,
    roads: 1024 * 2 ** 20,
    any: 1024 * 2 ** 20,
  },
  unzippedBytes: 512 * 2 ** 20,
  verticesPerFeature: 1_000_000,
  verticesPerLayer: 20_000_000,
  propertyDepth: 32,
  propertyChars: 10_000,
  prjBytes: 64 * 2 ** 10,
};

/** Ranges of the numbers the model takes from attributes (inclusive). */
export const VALUE_RANGES = {
  /** People in one population point or cell: more than any city on Earth is a typo or a sentinel. */
  population: { min: 0, max: 50_000_000 },
  /** Places, beds or staff of one facility. */
  capacity: { min: 0, max: 1_000_000 },
} as const;

/** Characters of file data (a name, a value, a .prj fragment) that a message may quote. */
const ECHO_CHARS = 80;

/** Limits with an override merged in (tests pass small numbers). */
export function resolveLimits(override: Partial<ImportLimits> | undefined): ImportLimits {
  if (!override) return IMPORT_LIMITS;
  return { ...IMPORT_LIMITS, ...override, fileBytes: { ...IMPORT_LIMITS.fileBytes, ...override.fileBytes } };
}

/**
 * Text from a file made safe to quote in a message: control characters (terminal escapes, NUL)
 * become "�", and anything past `max` characters is cut with "…(N characters)".
 */
export function clipForEcho(text: string, max = ECHO_CHARS): string {
  const head = text.length > max ? text.slice(0, max) : text;
  // eslint-disable-next-line no-control-regex
  const clean = head.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, '\uFFFD').replace(/[\n\r\t]+/g, ' ');
  return text.length > max ? `${clean}…(${text.length})` : clean;
}

/** "1.5 GB", "512 MB", "64 KB": a byte size for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(bytes % 2 ** 30 === 0 ? 0 : 1)} GB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(bytes % 2 ** 20 === 0 ? 0 : 1)} MB`;
  if (bytes >= 2 ** 10) return `${(bytes / 2 ** 10).toFixed(bytes % 2 ** 10 === 0 ? 0 : 1)} KB`;
  return `${bytes} B`;
}

// ---- Ranges a person types or a session carries (the radius control, the CLI's --radius). ----

/** Straight-line reach the radius control allows (m). Larger reaches take minutes and mean nothing for a walkable service. */
export const RADIUS_MIN_METRES = 100;
export const RADIUS_MAX_METRES = 20000;

/**
 * Below this area (km², 1 m²) a unit is degenerate: its covered share is not reported (a
 * zero-area township reporting "95 % covered" would only be the kernel's rounding).
 */
export const AREA_MIN_FOR_SHARE_KM2 = 1e-6;

/** A plain decimal: digits with an optional fraction (no sign, exponent, hex, spaces or units). */
const PLAIN_DECIMAL = /^\d{1,12}(\.\d{1,12})?$/;

export type BoundsCheck = { ok: true; value: number } | { ok: false; message: { zh: string; en: string } };

/** Reads a radius typed by a person (CLI, settings): a plain decimal within the radius bounds. */
export function parseRadiusMetres(text: string): BoundsCheck {
  const trimmed = text.trim();
  const value = PLAIN_DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isFinite(value)) {
    return { ok: false, message: { zh: `半径应为十进制米数（如 1000），收到“${text}”`, en: `the radius must be a decimal number of metres (e.g. 1000), got "${text}"` } };
  }
  return checkRadiusMetres(value);
}

/** A radius from any source (session, rule, request) within the bounds. */
export function checkRadiusMetres(value: number): BoundsCheck {
  if (!Number.isFinite(value) || value < RADIUS_MIN_METRES || value > RADIUS_MAX_METRES) {
    return {
      ok: false,
      message: {
        zh: `半径须在 ${RADIUS_MIN_METRES}–${RADIUS_MAX_METRES} 米之间，收到 ${value}`,
        en: `the radius must lie between ${RADIUS_MIN_METRES} and ${RADIUS_MAX_METRES} m, got ${value}`,
      },
    };
  }
  return { ok: true, value };
}
