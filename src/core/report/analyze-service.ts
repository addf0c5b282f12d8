// One service's coverage at a straight-line radius, the way the CLI's township table and the
// app's map report it: coverage and gaps, population-weighted nearest distance, and 2SFCA
// accessibility (catchment = the same radius) when the facilities carry a capacity.

import type { RunOptions } from '../types.ts';
import type { CoverageResult, FacilityFilter, NearestDistanceResult, TwoStepFcaResult } from '../coverage/coverage-types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { computeGaps, type GapResult } from '../coverage/compute-gaps.ts';
import { computeNearestDistance } from '../coverage/compute-nearest-distance.ts';
import { computeTwoStepFca } from '../coverage/compute-two-step-fca.ts';
import { rememberCoverage } from '../rules/rule-context.ts';

export interface ServiceAnalysisRequest {
  /** Facility type analysed (Facility.type). */
  service: string;
  radiusMetres: number;
}

export interface ServiceAnalysis extends ServiceAnalysisRequest {
  filter: FacilityFilter;
  coverage: CoverageResult;
  gaps: GapResult;
  nearest: NearestDistanceResult;
  /** Null when no selected facility has a capacity. */
  twoStepFca: TwoStepFcaResult | null;
}

/** The service to analyse by default: elder-daycare when present, else the first facility type. */
export function defaultService(types: string[]): string | undefined {
  return types.includes('elder-daycare') ? 'elder-daycare' : types[0];
}

export function analyzeService(prepared: PreparedDataset, request: ServiceAnalysisRequest, run: RunOptions = {}): ServiceAnalysis {
  const filter: FacilityFilter = { types: [request.service] };
  const stage = (from: number, to: number): RunOptions => ({
    signal: run.signal,
    onProgress: run.onProgress && ((f, label) => run.onProgress!(from + (to - from) * f, label)),
  });
  const coverageRequest = { filter, reach: { kind: 'distance' as const, metres: request.radiusMetres } };
  const gaps = computeGaps(prepared, coverageRequest, stage(0, 0.6));
  rememberCoverage(prepared, coverageRequest, gaps.coverage);
  const nearest = computeNearestDistance(prepared, filter, stage(0.6, 0.8));
  const hasCapacity = Array.from(gaps.coverage.facilityIndices).some((f) => (prepared.dataset.facilities[f].capacity ?? 0) > 0);
  const twoStepFca = hasCapacity ? computeTwoStepFca(prepared, { filter, catchmentMetres: request.radiusMetres }, stage(0.8, 1)) : null;
  run.onProgress?.(1, 'service done');
  return { ...request, filter, coverage: gaps.coverage, gaps, nearest, twoStepFca };
}
