// One analysis of the panel's settings, in two parts.
// Interactive (analysis worker): coverage, nearest distances (cached per service: they do not
// depend on the radius), 2SFCA for capacity-bearing services and the coverage discs — map, table
// and legend are painted from these. Background (a second worker, so a slow polygon clip never
// delays the next radius): the gap polygons of computeGaps. A newer run supersedes an older one;
// the stale one is cancelled in its worker and its results are dropped.
import type { CoverageRequest, CoverageResult, NearestDistanceResult, TwoStepFcaResult } from '../../core/coverage/coverage-types.ts';
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
  /** GeoJSON text of the coverage discs. */
  discsJson: string;
}

export interface GapStage {
  /** GeoJSON text of the uncovered parts of each township (computeGaps). */
  gapsJson: string;
  gapFeatureCount: number;
  uncoveredPopulation: number;
}

export function coverageRequest(input: AnalysisInput): CoverageRequest {
  const definition = serviceDefinition(input.service);
  return { filter: { types: [input.service] }, reach: { kind: 'distance', metres: input.metres }, ...(definition?.radiusField ? { radiusField: definition.radiusField } : {}) };
}

export class AnalysisPipeline {
  private generation = 0;
  private gapGeneration = 0;
  private readonly nearestCache = new Map<string, NearestDistanceResult>();

  constructor(
    private readonly client: AnalysisClient,
    private readonly background: AnalysisClient,
  ) {}

  /** Forgets cached results (after the dataset changed). */
  reset(): void {
    this.nearestCache.clear();
    this.generation++;
    this.gapGeneration++;
  }

  cancel(): void {
    this.generation++;
    this.gapGeneration++;
    for (const channel of ['coverage', 'nearest', 'two-step']) this.client.cancelChannel(channel);
    this.background.cancelChannel('gaps');
  }

  cancelGaps(): void {
    this.gapGeneration++;
    this.background.cancelChannel('gaps');
  }

  /** Interactive part; resolves the stage when it is current, null when superseded or cancelled. */
  async run(input: AnalysisInput, onProgress: ProgressListener): Promise<CoverageStage | null> {
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    const definition = serviceDefinition(input.service);
    const request = coverageRequest(input);
    const filter = request.filter;
    const stageProgress = (from: number, to: number): ProgressListener => (fraction, stage) => {
      if (current()) onProgress(from + (to - from) * fraction, stage);
    };

    const coverage = await this.client.latest('coverage', (api, id, progress) => api.computeCoverage(request, id, progress), stageProgress(0, 0.5));
    if (coverage.cancelled || !current()) return null;

    let nearest = this.nearestCache.get(input.service);
    if (!nearest) {
      const outcome = await this.client.latest('nearest', (api, id, progress) => api.computeNearestDistance(filter, id, progress), stageProgress(0.5, 0.8));
      if (outcome.cancelled || !current()) return null;
      nearest = outcome.value;
      this.nearestCache.set(input.service, nearest);
    }

    let twoStep: TwoStepFcaResult | null = null;
    if (input.hasCapacity) {
      const request2sfca = { filter, catchmentMetres: input.metres, ...(definition?.cohort ? { cohort: definition.cohort } : {}) };
      const outcome = await this.client.latest('two-step', (api, id, progress) => api.computeTwoStepFca(request2sfca, id, progress), stageProgress(0.8, 0.9));
      if (outcome.cancelled || !current()) return null;
      twoStep = outcome.value;
    }
    const discsJson = await this.client.call((api) => api.coverageDiscs(coverage.value.facilityIndices, input.metres, request.radiusField));
    if (!current()) return null;
    onProgress(1, 'done');
    return {
      input,
      request,
      coverage: coverage.value,
      nearest,
      twoStep,
      townships: townshipMetricTable(coverage.value, nearest, twoStep, definition?.cohort),
      region: regionMetricTable(coverage.value, nearest, twoStep, definition?.cohort),
      discsJson,
    };
  }

  /** Background part: the gap polygons; null when superseded or cancelled. */
  async runGaps(input: AnalysisInput): Promise<GapStage | null> {
    const generation = ++this.gapGeneration;
    const outcome = await this.background.latest('gaps', (api, id) => api.computeGaps(coverageRequest(input), id));
    if (outcome.cancelled || generation !== this.gapGeneration) return null;
    return { gapsJson: outcome.value.geojson, gapFeatureCount: outcome.value.featureCount, uncoveredPopulation: outcome.value.uncoveredPopulation };
  }
}
