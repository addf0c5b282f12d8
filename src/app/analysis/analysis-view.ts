// What the app shows of one analysis: the worker's reply, its metric table (core, the CLI's too)
// and the map's metrics picked from it.
import type { Reach } from '../../core/coverage/coverage-types.ts';
import type { ReachAnalysisReply, ReachAnalysisRequest } from '../../../workers/protocol.ts';
import { appService } from './app-catalog.ts';
import type { MetricTable as CoreMetricTable } from '../../core/analysis/compute-metric-table.ts';
import { pickMetrics, type MetricTable } from './township-metrics.ts';

export interface AnalysisView {
  service: string;
  reach: Reach;
  analysis: ReachAnalysisReply;
  /** The metric table (townships, counties, region), without failed rules (they come with the rules). */
  table: CoreMetricTable;
  townships: MetricTable;
  region: MetricTable;
}

/** The worker request for a service at a reach: the catalog adds the per-facility reach field and the served cohort. */
export function analysisRequest(service: string, reach: Reach, discs = true): ReachAnalysisRequest {
  const definition = appService(service);
  return {
    filter: { types: [service] },
    reach,
    ...(definition.radiusField ? { radiusField: definition.radiusField } : {}),
    ...(definition.servedGroup ? { cohort: definition.servedGroup } : {}),
    ...(discs ? {} : { discs: false }),
  };
}

export function analysisView(service: string, analysis: ReachAnalysisReply): AnalysisView {
  const table = analysis.table;
  const time = analysis.travel?.nearestTime ?? null;
  return {
    service,
    reach: analysis.request.reach,
    analysis,
    table,
    townships: pickMetrics(table, table.townships, time?.townships ?? null),
    region: pickMetrics(table, table.region, time?.region ?? null),
  };
}

/** The map key of an analysis's content (discs, rasters): its service and reach on the dataset's generation (what-if edits make a new one). */
export function analysisKey(service: string, reach: Reach, generation: number): string {
  return `${service}|${JSON.stringify(reach)}|${generation}`;
}

/** Same reach value (a reach is plain data: compared by its fields). */
export function sameReach(a: Reach, b: Reach): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The reach in metres for the map key, legend and file names; NaN for a travel-time reach. */
export function reachMetres(reach: Reach): number {
  return reach.kind === 'distance' ? reach.metres : NaN;
}
