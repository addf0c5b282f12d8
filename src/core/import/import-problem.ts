// The shape of one import problem and how one is made from the message catalog.
import { clipForEcho } from '../limits.ts';
import type { AppError } from '../types.ts';
import { IMPORT_MESSAGES, type ImportMessageCode, type MessageEntry, type MessageParams } from './import-messages.ts';

/** Where in the file a problem is: the feature (index, id, name), its field, and its line or byte. */
export interface FeatureLocation {
  featureIndex?: number;
  featureId?: string;
  featureName?: string;
  field?: string;
  /** 1-based line of the file (CSV rows, NDJSON records). */
  line?: number;
  /** Byte offset in the file (GeoJSON features, shapefile records). */
  byte?: number;
}

export interface ImportProblem extends FeatureLocation {
  severity: 'error' | 'warning' | 'repaired';
  /** e.g. 'ring-not-closed', 'self-intersection', 'swapped-lat-lon', 'gcj02-offset-suspected' */
  code: string;
  message: { zh: string; en: string };
  suggestion?: { zh: string; en: string };
  /** Machine-readable fix the UI can offer, e.g. { crs: 'gcj02' } or { swapLonLat: true }. */
  fix?: { crs?: string; swapLonLat?: boolean; lonField?: string; latField?: string; encoding?: string };
}

/** Characters of a message parameter quoted from the file (names, values, column lists). */
const PARAMETER_CHARS = 160;

/**
 * Every string a message quotes goes through here: data from the file is clipped to a short excerpt
 * and its control characters neutralised, so a 50 MB name in a .prj or a terminal escape in a
 * feature name never reaches a message whole.
 */
function clipParams(params: MessageParams): MessageParams {
  const out: MessageParams = {};
  for (const [key, value] of Object.entries(params)) out[key] = typeof value === 'string' ? clipForEcho(value, PARAMETER_CHARS) : value;
  return out;
}

function clipLocation(location: FeatureLocation): FeatureLocation {
  const out = { ...location };
  if (out.featureId !== undefined) out.featureId = clipForEcho(out.featureId, 60);
  if (out.featureName !== undefined) out.featureName = clipForEcho(out.featureName, 60);
  if (out.field !== undefined) out.field = clipForEcho(out.field, 60);
  return out;
}

export function makeProblem(
  code: ImportMessageCode,
  severity: ImportProblem['severity'],
  params: MessageParams = {},
  location: FeatureLocation = {},
  fix?: ImportProblem['fix'],
): ImportProblem {
  const entry: MessageEntry = IMPORT_MESSAGES[code];
  const clipped = clipParams(params);
  const problem: ImportProblem = { severity, code, ...clipLocation(location), message: entry.message(clipped) };
  if (entry.suggestion) problem.suggestion = entry.suggestion(clipped);
  if (fix) problem.fix = fix;
  return problem;
}

export function makeError(code: ImportMessageCode, params: MessageParams = {}, extra: Partial<AppError> = {}): AppError {
  return { code, message: IMPORT_MESSAGES[code].message(clipParams(params)), ...extra };
}
