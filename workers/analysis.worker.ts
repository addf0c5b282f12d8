// The analysis worker is a registry of core functions (placemark-style): it holds the prepared
// dataset and runs the engine on it. `AnalysisApi = typeof api` is the protocol (re-exported with
// its message shapes by protocol.ts). Long calls take a request id (for `cancel`) and a progress
// callback (a Comlink proxy); results go back with their typed arrays on the transfer list.
import * as Comlink from 'comlink';
import { prepareDataset, type PreparedDataset } from '../src/core/prepare/prepare-dataset.ts';
import type { CoverageRequest, CoverageResult } from '../src/core/coverage/coverage-types.ts';
import type { BoundingBox } from '../src/core/geometry/bounding-box.ts';
import { collectGaps, computeGaps } from '../src/core/coverage/compute-gaps.ts';
import { discsOfFittingCoverage } from '../src/core/coverage/coverage-fits.ts';
import { analyseReach, type ReachAnalysisRequest } from '../src/core/reach/analyse-reach.ts';
import { evaluateRules } from '../src/core/rules/evaluate-rules.ts';
import { importLayer } from '../src/core/import/import-layer.ts';
import type { Rule } from '../src/core/rules/rule-types.ts';
import { CancelledError, type Dataset, type Result, type RunOptions } from '../src/core/types.ts';
import { copyForTransfer } from './copy-for-transfer.ts';
import { throttleProgress } from './throttle-progress.ts';
import { datasetMapLayers, describeDataset, type DatasetSummary } from '../src/core/dataset/describe-dataset.ts';
import { applyImports, EMPTY_DATASET, type AcceptedImport, type ImportLayerData } from '../src/core/dataset/apply-imports.ts';
import { catalogOfImports } from '../src/core/analysis/map-facility-types.ts';
import { referencePointsOf, referencePolygonsOf } from '../src/core/dataset/reference-points.ts';
import { fetchDemoDataset } from './fetch-demo-dataset.ts';
import type { ExportRequest, GapMapsRequest } from './export-files.ts';
import { readStoredLayer, resolveImports, storeLayer } from './stored-imports.ts';
import { holdImport, releaseHeld, takeHeldFeatures } from './hold-import.ts';
import { importPopulationRaster, isGeoTiff } from '../src/core/raster/import-population-raster.ts';
import { createSitingApi } from './siting-api.ts';
import { buildMetricTable, failedRulesByUnit } from '../src/core/analysis/compute-metric-table.ts';
import { serviceFiguresOf } from '../src/core/analysis/compute-service-figures.ts';
import { BUILT_IN_SERVICES, serviceDefinition, type ServiceCatalog } from '../src/core/analysis/service-catalog.ts';
import type { ReachAnalysis } from '../src/core/reach/analyse-reach.ts';
import { createTravelApi } from './travel-api.ts';
import type { GapPolygonsReply, MapLayerTexts, Outcome, PopulationCellsReply, ProgressListener as Progress, ReachAnalysisReply, ReviewedLayer, RulesReply } from './protocol.ts';
import { facilityMapIds } from '../src/core/what-if/facility-map-ids.ts';
import { isochroneOf, travelModeNetworkOf, travelModeOfReach, travelTimesOf } from '../src/core/network/travel-time-coverage-of-dataset.ts';
import type { IsochroneFeature } from '../src/core/network/trace-isochrones.ts';

let prepared: PreparedDataset | null = null;
/** The services of the loaded dataset: the built-in catalog plus the planner's own (type mapping). */
let catalog: ServiceCatalog = BUILT_IN_SERVICES;
const controllers = new Map<number, AbortController>();

function requirePrepared(): PreparedDataset {
  if (!prepared) throw new Error('no dataset loaded');
  return prepared;
}

