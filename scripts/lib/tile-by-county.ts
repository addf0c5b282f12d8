// `analyze --tile county`: the analysis one county at a time, for regions whose cells do not fit in
// memory at once. The region is prepared without cells (townships, counties, facilities, places,
// areas: small); then for each county (src/core/tiling/plan-county-tiles.ts) the cells around its
// townships are read — a window of the GeoTIFF, or the points in that extent — prepared in the
// region's own projection, every figure the service and the rules need is computed (each coverage
// reach, the nearest distances, each 2SFCA) and added to the region's (merge-tile-figures.ts), and
// the tile is dropped. The rules then run on the region with those figures and the tiles' cell
// groups, exactly as in one piece; the gaps are drawn from the merged figures and the region's
// discs. Township and county figures and rule results equal the untiled run's
// (test/province/tile-by-county.test.ts).

import type { Dataset, PopulationCells, Result, RunOptions } from '../../src/core/types.ts';
import { ok } from '../../src/core/types.ts';
import { prepareDataset, type PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeServiceFigures, servedGroupProblem } from '../../src/core/analysis/compute-service-figures.ts';
import { serviceCoverageRequest } from '../../src/core/analysis/service-catalog.ts';
import type { ServiceAnalysis, ServiceAnalysisRequest } from '../../src/core/report/analyze-service.ts';
import { estimateCohorts } from '../../src/core/dataset/estimate-cohorts.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import { ruleRequests } from '../../src/core/rules/rule-requests.ts';
import { rememberCoverage, rememberNearest, rememberTwoStepFca, stableKey } from '../../src/core/rules/rule-context.ts';
import type { Rule, RuleResult } from '../../src/core/rules/rule-types.ts';
import { computeCoverage } from '../../src/core/coverage/compute-coverage.ts';
import { computeNearestDistance } from '../../src/core/coverage/compute-nearest-distance.ts';
import { computeTwoStepFca, type TwoStepFcaRequest } from '../../src/core/coverage/compute-two-step-fca.ts';
import { selectFacilities } from '../../src/core/coverage/select-facilities.ts';
import type { CoverageRequest } from '../../src/core/coverage/coverage-types.ts';
import type { LonLatExtent } from '../../src/core/raster/raster-window.ts';
import { cellsInExtent, planCountyTiles, tileDataset } from '../../src/core/tiling/plan-county-tiles.ts';
import { CellGroupCollector, CoverageMerger, NearestMerger, TwoStepMerger } from '../../src/core/tiling/merge-tile-figures.ts';
import { PhaseClock } from './report-memory.ts';
import { writeStderr } from './escape-for-terminal.ts';
import { stderrProgress } from './report-progress.ts';
import type { AnalyzeOptions } from './parse-analyze-arguments.ts';
import { openPopulationRasters, RASTER_FILE, readPopulationWindow } from './load-population-raster.ts';

/** The population cells whose centres lie in an extent. */
export type PopulationSource = (extent: LonLatExtent, run: RunOptions) => Promise<Result<PopulationCells>>;

/** A source over cells already in memory (points from CSV or GeoJSON). */
export function cellsInMemory(population: PopulationCells): PopulationSource {
  return async (extent) => ok(cellsInExtent(population, extent));
}

/** The region without cells, keeping the cohort names (and their estimates) so tables have their columns. */
export function withoutCells(dataset: Dataset, cohortNames: string[]): Dataset {
  const none = new Float64Array(0);
  return {
    ...dataset,
    population: { ...dataset.population, lon: none, lat: none, population: none, cohorts: Object.fromEntries(cohortNames.map((name) => [name, none])) },
  };
}

/** The farthest a request reaches (a per-facility radius field can exceed its metres). */
function farthestReach(dataset: Dataset, request: CoverageRequest): number {
  if (request.reach.kind !== 'distance') return 0;
  let farthest = request.reach.metres;
  if (request.radiusField) {
    for (const f of selectFacilities(dataset, request.filter)) {
      const value = Number(dataset.facilities[f].properties[request.radiusField]);
      if (Number.isFinite(value) && value > farthest) farthest = value;
    }
  }
  return farthest;
}

/** The computations of the service's figures and of the rules, each once. */
function requestsOf(region: PreparedDataset, rules: Rule[], service: ServiceAnalysisRequest | null) {
  const fromRules = ruleRequests(rules);
  const coverage = new Map<string, CoverageRequest>();
  const twoStep = new Map<string, TwoStepFcaRequest>();
  let nearest = null;
  if (service) {
    const request = serviceCoverageRequest(service.service, service.radiusMetres);
    coverage.set(stableKey(request), request);
    nearest = request.filter;
    // As computeServiceFigures decides: 2SFCA over the served group when facilities have a capacity and the group is there.
    const hasCapacity = Array.from(selectFacilities(region.dataset, request.filter)).some((f) => (region.dataset.facilities[f].capacity ?? 0) > 0);
    if (hasCapacity && !servedGroupProblem(region, service.service)) {
      const fca = { filter: request.filter, catchmentMetres: service.radiusMetres, cohort: service.service.servedGroup };
      twoStep.set(stableKey(fca), fca);
    }
  }
  for (const request of fromRules.coverage) coverage.set(stableKey(request), request);
  for (const request of fromRules.twoStepFca) twoStep.set(stableKey(request), request);
  return { coverage: [...coverage.values()], twoStep: [...twoStep.values()], nearest };
}

