// summary.json: the dataset's source line, the analysed service's region figures and every rule's
// result, bilingual. A synthetic dataset (the demo) says so in a notice.

import type { Dataset } from '../types.ts';
import type { Bilingual, RuleResult, RuleSet } from '../rules/rule-types.ts';
import type { ServiceAnalysis } from './analyze-service.ts';
import { roundTo } from '../rules/format-figures.ts';

export interface ServiceSummary {
  type: string;
  radiusMetres: number;
  facilities: number;
  area_km2: number;
  area_covered_pct: number | null;
  population: number;
  population_covered_pct: number | null;
  nearest_median_m: number | null;
  nearest_p90_m: number | null;
  two_step_fca_per_1000: number | null;
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
  service: ServiceSummary | null;
  ruleSet: { id: string; name: Bilingual };
  counts: { rules: number; pass: number; fail: number; notAvailable: number };
  rules: RuleResult[];
}

export const SYNTHETIC_NOTICE: Bilingual = {
  zh: '演示数据：行政区名称、代码与县人口总数取自公开资料，但边界几何、人口分布和设施均为合成，不代表真实情况。',
  en: 'Demo data: township names, codes and county population totals follow public sources, but the boundary geometry, population distribution and facilities are synthetic and do not describe reality.',
};

const round = (value: number, decimals = 2) => roundTo(value, decimals);
const finiteOrNull = (value: number) => (Number.isFinite(value) ? Math.round(value) : null);

function summarizeService(analysis: ServiceAnalysis): ServiceSummary {
  const region = analysis.coverage.region;
  return {
    type: analysis.service,
    radiusMetres: analysis.radiusMetres,
    facilities: analysis.coverage.facilityIndices.length,
    area_km2: round(region.areaKm2[0], 3),
    area_covered_pct: region.areaKm2[0] > 0 ? round((100 * region.coveredAreaKm2[0]) / region.areaKm2[0]) : null,
    population: Math.round(region.population[0]),
    population_covered_pct: region.population[0] > 0 ? round((100 * region.coveredPopulation[0]) / region.population[0]) : null,
    nearest_median_m: finiteOrNull(analysis.nearest.region.median[0]),
    nearest_p90_m: finiteOrNull(analysis.nearest.region.p90[0]),
    two_step_fca_per_1000: analysis.twoStepFca ? round(analysis.twoStepFca.region[0], 3) : null,
  };
}

export function buildSummary(dataset: Dataset, ruleSet: RuleSet, results: RuleResult[], analysis: ServiceAnalysis | null): AnalysisSummary {
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
    service: analysis ? summarizeService(analysis) : null,
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
