// The analysis: the panel's service and reach → one `analyse` call in the interactive worker →
// choropleth, discs, uncovered-cell raster, legend and table. A newer reach cancels the stale
// request in the worker; its result, if it still arrives, is dropped (the client's `latest`).
// Gap polygons are slow to clip: the background worker draws them once the reach has settled, for
// what is on screen (again when a pan or zoom leaves that part), from the coverage already computed.
import type { Reach } from '../../core/coverage/coverage-types.ts';
import { analysisKey, analysisRequest, analysisView, reachMetres, type AnalysisView } from '../analysis/analysis-view.ts';
import type { ReachAnalysisReply } from '../../../workers/protocol.ts';
import { defaultReachMetres } from '../../core/analysis/service-catalog.ts';
import { appCatalog } from '../analysis/app-catalog.ts';
import { METRICS } from '../analysis/township-metrics.ts';
import { withFailedRules } from '../../core/analysis/compute-metric-table.ts';
import { yieldToBrowser } from '../dom/yield-to-browser.ts';
import { t } from '../i18n/app-language.ts';
import { classify } from '../map/classify-values.ts';
import { CellCanvas } from '../map/cell-canvas.ts';
import { formatMetricValue } from '../panels/format-metric.ts';
import type { AnalysisSettings } from '../session/session-state.ts';
import type { AppContext } from './app-context.ts';
import type { DatasetController } from './dataset-controller.ts';
import { boundingBoxContains, padBoundingBox, type BoundingBox } from '../../core/geometry/bounding-box.ts';

/** How long the reach must stay put before the gap polygons are clipped. */
const GAP_DELAY_MS = 400;

export class AnalysisController {
  /** The uncovered cells' raster (kept while the dataset's cells are the same), and the map key it was last shown under. */
  private readonly uncoveredCells = new CellCanvas([200, 30, 30]);
  private uncoveredKey: string | null = null;
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  /** The analysis key the gaps were last asked for, and the key and box of those on the map. */
  private gapsKey: string | null = null;
  private gapsShown: { key: string; bbox: BoundingBox } | null = null;
  /** Told after an analysis is painted (the township detail follows it). */
  onPainted: () => void = () => undefined;

  constructor(
    private readonly context: AppContext,
    private readonly dataset: DatasetController,
  ) {
    context.views.map.map.on('moveend', () => this.viewMoved());
  }

  /** The reach the session holds for a service (its last one, else the catalog's default). */
  reachFor(service: string): Reach {
    const { analysis, reachByService } = this.context.state.session;
    if (service === analysis.service) return analysis.reach;
    return reachByService[service] ?? { kind: 'distance', metres: defaultReachMetres(service, appCatalog()) };
  }

  /** A change from the panel: a new service or reach recomputes; a new metric, classes or palette repaint. */
  update(change: Partial<AnalysisSettings>): void {
    const { state, views, ready } = this.context;
    const session = state.session;
    if (change.service && change.service !== session.analysis.service) change.reach = this.reachFor(change.service);
    const recompute =
      (change.service !== undefined && change.service !== session.analysis.service) ||
      (change.reach !== undefined && JSON.stringify(change.reach) !== JSON.stringify(session.analysis.reach));
    session.analysis = { ...session.analysis, ...change };
    session.reachByService[session.analysis.service] = session.analysis.reach;
    if (change.service) views.analysisPanel.update(session.analysis);
    this.context.save();
    if (recompute) void this.run('change');
    else {
      this.paintChoropleth();
      void views.map.whenIdle().then(() => ready.repainted());
    }
  }

  async run(reason: 'load' | 'change'): Promise<void> {
    const { state, views, ready, interactive } = this.context;
    const dataset = state.dataset;
    if (!dataset) return;
    const started = performance.now();
    ready.analysisStarted(reason);
    this.cancelGaps();
    const { service, reach } = state.session.analysis;
    const request = analysisRequest(service, reach);
    views.map.setFacilityTypes([service]);
    views.progress.show('progress.analysing', 0);
    // Progress arrives on its own message channel and may trail the result: once the result is
    // here, a late progress message must not show the bar again.
    let answered = false;
    try {
      const outcome = await interactive.latest('analysis', (api, id, progress) => api.analyse(request, id, progress), (fraction, label) => {
        if (!answered) views.progress.show('progress.analysing', fraction, label);
      });
      answered = true;
      if (outcome.cancelled || state.dataset !== dataset) return;
      await this.show(service, outcome.value, reason, started);
    } catch (error) {
      this.clearFigures();
      this.context.fail(error);
    }
  }