/** Cells and their index are not there: a figure computed from them would be wrong, so asking is an error. */
const ABSENT = new Proxy(
  {},
  {
    get(_, key) {
      throw new Error(`a run by county tiles has no cells in one piece (asked for ${String(key)}): this figure was not computed tile by tile`);
    },
  },
);

/**
 * The analysis of `region` (its population left out: cells come from `cells`, tile by tile).
 * `cohortNames`: the population's cohorts; `estimatedShares`: cohorts estimated as a share of each cell's people.
 */
export async function analyzeByCounty(
  region: Dataset,
  cells: PopulationSource,
  population: { cohortNames: string[]; estimatedShares?: Record<string, number> },
  rules: Rule[],
  service: ServiceAnalysisRequest | null,
  clock = new PhaseClock(),
): Promise<Result<{ prepared: PreparedDataset; analysis: ServiceAnalysis | null; results: RuleResult[] }>> {
  const light = withoutCells(region, population.cohortNames);
  const prepared = await clock.time('prepare', () => prepareDataset(light));
  const requests = requestsOf(prepared, rules, service);
  const halo = Math.max(0, ...requests.coverage.map((r) => farthestReach(region, r)), ...requests.twoStep.map((r) => 2 * r.catchmentMetres));
  const tiles = planCountyTiles(light, halo);
  const coverages = requests.coverage.map(() => new CoverageMerger(prepared));
  const twoSteps = requests.twoStep.map((r) => new TwoStepMerger(prepared, r.catchmentMetres, r.cohort));
  const nearest = new NearestMerger(prepared);
  const groups = new CellGroupCollector(prepared.cohortNames);
  for (const [k, tile] of tiles.entries()) {
    const read = await clock.time('read', () => cells(tile.extent, { onProgress: stderrProgress(`tile ${k + 1}/${tiles.length} read`) }));
    if (!read.ok) return read;
    const estimated = estimateCohorts(tileDataset(light, tile, read.value), population.estimatedShares ?? {}).dataset;
    const tilePrepared = await clock.time('prepare', () => prepareDataset(estimated, {}, prepared.projection));
    await clock.time('coverage', () => {
      const covered = requests.coverage.map((request, r) => {
        const result = computeCoverage(tilePrepared, request);
        coverages[r].add(tile, tilePrepared, result);
        return result.cellCovered;
      });
      groups.add(tile, tilePrepared, covered);
      if (requests.nearest) nearest.add(tile, tilePrepared, computeNearestDistance(tilePrepared, requests.nearest));
      requests.twoStep.forEach((request, r) => twoSteps[r].add(tile, tilePrepared, computeTwoStepFca(tilePrepared, request)));
    });
    writeStderr(
      `[tile] ${k + 1}/${tiles.length} county ${tile.code || '—'}: ${tile.townships.length} townships, ${read.value.lon.length.toLocaleString('en')} cells / ` +
        `第 ${k + 1}/${tiles.length} 块（县 ${tile.code || '—'}）：${tile.townships.length} 个乡镇，${read.value.lon.length.toLocaleString('en')} 个人口格\n`,
    );
  }
  // The region with the tiles' cell groups in place of its cells, and every merged figure in the rules' cache.
  const grouped = groups.groups(requests.coverage.length, light.population);
  const merged: PreparedDataset = {
    ...prepared,
    dataset: { ...prepared.dataset, population: grouped.population },
    cells: ABSENT as PreparedDataset['cells'],
    cellIndex: ABSENT as PreparedDataset['cellIndex'],
    cellTownship: grouped.cellTownship,
    cellCounty: grouped.cellCounty,
    cellArea: grouped.cellArea,
  };
  if (tiles.length > 0) {
    requests.coverage.forEach((request, r) => rememberCoverage(merged, request, coverages[r].result(grouped.covered[r])));
    requests.twoStep.forEach((request, r) => rememberTwoStepFca(merged, request.filter, request.catchmentMetres, request.cohort, twoSteps[r].result()));
    if (requests.nearest) rememberNearest(merged, requests.nearest, nearest.result());
  }
  const results = await clock.time('rules', () => evaluateRules(merged, rules, { onProgress: stderrProgress('rules') }));
  if (!service || tiles.length === 0) return ok({ prepared: merged, analysis: null, results });
  const figures = computeServiceFigures(merged, service.service, service.radiusMetres);
  return ok({ prepared: merged, analysis: { ...service, figures, coverageRequest: figures.request, coverage: figures.coverage }, results });
}

/**
 * Where `analyze --tile county` takes its cells: the GeoTIFF (opened once, read a window per
 * tile; loadInputDataset left it unread), or the points already loaded into `data`.
 */
export async function populationSourceOf(options: AnalyzeOptions, data: Dataset): Promise<Result<{ cells: PopulationSource; cohortNames: string[]; estimatedShares?: Record<string, number> }>> {
  const { cohorts, estimatedShares } = data.population;
  if (options.population && RASTER_FILE.test(options.population.file)) {
    const rasters = await openPopulationRasters(options.population.file, options.cohortRasters, options.population.crs ?? options.crs);
    if (!rasters.ok) return rasters;
    const cohortNames = [...new Set([...options.cohortRasters.map((c) => c.cohort), ...Object.keys(cohorts)])];
    return ok({ cells: (extent, run) => readPopulationWindow(rasters.value, extent, run), cohortNames, estimatedShares });
  }
  return ok({ cells: cellsInMemory(data.population), cohortNames: Object.keys(cohorts), estimatedShares });
}
