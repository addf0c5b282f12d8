// Wires the app: session → worker (dataset) → analysis and rules → map, legend, table, dashboard.
// Each panel owns its DOM; this file only moves data between them.
import type { RuleResult, RuleSet } from '../core/rules/rule-types.ts';
import type { DatasetSummary } from '../../workers/describe-dataset.ts';
import { AnalysisClient, WorkerCrashedError } from './analysis/analysis-client.ts';
import { AnalysisPipeline, type AnalysisInput, type CoverageStage } from './analysis/analysis-pipeline.ts';
import { defaultReachMetres } from './analysis/service-catalog.ts';
import { METRICS } from './analysis/township-metrics.ts';
import { demoFileUrls } from './data/demo-urls.ts';
import { currentLanguage, setLanguage, t, translateStaticText } from './i18n/app-language.ts';
import { formatNumber } from './i18n/format-number.ts';
import { yieldToBrowser } from './dom/yield-to-browser.ts';
import { classify } from './map/classify-values.ts';
import { LAYER_GROUPS } from './map/map-style.ts';
import { MapView } from './map/map-view.ts';
import { cellFrame, drawCells } from './map/render-cell-image.ts';
import { AnalysisPanel } from './panels/analysis-panel.ts';
import { confirmDialog, settingsDialog } from './panels/dialogs.ts';
import { mountHeaderActions } from './panels/header-actions.ts';
import { LayerList } from './panels/layer-list.ts';
import { Legend } from './panels/legend.ts';
import { MapTooltip } from './panels/map-tooltip.ts';
import { PlanDashboard } from './panels/plan-dashboard.ts';
import { RuleEditor } from './panels/rule-editor.ts';
import { TownshipDetail } from './panels/township-detail.ts';
import { TownshipTable } from './panels/township-table.ts';
import { formatMetricValue } from './panels/format-metric.ts';
import { ProgressIndicator } from './panels/progress-indicator.ts';
import { StatusBanner } from './panels/status-banner.ts';
import { failingSelection, failedRulesPerTownship } from './analysis/rule-selection.ts';
import { ServiceFiguresCache } from './analysis/service-figures.ts';
import { wireImport } from './import/open-import.ts';
import { defaultSession, normaliseSession, type AnalysisSettings, type SessionState } from './session/session-state.ts';
import { clearStoredSession, loadStoredSession, SessionSaver } from './session/session-store.ts';
import { downloadSessionFile, readSessionFile } from './session/session-file.ts';
import { deleteStoredLayers } from '../../workers/stored-imports.ts';
import { ReadySignal } from './ready-signal.ts';
import type { AcceptedImport } from '../../workers/apply-imports.ts';
import type { Result } from '../core/types.ts';

/** Attribute values the rules compare with (data such as 二级), wherever they sit in the rules. */
function conditionValues(value: unknown, inValue = false): string[] {
  if (typeof value === 'string') return inValue ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => conditionValues(item, inValue));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => conditionValues(item, inValue || key === 'value'));
  return [];
}

export interface AppOptions {
  ruleSet: RuleSet;
  createWorker(): Worker;
  /** The interactive worker's client, started by main.ts before the app's code loaded. */
  interactive: AnalysisClient;
}