/** Runs `work` with a signal that `cancel(requestId)` aborts; cancellation comes back as a value. */
async function withRun<T>(requestId: number, onProgress: Progress | undefined, work: (run: RunOptions) => T | Promise<T>): Promise<Outcome<T>> {
  const controller = new AbortController();
  controllers.set(requestId, controller);
  try {
    // Yield once so a cancel that is already queued behind this call is seen before the work starts.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (controller.signal.aborted) return { cancelled: true };
    const value = await work({ signal: controller.signal, onProgress: throttleProgress(onProgress) });
    return { cancelled: false, value };
  } catch (error) {
    if (error instanceof CancelledError || controller.signal.aborted) return { cancelled: true };
    throw error;
  } finally {
    controllers.delete(requestId);
  }
}

function transferred<T>(value: T): T {
  const { value: copy, transfer } = copyForTransfer(value);
  return Comlink.transfer(copy, transfer);
}

function load(dataset: Dataset): DatasetSummary {
  prepared = prepareDataset(dataset);
  return describeDataset(dataset);
}

type LayerFiles = { name: string; bytes: ArrayBuffer | Uint8Array }[];

/** The metric table of an analysis (core/analysis): what the app's table shows, as the CLI writes it. Failed rules come with the rules. */
function metricTableOf(current: PreparedDataset, analysis: ReachAnalysis) {
  // The app analyses one service at a time: its type is the filter's.
  const service = serviceDefinition(analysis.request.filter.types?.[0] ?? '', catalog);
  const metres = analysis.request.reach.kind === 'distance' ? analysis.request.reach.metres : NaN;
  const figures = serviceFiguresOf(current, service, { request: analysis.request, coverage: analysis.coverage, nearest: analysis.nearest, twoStepFca: analysis.twoStep });
  return buildMetricTable(current, service, metres, figures, []);
}



/**
 * `analyse`'s reply on `current`: the analysis with its metric table, and the discs (a travel time:
 * its isochrone) as GeoJSON text, each disc with its facility's map id (what-if edits change them by id).
 */
function analysisReply(current: PreparedDataset, request: ReachAnalysisRequest, run: RunOptions): ReachAnalysisReply {
  const result = analyseReach(current, request, run);
  const { discs, travel, ...analysis } = result;
  if (discs) {
    const ids = facilityMapIds(current);
    for (const feature of discs.features) feature.id = ids.idOf(current.dataset.facilities[feature.properties.facility]);
  }
  const table = metricTableOf(current, result);
  if (!travel) return { ...analysis, discsJson: discs ? JSON.stringify(discs) : null, table };
  // A travel time draws its isochrone where a distance draws the discs; without them (a what-if
  // edit's answer) it is not traced here: the page asks for it after painting (reachOutline).
  const { nearestTime, catchments, network, access } = travel;
  if (request.discs === false) return { ...analysis, travel: { nearestTime, catchments, network, access }, discsJson: null, table };
  return { ...analysis, travel: { nearestTime, catchments, network, access, isochrone: travel.isochrone }, discsJson: JSON.stringify(isochroneCollection(travel.isochrone)), table };
}

/** A travel time's isochrone as the map's reach source (one feature, id 0). */
function isochroneCollection(isochrone: IsochroneFeature) {
  return { type: 'FeatureCollection', features: [{ ...isochrone, id: 0 }] };
}

/** Every rule's result, and the rules each township and county fails (for the metric table). */
function ruleReply(current: PreparedDataset, rules: Rule[], run: RunOptions): RulesReply {
  const results = evaluateRules(current, rules, run);
  return { results, failedRules: failedRulesByUnit(current, results) };
}

/** The boundaries as the offset check's polygon reference, once per dataset (the check indexes them once per array). */
const referencePolygonsCache = new WeakMap<PreparedDataset, number[][][][]>();
function polygonsOf(current: PreparedDataset): number[][][][] {
  let polygons = referencePolygonsCache.get(current);
  if (!polygons) referencePolygonsCache.set(current, (polygons = referencePolygonsOf(current.dataset)));
  return polygons;
}