  /**
   * Paints an analysis reply (from `run`, or a what-if edit's one round trip): choropleth, reach
   * (discs or isochrone), table, uncovered cells; then the gaps are scheduled. `drawReach` draws the
   * reach in place of the reply's discs text (a what-if edit changes the discs by a diff), given
   * the map key of this analysis.
   */
  async show(service: string, reply: ReachAnalysisReply, reason: 'load' | 'change', started: number, drawReach?: (key: string) => void): Promise<void> {
    const { state, views, ready } = this.context;
    const dataset = state.dataset;
    if (!dataset) return;
    this.cancelGaps();
    const computed = performance.now();
    const view = analysisView(service, reply);
    state.analysis = view;
    const key = analysisKey(service, view.reach, dataset.generation);
    this.paintChoropleth();
    if (drawReach) drawReach(key);
    else if (view.analysis.discsJson) views.map.setGeoJsonText('coverage', view.analysis.discsJson, key);
    const travel = view.analysis.travel;
    views.analysisPanel.showNetworkReport(travel ? { report: travel.network, access: travel.access } : null);
    await yieldToBrowser();
    if (state.analysis !== view) return;
    this.refreshTable();
    await yieldToBrowser();
    if (state.analysis !== view) return;
    const cellsStarted = performance.now();
    await this.paintUncoveredCells(view, key);
    // Measured for bench:siting-browser (the table's too, in refreshTable).
    performance.measure('gapmap:uncovered-cells', { start: cellsStarted });
    this.onPainted();
    views.progress.hide();
    const painted = performance.now();
    await views.map.whenIdle();
    if (state.analysis !== view) return;
    const idle = performance.now();
    ready.analysisPainted(reason, { startedAt: started, total: idle - started, worker: computed - started, paint: painted - computed, mapIdle: idle - painted }, view);
    this.dataset.firstPainted();
    this.scheduleGaps(view, key);
  }

  /**
   * A failed analysis leaves no figure of the previous one on screen under the new service's name:
   * the table keeps only the names, the townships go grey, the legend, reach discs and gaps empty.
   */
  private clearFigures(): void {
    const { state, views } = this.context;
    state.analysis = null;
    this.cancelGaps();
    const summary = state.dataset?.summary;
    views.table.setData(null, summary ? { townships: summary.townships, counties: summary.counties } : undefined);
    views.map.setTownshipColors(new Array<string>(summary?.townships.length ?? 0).fill('#d9d9d9'));
    views.legend.render(null);
    this.clearReachLayers();
  }

  /** The reach (discs or isochrone) and the gap polygons off the map. */
  private clearReachLayers(): void {
    const { state, views } = this.context;
    this.gapsShown = null;
    const empty = JSON.stringify({ type: 'FeatureCollection', features: [] });
    const key = `cleared|${state.dataset?.generation ?? 0}|${Date.now()}`;
    views.map.setGeoJsonText('coverage', empty, key);
    views.map.setGeoJsonText('gaps', empty, key);
  }

  /** Another dataset replaced the one on the map: its gaps (asked or drawn) and reach go until the new analysis draws its own. */
  datasetReplaced(): void {
    this.cancelGaps();
    this.clearReachLayers();
  }

  /** The planner cancelled: the worker stops, the map keeps what it shows. */
  cancel(): void {
    this.context.interactive.cancelChannel('analysis');
    this.cancelGaps();
  }

  private cancelGaps(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
    this.gapsKey = null;
    this.context.background.cancelChannel('gaps');
  }