export async function startApp(options: AppOptions): Promise<void> {
  const ready = new ReadySignal();
  const fallback = defaultSession(options.ruleSet.rules, options.ruleSet.id);
  let session: SessionState = normaliseSession(await loadStoredSession(), fallback) ?? fallback;
  const saver = new SessionSaver();
  saver.onSaved = () => ready.sessionSaved();
  const save = () => saver.schedule(structuredClone(session));
  setLanguage(session.language);

  const banner = new StatusBanner(document.getElementById('status-banner')!);
  const progress = new ProgressIndicator(document.getElementById('progress')!, () => {
    pipeline.cancel();
    progress.hide();
    banner.show('info', t('status.cancelled'));
  });

  let summary: DatasetSummary | null = null;
  let coverageStage: CoverageStage | null = null;
  let ruleResults: RuleResult[] = [];
  let selectedRule: string | null = null;
  let selectedTownship = -1;
  /** Counts loaded datasets: part of every map content key, so new data always repaints. */
  let datasetGeneration = 0;
  type Cells = { lon: Float64Array; lat: Float64Array; population: Float64Array; township: Int32Array };
  let populationCells: Promise<Cells> | null = null;
  const populationCanvas = document.createElement('canvas');
  const gapCellsCanvas = document.createElement('canvas');

  const onCrash = (message: string) => {
    progress.hide();
    banner.show('error', t('status.worker-crashed', { message }), { label: t('status.retry'), run: () => void recoverWorker() });
    ready.workerCrashed();
  };
  // Two workers: the interactive one (coverage, distances, rules) and a background one (gap
  // polygons, every-service figures for the detail), so slow work never delays the next radius.
  const client = options.interactive;
  client.onCrash = onCrash;
  const background = new AnalysisClient(options.createWorker);
  background.onCrash = onCrash;
  const pipeline = new AnalysisPipeline(client, background);
  const figures = new ServiceFiguresCache(background);
  let markFirstPaint: () => void = () => undefined;
  const firstPaint = new Promise<void>((resolve) => (markFirstPaint = resolve));
  let backgroundLoaded: Promise<Result<DatasetSummary>> = Promise.resolve({ ok: false, error: { code: 'not-loaded', message: { zh: '', en: '' } } });

  // ---- panels ----
  const map = new MapView(document.getElementById('map')!, {
    onHover: (target, point) => tooltip.show(target, point, townshipTooltipLine),
    onTownshipClick: (index) => selectTownship(index, false),
  });
  const tooltip = new MapTooltip(document.getElementById('map-tooltip')!);
  const analysisPanel = new AnalysisPanel(session.analysis, (change) => updateAnalysis(change));
  const layerList = new LayerList(session.layers, (group, value) => {
    session.layers[group] = value;
    map.setGroupVisibility(group, value.visible);
    map.setGroupOpacity(group, value.opacity);
    if (group === 'population' && value.visible) void paintPopulation();
    save();
  });
  const legend = new Legend();
  const leftPanel = document.getElementById('left-panel')!;
  leftPanel.append(analysisPanel.element, legend.element, layerList.element);
  const dashboard = new PlanDashboard({
    onSelectRule: (ruleId) => selectRule(ruleId),
    onEditRule: (rule) => ruleEditor.open(editorContext(), rule),
    onAddRule: () => ruleEditor.open(editorContext(), null),
    onResetRules: () => void resetRules(),
  });
  document.getElementById('right-panel')!.append(dashboard.element);
  const ruleEditor = new RuleEditor(
    document.body,
    (rule, isNew) => {
      session.rules = isNew ? [...session.rules, rule] : session.rules.map((candidate) => (candidate.id === rule.id ? rule : candidate));
      save();
      void runRules();
    },
    (ruleId) => {
      session.rules = session.rules.filter((rule) => rule.id !== ruleId);
      if (selectedRule === ruleId) selectRule(null);
      save();
      void runRules();
    },
  );
  const table = new TownshipTable(
    (index) => selectTownship(index, true),
    () => selectRule(null),
  );
  document.getElementById('table-panel')!.append(table.element);
  const detail = new TownshipDetail(document.getElementById('detail-panel')!, () => selectTownship(-1, false));

  mountHeaderActions(document.getElementById('header-actions')!, {
    onToggleLanguage: () => {
      session.language = currentLanguage() === 'zh' ? 'en' : 'zh';
      setLanguage(session.language);
      repaintText();
      save();
    },
    onImport: () => void importer.pickFiles(),
    onSaveSession: () => void saveSessionFile(),
    onLoadSession: (file) => void loadSessionFile(file),
    onNewSession: () => void newSession(),
    onSettings: () =>
      settingsDialog(session.basemapUrl, (url) => {
        session.basemapUrl = url;
        session.layers.basemap = { visible: url !== '', opacity: session.layers.basemap.opacity };
        map.setBasemap(url || null);
        layerList.update(session.layers, url !== '');
        save();
      }),
    onExportPng: () => exportPng(),
  });
  translateStaticText();
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && detail.openIndex >= 0 && !document.querySelector('dialog[open]')) selectTownship(-1, false);
  });

  function editorContext() {
    return { facilityTypes: summary?.facilityTypes.map((type) => type.type) ?? [], placeKinds: summary?.placeKinds.map((kind) => kind.kind) ?? [] };
  }

  function townshipTooltipLine(index: number): string {
    if (!coverageStage || !summary) return '';
    const metric = METRICS.find((candidate) => candidate.id === session.analysis.metric)!;
    return `${t(metric.label)}: ${formatMetricValue(metric.format, coverageStage.townships[metric.id][index])}`;
  }

  // ---- dataset ----
  async function loadDataset(): Promise<boolean> {
    progress.show(t('progress.loading'), 0.02);
    const result = await loadIntoWorkers(session.imports);
    ready.mark('worker-loaded');
    let loaded: DatasetSummary;
    if (!result.ok) {
      banner.show('error', t('status.import-restore-failed', { message: result.error.message[currentLanguage()] }));
      session.imports = [];
      const demo = await loadIntoWorkers([]);
      if (!demo.ok) throw new Error(demo.error.message.en);
      loaded = demo.value;
    } else loaded = result.value;
    await applySummary(loaded);
    return true;
  }

  /** Loads the demo plus imports into both workers (in parallel); the first's summary describes them. */
  async function loadIntoWorkers(imports: AcceptedImport[]): Promise<Result<DatasetSummary>> {
    const loaded = await client.call<Result<DatasetSummary>>((api) => api.loadWithImports(demoFileUrls(), imports));
    // The background worker loads the same data once the first results are on screen (it would
    // only compete for the CPU before that).
    // A failed load leaves both workers on the data they had.
    if (loaded.ok) backgroundLoaded = firstPaint.then(() => background.call<Result<DatasetSummary>>((api) => api.loadWithImports(demoFileUrls(), imports)));
    return loaded;
  }

  async function applySummary(next: DatasetSummary): Promise<void> {
    summary = next;
    datasetGeneration++;
    pipeline.reset();
    figures.reset();
    populationCells = null;
    showDatasetName();
    document.getElementById('synthetic-badge')!.hidden = !next.info.synthetic;
    if (!next.facilityTypes.some((type) => type.type === session.analysis.service) && next.facilityTypes[0]) {
      session.analysis.service = next.facilityTypes[0].type;
      session.analysis.metres = session.reachByService[session.analysis.service] ?? defaultReachMetres(session.analysis.service);
    }
    analysisPanel.setTypes(next.facilityTypes);
    analysisPanel.update(session.analysis);
    const layers = await client.call((api) => api.mapLayers());
    // Asked for now (the worker answers before the rules), used by the first paint.
    populationCells = client.call((api) => api.populationCells());
    await map.loaded;
    map.setDatasetLayers(layers, next.bbox, next.townships.length);
    map.setFacilityTypes([session.analysis.service]);
    for (const group of LAYER_GROUPS) {
      map.setGroupVisibility(group.id, session.layers[group.id].visible);
      map.setGroupOpacity(group.id, session.layers[group.id].opacity);
    }
    map.setBasemap(session.basemapUrl || null);
    layerList.update(session.layers, session.basemapUrl !== '');
    map.setImageLayer('population-image', null, null, 'none');
    map.setImageLayer('gap-cells-image', null, null, 'none');
    if (session.layers.population.visible) void paintPopulation();
    table.setData(next.townships, null, new Int32Array(next.townships.length));
  }

  async function paintPopulation(): Promise<void> {
    if (!summary) return;
    populationCells ??= client.call((api) => api.populationCells());
    const cells = await populationCells;
    const frame = cellFrame(cells.lon, cells.lat, summary.cellSizeMetres);
    if (!frame) return;
    drawCells(populationCanvas, frame, { ...cells, weight: cells.population, rgb: [80, 60, 120] });
    map.setImageLayer('population-image', populationCanvas, frame.coordinates, `population-${datasetGeneration}`);
  }

  // ---- analysis ----
  function hasCapacity(service: string): boolean {
    return (summary?.facilityTypes.find((type) => type.type === service)?.withCapacity ?? 0) > 0;
  }

  function updateAnalysis(change: Partial<AnalysisSettings>): void {
    if (change.service && change.service !== session.analysis.service) {
      session.reachByService[session.analysis.service] = session.analysis.metres;
      change.metres = session.reachByService[change.service] ?? defaultReachMetres(change.service);
    }
    const recompute = change.service !== undefined || (change.metres !== undefined && change.metres !== session.analysis.metres);
    session.analysis = { ...session.analysis, ...change };
    session.reachByService[session.analysis.service] = session.analysis.metres;
    if (change.service) analysisPanel.update(session.analysis);
    save();
    if (recompute) void runAnalysis('change');
    else {
      paintChoropleth();
      void map.whenIdle().then(() => ready.repainted());
    }
  }

  async function runAnalysis(reason: 'load' | 'change'): Promise<void> {
    if (!summary) return;
    const started = performance.now();
    ready.analysisStarted(reason);
    if (gapTimer) clearTimeout(gapTimer);
    pipeline.cancelGaps();
    const input = { service: session.analysis.service, metres: session.analysis.metres, hasCapacity: hasCapacity(session.analysis.service) };
    map.setFacilityTypes([input.service]);
    progress.show(t('progress.analysing'), 0);
    try {
      const stage = await pipeline.run(input, (fraction, label) => progress.show(t('progress.analysing'), fraction, label));
      if (!stage) return;
      const computed = performance.now();
      coverageStage = stage;
      const key = `${input.service}|${input.metres}|${datasetGeneration}`;
      paintChoropleth();
      map.setGeoJsonText('coverage', stage.discsJson, key);
      await yieldToBrowser();
      if (coverageStage !== stage) return;
      refreshTable();
      await yieldToBrowser();
      if (coverageStage !== stage) return;
      await paintUncoveredCells(stage, key);
      if (detail.openIndex >= 0) void renderDetail(detail.openIndex);
      progress.hide();
      const painted = performance.now();
      await map.whenIdle();
      if (coverageStage !== stage) return;
      const idle = performance.now();
      ready.analysisPainted(reason, { startedAt: started, total: idle - started, worker: computed - started, paint: painted - computed, mapIdle: idle - painted }, stage);
      markFirstPaint();
      scheduleGaps(input, key);
    } catch (error) {
      handleError(error);
    }
  }

  /** Gap polygons are slow to clip: start them once the reach has stayed put for a moment. */
  let gapTimer: ReturnType<typeof setTimeout> | null = null;
  function scheduleGaps(input: AnalysisInput, key: string): void {
    if (gapTimer) clearTimeout(gapTimer);
    pipeline.cancelGaps();
    gapTimer = setTimeout(() => void runGaps(input, key), 400);
  }

  async function runGaps(input: AnalysisInput, key: string): Promise<void> {
    try {
      const loaded = await backgroundLoaded;
      if (!loaded.ok) return;
      const gaps = await pipeline.runGaps(input);
      if (!gaps) return;
      map.setGeoJsonText('gaps', gaps.gapsJson, key);
      await map.whenIdle();
      ready.gapsPainted(gaps.gapFeatureCount, gaps.uncoveredPopulation);
    } catch (error) {
      handleError(error);
    }
  }

  /** Populated cells no facility reaches, as a raster (from the coverage's per-cell flags). */
  async function paintUncoveredCells(stage: CoverageStage, key: string): Promise<void> {
    populationCells ??= client.call((api) => api.populationCells());
    const cells = await populationCells;
    const covered = stage.coverage.cellCovered;
    const population = cells.population;
    const uncovered: number[] = [];
    for (let i = 0; i < covered.length; i++) if (covered[i] === 0 && population[i] > 0 && cells.township[i] >= 0) uncovered.push(i);
    // Two cells a pixel: a quarter of the texture to upload on every radius change.
    const frame = cellFrame(cells.lon, cells.lat, 2 * (summary?.cellSizeMetres ?? 250));
    if (!frame) return;
    drawCells(gapCellsCanvas, frame, { ...cells, weight: population, indices: uncovered, rgb: [200, 30, 30] });
    map.setImageLayer('gap-cells-image', gapCellsCanvas, frame.coordinates, key);
  }

  function paintChoropleth(): void {
    if (!coverageStage || !summary) return;
    const metric = METRICS.find((candidate) => candidate.id === session.analysis.metric)!;
    const values = coverageStage.townships[metric.id];
    const classification = classify(values, session.analysis.classification, session.analysis.palette);
    const colors: string[] = [];
    for (let i = 0; i < values.length; i++) {
      const cls = classification.classOf(values[i]);
      colors.push(cls < 0 ? '#d9d9d9' : classification.colors[cls]);
    }
    map.setTownshipColors(colors);
    legend.render({ metric, serviceType: coverageStage.input.service, metres: coverageStage.input.metres, classification, facilityTypes: [coverageStage.input.service] });
  }

  function refreshTable(): void {
    if (!summary) return;
    table.setData(summary.townships, coverageStage?.townships ?? null, failedRulesPerTownship(summary, ruleResults));
  }

  // ---- rules ----
  async function runRules(): Promise<boolean> {
    dashboard.setPending(true);
    try {
      const outcome = await client.latest('rules', (api, id, progressListener) => api.evaluateRules(session.rules, id, progressListener));
      if (outcome.cancelled) return false;
      ruleResults = outcome.value;
      dashboard.setPending(false);
      dashboard.setResults(options.ruleSet.id === session.ruleSetId ? options.ruleSet.name : { zh: session.ruleSetId, en: session.ruleSetId }, session.rules, ruleResults);
      refreshTable();
      if (selectedRule) selectRule(selectedRule);
      if (detail.openIndex >= 0) void renderDetail(detail.openIndex);
      ready.rulesEvaluated(ruleResults);
      ready.mark('rules-shown');
      return true;
    } catch (error) {
      handleError(error);
      return false;
    }
  }

  function selectRule(ruleId: string | null): void {
    selectedRule = ruleId;
    dashboard.setSelected(ruleId);
    const result = ruleResults.find((candidate) => candidate.ruleId === ruleId);
    if (!result || !summary) {
      map.setHighlight([], []);
      table.setRuleFilter(null);
      ready.highlighted([], []);
      return;
    }
    const selection = failingSelection(summary, result);
    map.setHighlight(selection.townships, selection.places);
    if (selection.places.length && !session.layers.places.visible) {
      session.layers.places.visible = true;
      map.setGroupVisibility('places', true);
      layerList.update(session.layers, session.basemapUrl !== '');
    }
    table.setRuleFilter({ label: result.title[currentLanguage()], townships: new Set(selection.townships) });
    void map.whenIdle().then(() => ready.highlighted(selection.townships, selection.places));
  }

  async function resetRules(): Promise<void> {
    const confirmed = await confirmDialog('reset-rules-dialog', t('dashboard.reset-rules'), t('dashboard.reset-confirm'), t('dashboard.reset-rules'));
    if (!confirmed) return;
    session.rules = structuredClone(options.ruleSet.rules);
    session.ruleSetId = options.ruleSet.id;
    save();
    await runRules();
  }

  // ---- township selection ----
  function selectTownship(index: number, fly: boolean): void {
    selectedTownship = index;
    map.setSelectedTownship(index);
    table.setSelected(index);
    session.selectedTownship = index >= 0 && summary ? summary.townships[index].code : null;
    save();
    if (index < 0 || !summary) {
      detail.close();
      return;
    }
    if (fly) map.flyToBBox(summary.townships[index].bbox);
    void renderDetail(index);
  }

  async function renderDetail(index: number): Promise<void> {
    if (!summary) return;
    const township = summary.townships[index];
    const population = coverageStage?.townships.population[index] ?? NaN;
    const failed = ruleResults.filter((result) => failingSelection(summary!, result).townships.includes(index));
    detail.render(index, township, population, null, failed);
    if (!(await backgroundLoaded).ok) return;
    const services = await figures.forTownship(summary, index, (type) => session.reachByService[type] ?? (type === session.analysis.service ? session.analysis.metres : defaultReachMetres(type)));
    if (selectedTownship === index && services) detail.render(index, township, population, services, failed);
  }

  // ---- language ----
  /** A bilingual dataset name "中文 / English" shows the current language's side. */
  function showDatasetName(): void {
    const name = summary?.info.name ?? '';
    const parts = name.split('/').map((part) => part.trim());
    const element = document.getElementById('dataset-name')!;
    element.textContent = parts.length === 2 ? parts[currentLanguage() === 'zh' ? 0 : 1] : name;
    element.title = element.textContent;
  }

  function repaintText(): void {
    showDatasetName();
    paintChoropleth();
    refreshTable();
    if (detail.openIndex >= 0) void renderDetail(detail.openIndex);
    if (selectedRule) selectRule(selectedRule);
    void map.whenIdle().then(() => ready.repainted());
  }

  // ---- import ----
  const importHost = document.createElement('div');
  importHost.id = 'import-host';
  document.body.append(importHost);
  const importer = wireImport({
    client: background,
    host: importHost,
    dropTarget: document.querySelector<HTMLElement>('.map-area')!,
    language: currentLanguage,
    referenceBBox: () => summary?.bbox,
    onPreview: (layer) => map.setPreview(layer ? JSON.stringify({ type: 'FeatureCollection', features: layer.features }) : null),
    onAccept: (accepted) => void addImport(accepted),
    onAcceptFailed: (message) => banner.show('error', t('status.import-failed', { message })),
  });

  async function addImport(accepted: AcceptedImport): Promise<boolean> {
    progress.show(t('progress.loading'), 0.1);
    const result = await loadIntoWorkers([...session.imports, accepted]);
    progress.hide();
    if (!result.ok) {
      banner.show('error', t('status.import-failed', { message: result.error.message[currentLanguage()] }));
      return false;
    }
    session.imports = [...session.imports, accepted];
    save();
    banner.show('info', t('status.import-done', { name: accepted.name ?? '' }));
    await applySummary(result.value);
    await Promise.all([runAnalysis('load'), runRules()]);
    return true;
  }

  // ---- session ----
  async function newSession(): Promise<void> {
    const confirmed = await confirmDialog('new-session-dialog', t('header.new-session'), t('session.new-confirm'), t('session.new-confirm-button'));
    if (!confirmed) return;
    await saver.flush();
    await clearStoredSession();
    await deleteStoredLayers();
    location.reload();
  }

  /** The session as a file: stored (large) layers are read back from IndexedDB and put inline. */
  async function saveSessionFile(): Promise<void> {
    const imports = await Promise.all(
      session.imports.map(async (accepted) => {
        if (accepted.layer || !accepted.storeKey) return accepted;
        const key = accepted.storeKey;
        const layer = await background.call((api) => api.readStoredLayer(key));
        return { ...accepted, storeKey: undefined, layer };
      }),
    );
    downloadSessionFile({ ...session, imports });
  }

  async function loadSessionFile(file: File): Promise<void> {
    const parsed = normaliseSession(await readSessionFile(file), fallback);
    if (!parsed) {
      banner.show('error', t('session.file-invalid'));
      return;
    }
    session = parsed;
    save();
    await saver.flush();
    location.reload();
  }

  function exportPng(): void {
    const link = document.createElement('a');
    link.href = map.map.getCanvas().toDataURL('image/png');
    link.download = `gapmap-${session.analysis.service}-${session.analysis.metres}m.png`;
    link.click();
  }

  // ---- failures ----
  function handleError(error: unknown): void {
    progress.hide();
    if (error instanceof WorkerCrashedError) return; // the crash banner is already showing
    console.error(error);
    banner.show('error', t('status.analysis-failed', { message: error instanceof Error ? error.message : String(error) }));
  }

  async function recoverWorker(): Promise<void> {
    banner.hide();
    client.restart();
    background.restart();
    try {
      await loadDataset();
      await Promise.all([runAnalysis('load'), runRules()]);
      banner.show('info', t('status.worker-recovered'));
    } catch (error) {
      handleError(error);
    }
  }

  ready.expose({
    /** Test hook: the import dialog's accept path, without the dialog. */
    acceptImport: (accepted: AcceptedImport) => addImport(accepted),
    openImportWith: (files: File[]) => importer.openWith(files),
    workerTimings: () => ({ interactive: client.timings, background: background.timings }),
    crashWorker: () => void client.call((api) => api.crashForTest()).catch(() => undefined),
    session: () => structuredClone(session),
    flushSession: () => saver.flush(),
    formatNumber: (value: number) => formatNumber(value),
    featureState: (source: string, id: number) => map.map.getFeatureState({ source, id }),
    dataNames: () => [
      ...(summary ? [...summary.info.name.split(' / '), ...summary.townships.map((unit) => unit.name), ...summary.counties.map((unit) => unit.name), ...summary.areas.map((area) => area.name)] : []),
      ...conditionValues(session.rules),
    ],
  });

  // ---- start ----
  try {
    ready.mark('app-start');
    await loadDataset();
    ready.mark('dataset-shown');
    const loaded = summary as DatasetSummary | null;
    if (session.selectedTownship && loaded) {
      const index = loaded.townships.findIndex((township) => township.code === session.selectedTownship);
      if (index >= 0) selectTownship(index, false);
    }
    await Promise.all([runAnalysis('load'), runRules()]);
    document.getElementById('app')!.setAttribute('aria-busy', 'false');
    ready.firstReady(performance.now());
  } catch (error) {
    handleError(error);
  }
}
