// One service at a straight-line reach (or a travel time), as the CLI reports it: the engine's figures
// (computeServiceFigures: coverage with the service's radius field, nearest distance, 2SFCA over
// the served group), and the coverage request and result that gaps.geojson is drawn from
// (generateGaps, streamed by the CLI). The coverage is handed to the rules' cache, so neither the
// figures nor a rule on the same service and reach computes it again.

import type { RunOptions } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { computeCoverage } from '../coverage/compute-coverage.ts';
import type { CoverageRequest, CoverageResult, Reach } from '../coverage/coverage-types.ts';
import type { GapFeature } from '../gaps/township-gap-features.ts';
import { rememberCoverage } from '../rules/rule-context.ts';
import { computeServiceFigures, serviceRequest, type ServiceFigures } from '../analysis/compute-service-figures.ts';
import type { ServiceDefinition } from '../analysis/service-catalog.ts';

export interface ServiceAnalysisRequest {
  service: ServiceDefinition;
  radiusMetres: number;
  /** A travel-time reach over the dataset's roads, in place of the radius (the CLI's --mode/--minutes). */
  travelTime?: Extract<Reach, { kind: 'travel-time' }>;
}

export interface ServiceAnalysis extends ServiceAnalysisRequest {
  figures: ServiceFigures;
  coverageRequest: CoverageRequest;
  coverage: CoverageResult;
  /** Gap features already drawn (the PostGIS engine draws them in SQL); absent: drawn with generateGaps. */
  gapFeatures?: GapFeature[];
}

/** The service to analyse by default: elder-daycare when present, else the first facility type. */
export function defaultService(types: string[]): string | undefined {
  return types.includes('elder-daycare') ? 'elder-daycare' : types[0];
}

/** The coverage request that analyzeService computes for `request` (the CLI hands its discs to a second thread before). */
export function serviceCoverageRequest(request: ServiceAnalysisRequest): CoverageRequest {
  return serviceRequest(request.service, request.travelTime ?? request.radiusMetres);
}

export function analyzeService(prepared: PreparedDataset, request: ServiceAnalysisRequest, run: RunOptions = {}): ServiceAnalysis {
  const stage = (from: number, to: number): RunOptions => ({
    signal: run.signal,
    onProgress: run.onProgress && ((f, label) => run.onProgress!(from + (to - from) * f, label)),
  });
  const reach = request.travelTime ?? request.radiusMetres;
  const coverageRequest = serviceCoverageRequest(request);
  const coverage = computeCoverage(prepared, coverageRequest, stage(0, 0.6));
  rememberCoverage(prepared, coverageRequest, coverage);
  const figures = computeServiceFigures(prepared, request.service, reach, stage(0.6, 1));
  return { ...request, figures, coverageRequest, coverage };
}
