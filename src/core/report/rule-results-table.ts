// rules.csv: one row per evaluated rule, for a spreadsheet next to townships.csv.

import type { RuleResult } from '../rules/rule-types.ts';
import { roundTo } from '../rules/format-figures.ts';
import type { CsvCell } from './write-csv.ts';

export const RULE_COLUMNS = [
  'rule_id',
  'title_zh',
  'title_en',
  'kind',
  'status',
  'value',
  'target_op',
  'target_value',
  'target_unit',
  'shortfall',
  'shortfall_unit_zh',
  'shortfall_unit_en',
  'shortfall_zh',
  'shortfall_en',
  'failing_count',
  'source',
] as const;

export function ruleResultRows(results: RuleResult[]): CsvCell[][] {
  return results.map((r) => [
    r.ruleId,
    r.title.zh,
    r.title.en,
    r.kind,
    r.status,
    r.value === null ? null : roundTo(r.value, 3),
    r.target.op,
    r.target.value,
    r.target.unit,
    r.shortfall ? r.shortfall.amount : null,
    r.shortfall?.unit.zh ?? null,
    r.shortfall?.unit.en ?? null,
    r.shortfall?.sentence.zh ?? r.reason?.zh ?? null,
    r.shortfall?.sentence.en ?? r.reason?.en ?? null,
    r.status === 'fail' ? r.failing.length : 0,
    r.source ?? null,
  ]);
}
