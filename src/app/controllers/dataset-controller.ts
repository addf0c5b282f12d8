// The dataset: loads the demo plus the session's imports into both workers, shows what was loaded
// (map layers, service list, dataset name, synthetic badge) and paints the population raster.
import type { Result } from '../../core/types.ts';
import type { AcceptedImport, DatasetSummary, PopulationCellsReply } from '../../../workers/protocol.ts';
import { defaultReachMetres } from '../../core/analysis/service-catalog.ts';
import { catalogOfImports } from '../../core/analysis/map-facility-types.ts';
import { appCatalog, setAppCatalog } from '../analysis/app-catalog.ts';
import { demoFileUrls } from '../data/demo-urls.ts';
import { currentLanguage, t } from '../i18n/app-language.ts';
import { LAYER_GROUPS } from '../map/map-style.ts';
import { listProjectLayers } from '../analysis/project-layers.ts';
import { cellFrame, drawCells } from '../map/render-cell-image.ts';
import type { AppContext } from './app-context.ts';

const NOT_LOADED: Result<DatasetSummary> = { ok: false, error: { code: 'not-loaded', message: { zh: '数据尚未载入', en: 'Not loaded yet' } } };

export class DatasetController {
  private cells: Promise<PopulationCellsReply> | null = null;
  private readonly populationCanvas = document.createElement('canvas');
  private backgroundLoaded: Promise<Result<DatasetSummary>> = Promise.resolve(NOT_LOADED);
  private markFirstPaint: () => void = () => undefined;
  private readonly firstPaint = new Promise<void>((resolve) => (this.markFirstPaint = resolve));
  /** Told when a dataset replaces the one on screen (controllers drop what they derived from the old one). */
  onChanged: () => void = () => undefined;

  constructor(private readonly context: AppContext) {}

  /** Loads the session's imports (or, if they fail, the demo alone, with a banner). */
  async load(): Promise<void> {
    const { state, views, ready } = this.context;
    views.progress.show('progress.loading', 0.02);
    const result = await this.loadIntoWorkers(state.session.imports);
    ready.mark('worker-loaded');
    let loaded: DatasetSummary;
    if (!result.ok) {
      views.banner.show('error', t('status.import-restore-failed', { message: result.error.message[currentLanguage()] }));
      state.session.imports = [];
      const demo = await this.loadIntoWorkers([]);
      if (!demo.ok) throw new Error(demo.error.message.en);
      loaded = demo.value;
    } else loaded = result.value;
    await this.show(loaded);
  }

  /** Loads the demo plus `imports` into both workers; on failure both keep the data they had. */
  async loadIntoWorkers(imports: AcceptedImport[]): Promise<Result<DatasetSummary>> {
    const { interactive } = this.context;
    // An empty project starts from nothing: the demo's files are not even fetched.
    const urls = this.context.state.session.project === 'empty' ? null : demoFileUrls();
    const loaded = await interactive.call<Result<DatasetSummary>>((api) => api.loadWithImports(urls, imports));
    if (loaded.ok) await this.applySpeeds(interactive);
    // The background worker loads the same data once the first results are on screen (before
    // that it would only compete for the CPU).
    if (loaded.ok) this.backgroundLoaded = this.firstPaint.then(() => this.loadBackground(urls, imports));
    return loaded;
  }

  private async loadBackground(urls: ReturnType<typeof demoFileUrls> | null, imports: AcceptedImport[]): Promise<Result<DatasetSummary>> {
    const loaded = await this.context.background.call<Result<DatasetSummary>>((api) => api.loadWithImports(urls, imports));
    if (loaded.ok) await this.applySpeeds(this.context.background);
    return loaded;
  }

  /** The session's speed tables, if the planner edited them, to a worker that just loaded the data (without roads it keeps none: nothing to say). */
  private async applySpeeds(worker: AppContext['interactive']): Promise<void> {
    const speeds = this.context.state.session.roadSpeeds;
    if (speeds) await worker.call<Result<true>>((api) => api.setRoadSpeeds(speeds));
  }

  /** After the background worker was replaced: it loads the session's data again. */
  reloadBackground(): void {
    const { state } = this.context;
    const imports = state.session.imports;
    this.backgroundLoaded = this.firstPaint.then(() => this.loadBackground(state.session.project === 'empty' ? null : demoFileUrls(), imports));
  }

