// The shape of one import problem and how one is made from the message catalog.
import type { AppError } from '../types.ts';
import { IMPORT_MESSAGES, type ImportMessageCode, type MessageEntry, type MessageParams } from './import-messages.ts';

export interface ImportProblem {
  severity: 'error' | 'warning' | 'repaired';
  /** e.g. 'ring-not-closed', 'self-intersection', 'swapped-lat-lon', 'gcj02-offset-suspected' */
  code: string;
  featureIndex?: number;
  featureId?: string;
  featureName?: string;
  field?: string;
  message: { zh: string; en: string };
  suggestion?: { zh: string; en: string };
  /** Machine-readable fix the UI can offer, e.g. { crs: 'gcj02' } or { swapLonLat: true }. */
  fix?: { crs?: string; swapLonLat?: boolean; lonField?: string; latField?: string; encoding?: string };
}

export interface FeatureLocation {
  featureIndex?: number;
  featureId?: string;
  featureName?: string;
  field?: string;
}

export function makeProblem(
  code: ImportMessageCode,
  severity: ImportProblem['severity'],
  params: MessageParams = {},
  location: FeatureLocation = {},
  fix?: ImportProblem['fix'],
): ImportProblem {
  const entry: MessageEntry = IMPORT_MESSAGES[code];
  const problem: ImportProblem = { severity, code, ...location, message: entry.message(params) };
  if (entry.suggestion) problem.suggestion = entry.suggestion(params);
  if (fix) problem.fix = fix;
  return problem;
}

export function makeError(code: ImportMessageCode, params: MessageParams = {}, extra: Partial<AppError> = {}): AppError {
  return { code, message: IMPORT_MESSAGES[code].message(params), ...extra };
}
