// Which townships and places a rule result points at (to highlight them): its failing townships,
// the townships of its failing counties, and its failing places. The counts per township and county
// are the metric table's (core/analysis/compute-metric-table.ts: failedRulesByUnit).
import type { RuleResult } from '../../core/rules/rule-types.ts';
import type { DatasetSummary } from '../../../workers/protocol.ts';

export interface FailingSelection {
  townships: number[];
  places: number[];
}

export function failingSelection(summary: DatasetSummary, result: RuleResult): FailingSelection {
  const townships = new Set<number>();
  const places = new Set<number>();
  for (const item of result.failing) {
    if (item.kind === 'township') {
      if (item.index >= 0 && item.index < summary.townships.length) townships.add(item.index);
    } else if (item.kind === 'county') {
      summary.townships.forEach((township, index) => {
        if (township.parentCode === item.code) townships.add(index);
      });
    } else if (item.kind === 'place') places.add(item.index);
  }
  return { townships: [...townships].sort((a, b) => a - b), places: [...places].sort((a, b) => a - b) };
}
