// One analysis of the panel's settings: coverage (fast, paints map and table first), nearest
// distances (cached per service: they do not depend on the radius), 2SFCA for capacity-bearing
// services, then gaps and coverage discs. A newer run supersedes an older one; the stale one is
// cancelled in the worker and its results are dropped.
import type { CoverageRequest, CoverageResult, NearestDistanceResult, TwoStepFcaResult } from '../../core/coverage/coverage-types.ts';
import type { GapResult } from '../../core/coverage/compute-gaps.ts';
import type { DiscFeatureCollection } from '../../../workers/coverage-discs.ts';
import type { AnalysisClient, ProgressListener } from './analysis-client.ts';
import { serviceDefinition } from './service-catalog.ts';
import { regionMetricTable, townshipMetricTable, type MetricTable } from './township-metrics.ts';

export interface AnalysisInput {
  service: string;
  metres: number;
  /** Whether the service's facilities carry capacity (2SFCA and capacity per 1,000 are computed). */
  hasCapacity: boolean;
}

export interface CoverageStage {
  input: AnalysisInput;
  request: CoverageRequest;
  coverage: CoverageResult;
  nearest: NearestDistanceResult;
  twoStep: TwoStepFcaResult | null;
  townships: MetricTable;
  region: MetricTable;
}

export interface GapStage {
  gaps: GapResult['townships'];
  uncoveredCells: Uint32Array;
  discs: DiscFeatureCollection;
}

export interface AnalysisCallbacks {
  onProgress: ProgressListener;
  onCoverage(stage: CoverageStage): void;
  onGaps(stage: GapStage, coverage: CoverageStage): Promise<void> | void;
}

export class AnalysisPipeline {
  private generation = 0;
  private readonly nearestCache = new Map<string, NearestDistanceResult>();

  constructor(private readonly client: AnalysisClient) {}

  /** Forgets cached results (after the dataset changed). */
  reset(): void {
    this.nearestCache.clear();
    this.generation++;
  }

  cancel(): void {
    this.generation++;
    for (const channel of ['coverage', 'nearest', 'two-step', 'gaps']) this.client.cancelChannel(channel);
  }

  /** Runs the stages; resolves `true` when this run finished and painted, `false` when superseded or cancelled. */
  async run(input: AnalysisInput, callbacks: AnalysisCallbacks): Promise<boolean> {
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    const definition = serviceDefinition(input.service);
    const filter = { types: [input.service] };
    const request: CoverageRequest = { filter, reach: { kind: 'distance', metres: input.metres }, ...(definition?.radiusField ? { radiusField: definition.radiusField } : {}) };
    const stageProgress = (from: number, to: number): ProgressListener => (fraction, stage) => {
      if (current()) callbacks.onProgress(from + (to - from) * fraction, stage);
    };

    const coverage = await this.client.latest('coverage', (api, id, progress) => api.computeCoverage(request, id, progress), stageProgress(0, 0.35));
    if (coverage.cancelled || !current()) return false;

    let nearest = this.nearestCache.get(input.service);
    if (!nearest) {
      const outcome = await this.client.latest('nearest', (api, id, progress) => api.computeNearestDistance(filter, id, progress), stageProgress(0.35, 0.5));
      if (outcome.cancelled || !current()) return false;
      nearest = outcome.value;
      this.nearestCache.set(input.service, nearest);
    }

    let twoStep: TwoStepFcaResult | null = null;
    if (input.hasCapacity) {
      const request2sfca = { filter, catchmentMetres: input.metres, ...(definition?.cohort ? { cohort: definition.cohort } : {}) };
      const outcome = await this.client.latest('two-step', (api, id, progress) => api.computeTwoStepFca(request2sfca, id, progress), stageProgress(0.5, 0.6));
      if (outcome.cancelled || !current()) return false;
      twoStep = outcome.value;
    }

    const coverageStage: CoverageStage = {
      input,
      request,
      coverage: coverage.value,
      nearest,
      twoStep,
      townships: townshipMetricTable(coverage.value, nearest, twoStep, definition?.cohort),
      region: regionMetricTable(coverage.value, nearest, twoStep, definition?.cohort),
    };
    callbacks.onCoverage(coverageStage);

    const gaps = await this.client.latest('gaps', (api, id, progress) => api.computeGaps(request, id, progress), stageProgress(0.6, 0.95));
    if (gaps.cancelled || !current()) return false;
    const discs = await this.client.call((api) => api.coverageDiscs(coverage.value.facilityIndices, input.metres, request.radiusField));
    if (!current()) return false;
    await callbacks.onGaps({ gaps: gaps.value.townships, uncoveredCells: gaps.value.uncoveredCells, discs }, coverageStage);
    return current();
  }
}
