// The words for the codes a table carries (mode `walk`, status `pass`, level `township`, a rule's
// kind and unit, a siting method, "unreachable"): the exports people read (xlsx, the PDF) print them
// in the report's language — 步行 / Walking — while CSV, GeoJSON and Shapefile attributes keep the
// codes programs join on (and that `analyze` writes, byte for byte). One table of words per column
// key, taken from the translation tables where the app already names the code.

import { MESSAGES } from '../i18n/messages.ts';
import { TRAVEL_MODES } from '../network/travel-modes.ts';
import { UNREACHABLE_TEXT } from '../network/travel-time-table.ts';
import type { Bilingual } from '../rules/rule-types.ts';
import { RULE_KINDS } from '../rules/rule-types.ts';
import { METHOD_LABELS } from '../siting/siting-types.ts';
import { REPORT_TEXTS } from './pdf/report-texts.ts';
import type { ExportColumn, ExportValue, Language } from './export-table.ts';

const LEVELS: Record<string, Bilingual> = {
  township: { zh: '乡镇（街道）', en: 'Township' },
  county: { zh: '县（市、区）', en: 'County' },
  region: { zh: '全市', en: 'Region' },
  village: { zh: '村（社区）', en: 'Village' },
};

const UNREACHABLE: Record<string, Bilingual> = { [UNREACHABLE_TEXT]: { zh: '不可达', en: 'unreachable' } };

/** Words per code, by the column key that holds the code. */
export const CODED_VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, Bilingual>>>> = {
  level: LEVELS,
  mode: Object.fromEntries(TRAVEL_MODES.map((mode) => [mode, MESSAGES[`travel-mode.${mode}`]])),
  kind: Object.fromEntries(RULE_KINDS.map((kind) => [kind, MESSAGES[`rule-kind.${kind}`]])),
  status: { pass: REPORT_TEXTS.pass, fail: REPORT_TEXTS.fail, 'not-available': REPORT_TEXTS.notAvailable },
  target_op: { '>=': { zh: '≥', en: '≥' }, '>': { zh: '>', en: '>' }, '<=': { zh: '≤', en: '≤' }, '<': { zh: '<', en: '<' }, '=': { zh: '=', en: '=' } },
  target_unit: { percent: { zh: '百分比（%）', en: 'percent' }, count: { zh: '个数', en: 'count' }, 'per-1000': { zh: '每千人', en: 'per 1,000 people' } },
  method: METHOD_LABELS,
  nearest_median_min: UNREACHABLE,
  nearest_p90_min: UNREACHABLE,
};

/** The column with its codes' words attached (when its key holds codes). */
export function withCodedValues(column: ExportColumn): ExportColumn {
  const values = CODED_VALUE_LABELS[column.key];
  return values ? { ...column, values } : column;
}

/** A cell as a person reads it: a code in words in `language`, anything else unchanged. */
export function labelCodedValue(column: ExportColumn, value: ExportValue, language: Language): ExportValue {
  if (typeof value !== 'string' || !column.values) return value;
  return Object.hasOwn(column.values, value) ? column.values[value][language] : value;
}
