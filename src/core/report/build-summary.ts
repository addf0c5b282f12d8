// summary.json: the dataset's source line, the analysed service's region figures and every rule's
// result, bilingual. A synthetic dataset (the demo) says so in a notice.

import type { Dataset } from '../types.ts';
import type { Bilingual, RuleResult, RuleSet } from '../rules/rule-types.ts';
import type { MetricColumn, MetricTable } from '../analysis/compute-metric-table.ts';
import type { DroppedInput } from '../import/summarize-dropped.ts';

/** The analysed service and its whole-region row (全市合计) of the metric table. */
export interface ServiceSummary {
  type: string;
  name: Bilingual;
  servedGroup: string | null;
  radiusMetres: number;
  radiusField: string | null;
  /** A travel-time reach (mode and minutes over the road network) the figures are at, in place of the radius; null: straight line. */
  travelTime: { mode: string; minutes: number } | null;
  /** The table's columns with their labels and, where a column has no figures, why. */
  columns: Pick<MetricColumn, 'id' | 'label' | 'unavailable'>[];
  /** The region's figure per column id (null: no figure). */
  region: Record<string, number | null>;
  notes: Bilingual[];
}

export interface AnalysisSummary {
  tool: 'gapmap';
  dataset: {
    name: string;
    source: string;
    synthetic: boolean;
    townships: number;
    counties: number;
    facilities: number;
    places: number;
    populationCells: number;
    population: number;
  };
  notice: Bilingual | null;
  /** Input files that lost rows or features (kept readable part, --keep-readable-part): how many and why. */
  droppedInput: DroppedInput[];
  service: ServiceSummary | null;
  ruleSet: { id: string; name: Bilingual };
  counts: { rules: number; pass: number; fail: number; notAvailable: number };
  rules: RuleResult[];
}

export const SYNTHETIC_NOTICE: Bilingual = {
  zh: '演示数据：行政区名称、代码与县人口总数取自公开资料，但边界几何、人口分布和设施均为合成，不代表真实情况。',
  en: 'Demo data: township names, codes and county population totals follow public sources, but the boundary geometry, population distribution and facilities are synthetic and do not describe reality.',
};

function summarizeService(table: MetricTable): ServiceSummary {
  const { service } = table;
  return {
    type: service.type,
    name: service.name,
    servedGroup: service.servedGroup ?? null,
    radiusMetres: table.metres,
    radiusField: service.radiusField ?? null,
    travelTime: table.reach.kind === 'travel-time' ? { mode: table.reach.mode, minutes: table.reach.minutes } : null,
    columns: table.columns.map(({ id, label, unavailable }) => ({ id, label, unavailable })),
    region: Object.fromEntries(table.columns.map((column) => {
      const value = table.region.values[column.id][0];
      return [column.id, Number.isNaN(value) ? null : value];
    })),
    notes: table.notes,
  };
}

export function buildSummary(dataset: Dataset, ruleSet: RuleSet, results: RuleResult[], table: MetricTable | null, droppedInput: DroppedInput[] = []): AnalysisSummary {
  const population = dataset.population.population.reduce((sum, v) => sum + v, 0);
  return {
    tool: 'gapmap',
    dataset: {
      name: dataset.info.name,
      source: dataset.info.source,
      synthetic: dataset.info.synthetic,
      townships: dataset.townships.length,
      counties: dataset.counties.length,
      facilities: dataset.facilities.length,
      places: dataset.places.length,
      populationCells: dataset.population.population.length,
      population: Math.round(population),
    },
    notice: dataset.info.synthetic ? SYNTHETIC_NOTICE : null,
    droppedInput,
    service: table ? summarizeService(table) : null,
    ruleSet: { id: ruleSet.id, name: ruleSet.name },
    counts: {
      rules: results.length,
      pass: results.filter((r) => r.status === 'pass').length,
      fail: results.filter((r) => r.status === 'fail').length,
      notAvailable: results.filter((r) => r.status === 'not-available').length,
    },
    rules: results,
  };
}
