// What the app shows of one analysis: the worker's reply and the metric tables derived from it.
import type { Reach } from '../../core/coverage/coverage-types.ts';
import type { ReachAnalysisReply, ReachAnalysisRequest } from '../../../workers/protocol.ts';
import { serviceDefinition } from './service-catalog.ts';
import { regionMetricTable, townshipMetricTable, type MetricTable } from './township-metrics.ts';

export interface AnalysisView {
  service: string;
  reach: Reach;
  analysis: ReachAnalysisReply;
  townships: MetricTable;
  region: MetricTable;
}

/** The worker request for a service at a reach: the catalog adds the per-facility reach field and the served cohort. */
export function analysisRequest(service: string, reach: Reach, discs = true): ReachAnalysisRequest {
  const definition = serviceDefinition(service);
  return {
    filter: { types: [service] },
    reach,
    ...(definition?.radiusField ? { radiusField: definition.radiusField } : {}),
    ...(definition?.cohort ? { cohort: definition.cohort } : {}),
    ...(discs ? {} : { discs: false }),
  };
}

export function analysisView(service: string, analysis: ReachAnalysisReply): AnalysisView {
  const cohort = analysis.request.cohort;
  return {
    service,
    reach: analysis.request.reach,
    analysis,
    townships: townshipMetricTable(analysis.coverage, analysis.nearest, analysis.twoStep, cohort, analysis.travel?.nearestTime ?? null),
    region: regionMetricTable(analysis.coverage, analysis.nearest, analysis.twoStep, cohort, analysis.travel?.nearestTime ?? null),
  };
}

/** Same reach value (a reach is plain data: compared by its fields). */
export function sameReach(a: Reach, b: Reach): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The reach in metres for the map key, legend and file names; NaN for a travel-time reach. */
export function reachMetres(reach: Reach): number {
  return reach.kind === 'distance' ? reach.metres : NaN;
}