  /** Whether the background worker holds the current dataset (waits for it). */
  async backgroundReady(): Promise<boolean> {
    return (await this.backgroundLoaded).ok;
  }

  /** The first analysis is painted: the background worker may start loading. */
  firstPainted(): void {
    this.markFirstPaint();
  }

  async show(summary: DatasetSummary): Promise<void> {
    const { state, views, interactive } = this.context;
    const session = state.session;
    const replaced = state.dataset !== null;
    state.dataset = { summary, generation: (state.dataset?.generation ?? 0) + 1 };
    state.analysis = null;
    state.failedRules = null;
    setAppCatalog(catalogOfImports(session.imports));
    this.cells = null;
    if (replaced) this.onChanged();
    this.showName();
    this.showSyntheticBadge(summary);
    if (!summary.facilityTypes.some((type) => type.type === session.analysis.service) && summary.facilityTypes[0]) {
      const service = summary.facilityTypes[0].type;
      session.analysis.service = service;
      session.analysis.reach = session.reachByService[service] ?? { kind: 'distance', metres: defaultReachMetres(service, appCatalog()) };
    }
    views.analysisPanel.setTypes(summary.facilityTypes);
    views.analysisPanel.update(session.analysis);
    const layers = await interactive.call((api) => api.mapLayers());
    // Asked for now (the worker answers before the rules), used by the first paint.
    this.cells = interactive.call((api) => api.populationCells());
    await views.map.loaded;
    views.map.setDatasetLayers(layers, summary.bbox, summary.townships.length);
    views.map.setFacilityTypes([session.analysis.service]);
    for (const group of LAYER_GROUPS) {
      views.map.setGroupVisibility(group.id, session.layers[group.id].visible);
      views.map.setGroupOpacity(group.id, session.layers[group.id].opacity);
    }
    views.map.setBasemap(session.basemapUrl || null);
    views.layerList.update(session.layers, session.basemapUrl !== '');
    views.dataLayers.update(listProjectLayers(session.imports, summary));
    views.map.setImageLayer('population-image', null, null, 'none');
    views.map.setImageLayer('gap-cells-image', null, null, 'none');
    if (session.layers.population.visible) void this.paintPopulation();
    views.table.setData(null, { townships: summary.townships, counties: summary.counties });
  }

  /** Population cells for the rasters (asked once per dataset). */
  populationCells(): Promise<PopulationCellsReply> {
    return (this.cells ??= this.context.interactive.call((api) => api.populationCells()));
  }

  async paintPopulation(): Promise<void> {
    const dataset = this.context.state.dataset;
    if (!dataset) return;
    const cells = await this.populationCells();
    const frame = cellFrame(cells.lon, cells.lat, dataset.summary.cellSizeMetres);
    if (!frame) return;
    drawCells(this.populationCanvas, frame, { ...cells, weight: cells.population, rgb: [80, 60, 120] });
    this.context.views.map.setImageLayer('population-image', this.populationCanvas, frame.coordinates, `population-${dataset.generation}`);
  }

  /** The badge while a synthetic (demo) layer is in use, naming which; hidden once none is. */
  private showSyntheticBadge(summary: DatasetSummary): void {
    const badge = document.getElementById('synthetic-badge')!;
    const layers = summary.info.syntheticLayers ?? [];
    badge.hidden = !summary.info.synthetic;
    const named = layers.map((layer) => t(`synthetic-layer.${layer}`)).join(t('list.separator'));
    badge.textContent = named ? t('app.synthetic-layers', { layers: named }) : t('app.synthetic');
  }

  /** A bilingual dataset name "中文 / English" shows the current language's side. */
  showName(): void {
    const summary = this.context.state.dataset?.summary;
    if (summary) this.showSyntheticBadge(summary);
    const name = this.context.state.dataset?.summary.info.name ?? '';
    const parts = name.split('/').map((part) => part.trim());
    const element = document.getElementById('dataset-name')!;
    element.textContent = parts.length === 2 ? parts[currentLanguage() === 'zh' ? 0 : 1] : name;
    element.title = element.textContent;
  }
}
