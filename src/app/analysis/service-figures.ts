// Every service's figures for the township detail: one analysis per (service, reach) for all
// townships (no discs), asked of the background worker and cached until the dataset changes.
import type { Reach } from '../../core/coverage/coverage-types.ts';
import type { DatasetSummary, ReachAnalysisReply } from '../../../workers/protocol.ts';
import type { ServiceFigures } from '../panels/township-detail.ts';
import type { AnalysisClient } from './analysis-client.ts';
import { analysisRequest } from './analysis-view.ts';
import { pickMetrics } from './township-metrics.ts';

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
      // The township's row of the service's metric table (the figures the table and the CLI show).
      const metrics = pickMetrics(analysis.table, analysis.table.townships);
      out.push({
        type,
        reach,
        populationCoveredPct: metrics['population-covered-pct'][index],
        areaCoveredPct: metrics['area-covered-pct'][index],
        facilityCount: metrics['facility-count'][index],
        capacityPer1000: metrics['capacity-per-1000'][index],
        nearestMedian: metrics['nearest-median'][index],
        nearestP90: metrics['nearest-p90'][index],
        nearestTimeMedian: analysis.travel ? analysis.travel.nearestTime.townships.median[index] : NaN,
        nearestTimeP90: analysis.travel ? analysis.travel.nearestTime.townships.p90[index] : NaN,
      });
    }
    return out;
  }
}
