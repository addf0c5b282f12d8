// `analyze --tile county`: the analysis one county at a time, for regions whose cells do not fit in
// memory at once. The region is prepared without cells (townships, counties, facilities, places,
// areas: small); then for each county (src/core/tiling/plan-county-tiles.ts) the cells around its
// townships are read — a window of the GeoTIFF, or the points in that extent — prepared in the
// region's own projection, analysed, added to the region's figures (merge-tile-figures.ts) and
// dropped. Township and county figures equal the untiled run's (test/province/tile-by-county.test.ts);
// the gaps are drawn from the merged figures and the region's discs as in an untiled run. Rules
// that do not count people are evaluated on the region as usual; rules on population
// (population-within, capacity-per-population) need every cell at once and report "not available".

import type { Dataset, PopulationCells, Result, RunOptions } from '../../src/core/types.ts';
import { ok } from '../../src/core/types.ts';
import { prepareDataset, type PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeServiceFigures } from '../../src/core/analysis/compute-service-figures.ts';
import { serviceCoverageRequest } from '../../src/core/analysis/service-catalog.ts';
import type { ServiceAnalysis, ServiceAnalysisRequest } from '../../src/core/report/analyze-service.ts';
import { estimateCohorts } from '../../src/core/dataset/estimate-cohorts.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import { notAvailable } from '../../src/core/rules/build-rule-result.ts';
import type { Rule, RuleResult } from '../../src/core/rules/rule-types.ts';
import type { LonLatExtent } from '../../src/core/raster/raster-window.ts';
import { cellsInExtent, planCountyTiles, tileDataset } from '../../src/core/tiling/plan-county-tiles.ts';
import { TileFigureMerger } from '../../src/core/tiling/merge-tile-figures.ts';
import { PhaseClock } from './report-memory.ts';
import { writeStderr } from './escape-for-terminal.ts';
import { stderrProgress } from './report-progress.ts';
import type { AnalyzeOptions } from './parse-analyze-arguments.ts';
import { openPopulationRasters, RASTER_FILE, readPopulationWindow } from './load-population-raster.ts';

/** The population cells whose centres lie in an extent. */
export type PopulationSource = (extent: LonLatExtent, run: RunOptions) => Promise<Result<PopulationCells>>;

/** Rule kinds that count people: they need every cell at once. */
const POPULATION_KINDS = new Set<Rule['kind']>(['population-within', 'capacity-per-population']);

const TILED_REASON = {
  zh: '按县分块运行（--tile county）时不评估依赖人口的规则：它们需要全部人口同时在内存中；请不分块运行，或用 --engine postgis',
  en: 'rules on population are not evaluated in a run by county tiles (--tile county): they need every cell in memory at once; run without --tile, or with --engine postgis',
};

/** A source over cells already in memory (points from CSV or GeoJSON). */
export function cellsInMemory(population: PopulationCells): PopulationSource {
  return async (extent) => ok(cellsInExtent(population, extent));
}

/** The region without cells, keeping the cohort names (and their estimates) so tables have their columns. */
export function withoutCells(dataset: Dataset, cohortNames: string[]): Dataset {
  const none = new Float64Array(0);
  const { population } = dataset;
  return {
    ...dataset,
    population: { ...population, lon: none, lat: none, population: none, cohorts: Object.fromEntries(cohortNames.map((name) => [name, none])) },
  };
}

/** The farthest any selected facility reaches (a per-facility radius field can exceed --radius). */
function farthestReach(dataset: Dataset, request: ServiceAnalysisRequest): number {
  const coverage = serviceCoverageRequest(request.service, request.radiusMetres);
  let farthest = request.radiusMetres;
  if (coverage.radiusField) {
    for (const facility of dataset.facilities) {
      const value = Number(facility.properties[coverage.radiusField]);
      if (Number.isFinite(value) && value > farthest) farthest = value;
    }
  }
  return farthest;
}

/** evaluateRules' results (the enabled rules, in order), the rules on population not available. */
function evaluateWithoutPopulation(region: PreparedDataset, rules: Rule[], run: RunOptions): RuleResult[] {
  const enabled = rules.filter((rule) => rule.enabled);
  const evaluated = evaluateRules(region, enabled.filter((rule) => !POPULATION_KINDS.has(rule.kind)), run);
  let next = 0;
  return enabled.map((rule) => (POPULATION_KINDS.has(rule.kind) ? notAvailable(rule, TILED_REASON) : evaluated[next++]));
}

/**
 * The analysis of `region` (its population left out: cells come from `cells`, tile by tile).
 * `cohortNames`: the population's cohorts; `estimatedShares`: cohorts estimated as a share of each cell's people.
 */
export async function analyzeByCounty(
  region: Dataset,
  cells: PopulationSource,
  population: { cohortNames: string[]; estimatedShares?: Record<string, number> },
  rules: Rule[],
  request: ServiceAnalysisRequest | null,
  clock = new PhaseClock(),
): Promise<Result<{ prepared: PreparedDataset; analysis: ServiceAnalysis | null; results: RuleResult[] }>> {
  const light = withoutCells(region, population.cohortNames);
  const prepared = await clock.time('prepare', () => prepareDataset(light));
  const results = await clock.time('rules', () => evaluateWithoutPopulation(prepared, rules, { onProgress: stderrProgress('rules') }));
  if (!request) return ok({ prepared, analysis: null, results });
  const reach = farthestReach(region, request);
  // 2SFCA at the service's radius needs the people within its catchment of every facility that reaches the tile's cells.
  const tiles = planCountyTiles(light, Math.max(reach, 2 * request.radiusMetres));
  const merger = new TileFigureMerger(prepared, request.service.servedGroup);
  for (const [k, tile] of tiles.entries()) {
    const label = `tile ${k + 1}/${tiles.length}`;
    const read = await clock.time('read', () => cells(tile.extent, { onProgress: stderrProgress(`${label} read`) }));
    if (!read.ok) return read;
    const estimated = estimateCohorts(tileDataset(light, tile, read.value), population.estimatedShares ?? {}).dataset;
    const tilePrepared = await clock.time('prepare', () => prepareDataset(estimated, {}, prepared.projection));
    const figures = await clock.time('coverage', () => computeServiceFigures(tilePrepared, request.service, request.radiusMetres));
    merger.add(tile, tilePrepared, figures);
    writeStderr(
      `[tile] ${k + 1}/${tiles.length} county ${tile.code || '—'}: ${tile.townships.length} townships, ${read.value.lon.length.toLocaleString('en')} cells / ` +
        `第 ${k + 1}/${tiles.length} 块（县 ${tile.code || '—'}）：${tile.townships.length} 个乡镇，${read.value.lon.length.toLocaleString('en')} 个人口格\n`,
    );
  }
  const figures = merger.result();
  return ok({ prepared, analysis: { ...request, figures, coverageRequest: figures.request, coverage: figures.coverage }, results });
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