const api = {
  /** Starts fetching and parsing the demo files (the page calls this before its own code has loaded). */
  preloadDemo(urls: Record<string, string>): void {
    void fetchDemoDataset(urls).catch(() => undefined);
  },
  /** Replaces/adds imported layers on top of the demo (urls) or of an empty project (null); on failure the loaded dataset stays. */
  async loadWithImports(urls: Record<string, string> | null, imports: AcceptedImport[]): Promise<Result<DatasetSummary>> {
    const base = urls ? await fetchDemoDataset(urls) : EMPTY_DATASET;
    const resolved = await resolveImports(imports);
    if (!resolved.ok) return resolved;
    if (!base) return { ok: false, error: { code: 'no-dataset', message: { zh: '没有可用的数据集', en: 'No dataset loaded' } } };
    const combined = applyImports(base, resolved.value);
    if (!combined.ok) return combined;
    try {
      const summary = load(combined.value);
      catalog = catalogOfImports(imports);
      return { ok: true, value: summary };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'prepare-failed', message: { zh: `数据无法用于分析：${message}`, en: `The data cannot be analysed: ${message}` } } };
    }
  },
  /** The layers as GeoJSON text: the main thread hands it to MapLibre as a blob URL without parsing it. */
  mapLayers(): MapLayerTexts {
    const layers = datasetMapLayers(requirePrepared().dataset);
    return {
      townships: JSON.stringify(layers.townships),
      counties: JSON.stringify(layers.counties),
      areas: JSON.stringify(layers.areas),
      facilities: JSON.stringify(layers.facilities),
      places: JSON.stringify(layers.places),
    };
  },
  /** Population cells for the rasters: position, head count, and the township holding each (−1 outside). */
  populationCells(): PopulationCellsReply {
    const current = requirePrepared();
    const { lon, lat, population } = current.dataset.population;
    return transferred({ lon, lat, population, township: current.cellTownship });
  },
  /** One analysis of one service at one reach: coverage, uncovered cells, nearest distances, 2SFCA and the discs (core/reach/analyse-reach.ts). */
  analyse(request: ReachAnalysisRequest, requestId: number, onProgress?: Progress): Promise<Outcome<ReachAnalysisReply>> {
    return withRun(requestId, onProgress, (run) => transferred(analysisReply(requirePrepared(), request, run)));
  },
  /**
   * The uncovered part of the townships in `bbox` (all without one) as polygons: slow to clip, so the
   * page asks once the reach has settled, for what is on screen. `coverage` is the interactive
   * worker's answer for the same request: used when it is of the same facilities and reach here
   * (no second coverage pass), computed again otherwise (e.g. a scenario not yet shown here).
   */
  computeGaps(request: CoverageRequest, requestId: number, onProgress?: Progress, given: { coverage?: CoverageResult; bbox?: BoundingBox } = {}): Promise<Outcome<GapPolygonsReply>> {
    return withRun(requestId, onProgress, (run) => {
      const current = requirePrepared();
      const selection = given.bbox ? { bbox: given.bbox } : {};
      const discs = given.coverage ? discsOfFittingCoverage(current, request, given.coverage) : null;
      const gaps = discs ? collectGaps(current, request, given.coverage!, selection, run, discs) : computeGaps(current, request, run, selection);
      const features = gaps.townships.features;
      return transferred({
        geojson: JSON.stringify(gaps.townships),
        featureCount: features.length,
        uncoveredPopulation: features.reduce((sum, feature) => sum + feature.properties.uncovered_population, 0),
      });
    });
  },
  /**
   * The outline of a travel-time reach on the data on show (its isochrone, GeoJSON text), traced
   * from the kept search: what a what-if edit's answer leaves out to send the figures sooner.
   */
  reachOutline(request: ReachAnalysisRequest): string | null {
    const current = requirePrepared();
    if (request.reach.kind !== 'travel-time') return null;
    const mode = travelModeOfReach(request.reach);
    const isochrone = isochroneOf(current, travelModeNetworkOf(current, mode), travelTimesOf(current, request.filter, mode), request.reach.minutes);
    return JSON.stringify(isochroneCollection(isochrone));
  },
  /** Every rule's result, and the rules each township and county fails (for the metric table). */
  evaluateRules(rules: Rule[], requestId: number, onProgress?: Progress): Promise<Outcome<RulesReply>> {
    return withRun(requestId, onProgress, (run) => ruleReply(requirePrepared(), rules, run));
  },
  /** importLayer for the import dialog: the worker keeps a large layer and sends its report and a preview sample (see hold-import.ts). */
  async reviewImport(files: LayerFiles, options?: Parameters<typeof importLayer>[1], onProgress?: Progress): Promise<Result<ReviewedLayer>> {
    const bytes = files.map((file) => ({ name: file.name, bytes: file.bytes instanceof Uint8Array ? file.bytes : new Uint8Array(file.bytes) }));
    if (bytes.length === 1 && isGeoTiff(bytes[0])) {
      // A population raster (WorldPop, GHS-POP): its populated cells, under the data already loaded, as population points.
      const raster = await importPopulationRaster(bytes[0], { referenceBBox: options?.referenceBBox, crs: options?.crs }, { onProgress: throttleProgress(onProgress) });
      return raster.ok ? { ok: true, value: holdImport(raster.value) } : raster;
    }
    // The offset check needs the data already loaded: a GCJ-02 layer is recognised whatever its name.
    const referencePoints = options?.referencePoints ?? (prepared ? referencePointsOf(prepared.dataset) : undefined);
    const referencePolygons = options?.referencePolygons ?? (prepared ? polygonsOf(prepared) : undefined);
    const reference = { ...(referencePoints?.length ? { referencePoints } : {}), ...(referencePolygons?.length ? { referencePolygons } : {}) };
    const result = await importLayer(bytes, { ...options, ...reference }, { onProgress: throttleProgress(onProgress) });
    return result.ok ? { ok: true, value: holdImport(result.value) } : result;
  },
  /**
   * Accepts a held (large) import without sending it to the page: the worker stores the layer in
   * IndexedDB and returns its key for the session; undefined if it was no longer held.
   */
  async storeHeldImport(heldId: number, meta: Pick<ImportLayerData, 'fileName' | 'fields'>): Promise<string | undefined> {
    const features = takeHeldFeatures(heldId);
    return features ? storeLayer({ ...meta, features }) : undefined;
  },
  /** A stored layer, inline (for a session file). */
  readStoredLayer(key: string) {
    return readStoredLayer(key);
  },
  releaseHeld(heldId: number): void {
    releaseHeld(heldId);
  },
  /** Export files (tables, GeoJSON, Shapefiles, the PDF report) from the core's metric table (export-files.ts). */
  exportFiles(request: ExportRequest, requestId: number, onProgress?: Progress) {
    return withRun(requestId, onProgress, async (run) => {
      // Loaded on first use: the writers (xlsx, zip, pdfmake) stay out of the worker's start-up.
      const { exportFiles } = await import('./export-files.ts');
      const result = await exportFiles(requirePrepared(), request, run);
      return result.ok ? Comlink.transfer(result, [...new Set(result.value.map((file) => file.bytes.buffer as ArrayBuffer))]) : result;
    });
  },
  /** The layers of the report's gap map per service (export-files.ts), drawn by the page off the live map. */
  gapMapLayers(request: GapMapsRequest, requestId: number, onProgress?: Progress) {
    return withRun(requestId, onProgress, async (run) => (await import('./export-files.ts')).gapMapLayers(requirePrepared(), request, run));
  },
  cancel(requestId: number): void {
    controllers.get(requestId)?.abort();
  },
  /** Siting, scenario comparison and what-if scenarios (siting-api.ts). */
  ...createSitingApi({ prepared: requirePrepared, replace: (next) => (prepared = next), withRun, analysisReply, ruleReply, transferred }),
  /** Travel time: a facility's isochrones, catchments, speed tables, warming a mode up (travel-api.ts). */
  ...createTravelApi({ prepared: requirePrepared, replace: (next) => (prepared = next), withRun }),
  /** Test builds only: an uncaught error outside any call, as a real crash would be. */
  crashForTest(): void {
    if (!__GAPMAP_TEST_HOOKS__) return;
    setTimeout(() => {
      throw new Error('analysis worker crashed (test)');
    }, 0);
  },
};

export type AnalysisApi = typeof api;
Comlink.expose(api);
