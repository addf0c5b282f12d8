// Every service's figures for the township detail: coverage at the service's reach and nearest
// distances, computed once per (service, reach) for all townships and cached.
import type { CoverageResult, NearestDistanceResult } from '../../core/coverage/coverage-types.ts';
import type { DatasetSummary } from '../../../workers/describe-dataset.ts';
import type { ServiceFigures } from '../panels/township-detail.ts';
import type { AnalysisClient } from './analysis-client.ts';
import { serviceDefinition } from './service-catalog.ts';

export class ServiceFiguresCache {
  private readonly coverage = new Map<string, CoverageResult>();
  private readonly nearest = new Map<string, NearestDistanceResult>();

  constructor(private readonly client: AnalysisClient) {}

  reset(): void {
    this.coverage.clear();
    this.nearest.clear();
  }

  async forTownship(summary: DatasetSummary, index: number, reachOf: (type: string) => number): Promise<ServiceFigures[] | null> {
    const out: ServiceFigures[] = [];
    for (const { type } of summary.facilityTypes) {
      const metres = reachOf(type);
      const definition = serviceDefinition(type);
      const key = `${type}|${metres}`;
      let coverage = this.coverage.get(key);
      if (!coverage) {
        const request = { filter: { types: [type] }, reach: { kind: 'distance' as const, metres }, ...(definition?.radiusField ? { radiusField: definition.radiusField } : {}) };
        const outcome = await this.client.latest('detail-coverage', (api, id) => api.computeCoverage(request, id));
        if (outcome.cancelled) return null;
        coverage = outcome.value;
        this.coverage.set(key, coverage);
      }
      let nearest = this.nearest.get(type);
      if (!nearest) {
        const outcome = await this.client.latest('detail-nearest', (api, id) => api.computeNearestDistance({ types: [type] }, id));
        if (outcome.cancelled) return null;
        nearest = outcome.value;
        this.nearest.set(type, nearest);
      }
      const units = coverage.townships;
      const cohort = definition?.cohort && units.cohortPopulation[definition.cohort] ? units.cohortPopulation[definition.cohort][index] : units.population[index];
      out.push({
        type,
        metres,
        populationCoveredPct: units.population[index] > 0 ? (100 * units.coveredPopulation[index]) / units.population[index] : NaN,
        areaCoveredPct: units.areaKm2[index] > 0 ? (100 * units.coveredAreaKm2[index]) / units.areaKm2[index] : NaN,
        facilityCount: units.facilityCount[index],
        capacityPer1000: cohort > 0 && units.capacity[index] > 0 ? (1000 * units.capacity[index]) / cohort : NaN,
        nearestMedian: nearest.townships.median[index],
        nearestP90: nearest.townships.p90[index],
      });
    }
    return out;
  }
}