  private scheduleGaps(view: AnalysisView, key: string): void {
    this.cancelGaps();
    this.gapsKey = key;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      void this.runGaps(view, key);
    }, GAP_DELAY_MS);
  }

  /** What is on screen, with half a screen around it (a small pan needs no new gaps). */
  private gapBox(): BoundingBox {
    const bounds = this.context.views.map.map.getBounds();
    return padBoundingBox([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], 0.5);
  }

  /** After a pan or zoom: the gaps follow when the screen leaves the part they were drawn for. */
  private viewMoved(): void {
    const view = this.context.state.analysis;
    const shown = this.gapsShown;
    if (!view || !shown || shown.key !== this.gapsKey || this.gapTimer) return;
    const bounds = this.context.views.map.map.getBounds();
    if (boundingBoxContains(shown.bbox, [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()])) return;
    this.scheduleGaps(view, shown.key);
  }

  private async runGaps(view: AnalysisView, key: string): Promise<void> {
    const { state, views, ready, background } = this.context;
    try {
      if (!(await this.dataset.backgroundReady())) return;
      // a travel time's gaps are the part beyond the minutes, on the travel-time grid (core/network/generate-travel-time-gaps.ts)
      const request = view.analysis.request;
      // Only what is on screen, from the coverage already on screen (the worker checks it is the same).
      const bbox = this.gapBox();
      const outcome = await background.latest('gaps', (api, id) => api.computeGaps(request, id, undefined, { coverage: view.analysis.coverage, bbox }));
      if (outcome.cancelled || state.analysis !== view) return;
      this.gapsShown = { key, bbox };
      views.map.setGeoJsonText('gaps', outcome.value.geojson, `${key}|${bbox.join(',')}`);
      await views.map.whenIdle();
      ready.gapsPainted(outcome.value.featureCount, outcome.value.uncoveredPopulation);
    } catch (error) {
      this.context.fail(error);
    }
  }

  /**
   * Populated cells no facility reaches, as a raster (the analysis lists them). The raster is kept
   * per dataset: only the cells that entered or left the list are drawn again (a what-if edit
   * changes a few), and the map's texture is sent again only when any did.
   */
  private async paintUncoveredCells(view: AnalysisView, key: string): Promise<void> {
    const cells = await this.dataset.populationCells();
    // Two cells a pixel: a quarter of the texture to upload on every radius change.
    const shown = this.uncoveredCells.show(cells, 2 * (this.context.state.dataset?.summary.cellSizeMetres ?? 250), view.analysis.uncoveredCells);
    const { map } = this.context.views;
    if (!shown || (!shown.changed && map.sourceKey('gap-cells-image') === this.uncoveredKey)) return;
    this.uncoveredKey = key;
    map.setImageLayer('gap-cells-image', this.uncoveredCells.canvas, shown.frame.coordinates, key);
  }

  paintChoropleth(): void {
    const { state, views } = this.context;
    const view = state.analysis;
    if (!view) return;
    const settings = state.session.analysis;
    const metric = METRICS.find((candidate) => candidate.id === settings.metric)!;
    const values = view.townships[metric.id];
    const classification = classify(values, settings.classification, settings.palette);
    const colors: string[] = [];
    for (let i = 0; i < values.length; i++) {
      const cls = classification.classOf(values[i]);
      colors.push(cls < 0 ? '#d9d9d9' : classification.colors[cls]);
    }
    views.map.setTownshipColors(colors);
    views.legend.render({ metric, serviceType: view.service, reach: view.reach, classification, facilityTypes: [view.service] });
  }

  refreshTable(): void {
    const { state, views } = this.context;
    const started = performance.now();
    const table = state.analysis?.table ?? null;
    views.table.setData(table && state.failedRules ? withFailedRules(table, state.failedRules) : table);
    performance.measure('gapmap:table', { start: started });
  }

  /** The map tooltip's line for a township: the coloured metric's value. */
  tooltipLine(index: number): string {
    const { state } = this.context;
    if (!state.analysis) return '';
    const metric = METRICS.find((candidate) => candidate.id === state.session.analysis.metric)!;
    return `${t(metric.label)}: ${formatMetricValue(metric.format, state.analysis.townships[metric.id][index])}`;
  }

  /** For file names: "1000m". */
  reachLabel(): string {
    const reach = this.context.state.session.analysis.reach;
    return reach.kind === 'distance' ? `${reachMetres(reach)}m` : `${reach.minutes}min-${reach.mode}`;
  }
}
