// Every service's figures for the township detail: one analysis per (service, reach) for all
// townships (no discs), asked of the background worker and cached until the dataset changes.
import type { Reach } from '../../core/coverage/coverage-types.ts';
import type { DatasetSummary, ReachAnalysisReply } from '../../../workers/protocol.ts';
import type { ServiceFigures } from '../panels/township-detail.ts';
import type { AnalysisClient } from './analysis-client.ts';
import { analysisRequest } from './analysis-view.ts';
import { serviceDefinition } from './service-catalog.ts';

export class ServiceFiguresCache {
  private readonly analyses = new Map<string, ReachAnalysisReply>();

  constructor(private readonly client: AnalysisClient) {}

  reset(): void {
    this.analyses.clear();
  }

  async forTownship(summary: DatasetSummary, index: number, reachOf: (type: string) => Reach): Promise<ServiceFigures[] | null> {
    const out: ServiceFigures[] = [];
    for (const { type } of summary.facilityTypes) {
      const reach = reachOf(type);
      const key = `${type}|${JSON.stringify(reach)}`;
      let analysis = this.analyses.get(key);
      if (!analysis) {
        const request = analysisRequest(type, reach, false);
        const outcome = await this.client.latest('detail', (api, id) => api.analyse(request, id));
        if (outcome.cancelled) return null;
        analysis = outcome.value;
        this.analyses.set(key, analysis);
      }
      const units = analysis.coverage.townships;
      const cohort = serviceDefinition(type)?.cohort;
      const served = cohort && units.cohortPopulation[cohort] ? units.cohortPopulation[cohort][index] : units.population[index];
      out.push({
        type,
        reach,
        populationCoveredPct: units.population[index] > 0 ? (100 * units.coveredPopulation[index]) / units.population[index] : NaN,
        areaCoveredPct: units.areaKm2[index] > 0 ? (100 * units.coveredAreaKm2[index]) / units.areaKm2[index] : NaN,
        facilityCount: units.facilityCount[index],
        capacityPer1000: served > 0 && units.capacity[index] > 0 ? (1000 * units.capacity[index]) / served : NaN,
        nearestMedian: analysis.nearest.townships.median[index],
        nearestP90: analysis.nearest.townships.p90[index],
      });
    }
    return out;
  }
}
