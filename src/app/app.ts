// Wires the app: builds the one state object and the panels, and connects the controllers
// (dataset, analysis, rules, selection, import, session) to the panels' events and to each other.
// No logic of its own: each controller owns one part of the state and its behaviour.
import type { RuleSet } from '../core/rules/rule-types.ts';
import { AnalysisClient, WorkerCrashedError, WorkerReplacedError } from './analysis/analysis-client.ts';
import type { AppContext, AppViews } from './controllers/app-context.ts';
import { AnalysisController } from './controllers/analysis-controller.ts';
import { DatasetController } from './controllers/dataset-controller.ts';
import { RulesController } from './controllers/rules-controller.ts';
import { SelectionController } from './controllers/selection-controller.ts';
import { SessionController } from './controllers/session-controller.ts';
import { translate } from '../core/i18n/translate.ts';
import { setLanguage, t, translateStaticText } from './i18n/app-language.ts';
import { ImportController } from './import/import-controller.ts';
import { MapView } from './map/map-view.ts';
import { AnalysisPanel } from './panels/analysis-panel.ts';
import { mountHeaderActions } from './panels/header-actions.ts';
import { LayerList } from './panels/layer-list.ts';
import { DataLayers } from './panels/data-layers.ts';
import { Legend } from './panels/legend.ts';
import { MapTooltip } from './panels/map-tooltip.ts';
import { PlanDashboard } from './panels/plan-dashboard.ts';
import { ProgressIndicator } from './panels/progress-indicator.ts';
import { RuleEditor } from './panels/rule-editor.ts';
import { StatusBanner } from './panels/status-banner.ts';
import { TownshipDetail } from './panels/township-detail.ts';
import { TownshipTable } from './panels/township-table.ts';
import { ReadySignal } from './ready-signal.ts';
import { defaultSession } from './session/session-state.ts';
import { loadStoredSession, setAsideStoredSession } from './session/session-store.ts';
import { validateSession, type SessionProblem } from './session/validate-session.ts';
import { createAppState } from './state/app-state.ts';
import { installTestHooks } from './test-hook.ts';
import { mountSiting } from './siting/mount-siting.ts';
import { mountTravelTime } from './travel/mount-travel-time.ts';
import type { TravelTimeController } from './travel/travel-time-controller.ts';
import { ExportController } from './export/export-controller.ts';
import { openExportDialog } from './export/export-dialog.ts';
import type { BoundingBox } from '../core/geometry/bounding-box.ts';

function middleLongitude(bbox: BoundingBox | undefined): number {
  return bbox ? (bbox[0] + bbox[2]) / 2 : 102;
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
  // Whatever is in storage, the app starts: a stored session it cannot use is set aside (and
  // said so, below) and the app starts from a new one.
  const stored = await loadStoredSession();
  const check = stored === undefined ? null : validateSession(stored, fallback, 'storage');
  let setAside: SessionProblem[] | null = null;
  if (check && !check.ok) {
    setAside = check.problems.length ? check.problems : [{ path: '', message: { zh: '不是会话', en: 'not a session' } }];
    await setAsideStoredSession(stored);
  }
  const state = createAppState(check?.ok ? check.value : structuredClone(fallback));
  setLanguage(state.session.language);

  // Controllers are created below; the panels' callbacks reach them once the app runs.
  /* eslint-disable prefer-const */
  let dataset: DatasetController, analysis: AnalysisController, rules: RulesController;
  let selection: SelectionController, session: SessionController, importer: ImportController;
  let travel: TravelTimeController;

  const tooltip = new MapTooltip(document.getElementById('map-tooltip')!);
  const views: AppViews = {
    banner: new StatusBanner(document.getElementById('status-banner')!),
    progress: new ProgressIndicator(document.getElementById('progress')!, () => {
      // An export running (its bar) is what the planner stops; otherwise the analysis.
      if (!exporter.cancel()) analysis.cancel();
      views.progress.hide();
      views.banner.show('info', t('status.cancelled'));
    }),
    map: new MapView(document.getElementById('map')!, {
      onHover: (target, point) => tooltip.show(target, point, (index) => [analysis.tooltipLine(index), ...travel.tooltipLines(index)]),
      onTownshipClick: (index) => selection.selectTownship(index, false),
    }),
    analysisPanel: new AnalysisPanel(state.session.analysis, (change) => analysis.update(change)),
    layerList: new LayerList(state.session.layers, (group, value) => session.setLayer(group, value)),
    dataLayers: new DataLayers({ onReplace: (index) => void importer.replace(index), onRemove: (index) => void importer.remove(index) }),
    legend: new Legend(),
    dashboard: new PlanDashboard({
      onSelectRule: (ruleId) => selection.selectRule(ruleId),
      onEditRule: (rule) => ruleEditor.open(rules.editorContext(), rule),
      onAddRule: () => ruleEditor.open(rules.editorContext(), null),
      onResetRules: () => void rules.reset(),
    }),
    table: new TownshipTable(
      (index) => selection.selectTownship(index, true),
      () => selection.selectRule(null),
    ),
    detail: new TownshipDetail(document.getElementById('detail-panel')!, () => selection.selectTownship(-1, false)),
  };
  const ruleEditor = new RuleEditor(
    document.body,
    (rule, isNew) => rules.save(rule, isNew),
    (ruleId) => {
      if (state.selection.rule === ruleId) selection.selectRule(null);
      rules.remove(ruleId);
    },
  );
  document.getElementById('left-panel')!.append(views.analysisPanel.element, views.legend.element, views.dataLayers.element, views.layerList.element);
  document.getElementById('right-panel')!.append(views.dashboard.element);
  document.getElementById('table-panel')!.append(views.table.element);

  // Two workers: the interactive one (analysis, rules) and a background one (gap polygons,
  // every-service figures, imports), so slow work never delays the next radius.
  const context: AppContext = {
    state,
    views,
    interactive: options.interactive,
    background: new AnalysisClient(options.createWorker),
    ready,
    save: () => session.save(),
    fail: (error) => {
      views.progress.hide();
      if (error instanceof WorkerCrashedError) return; // the crash banner is already showing
      if (error instanceof WorkerReplacedError) return; // cancelled by the planner
      console.error(error);
      views.banner.show('error', t('status.analysis-failed', { message: error instanceof Error ? error.message : String(error) }));
    },
  };
  const onCrash = (message: string) => {
    views.progress.hide();
    views.banner.show('error', t('status.worker-crashed', { message }), { label: t('status.retry'), run: () => void recoverWorkers() });
    ready.workerCrashed();
  };
  context.interactive.onCrash = onCrash;
  context.background.onCrash = onCrash;

  dataset = new DatasetController(context);
  analysis = new AnalysisController(context, dataset);
  rules = new RulesController(context, options.ruleSet);
  selection = new SelectionController(context, dataset, analysis);
  session = new SessionController(context, dataset, fallback);
  const exporter = new ExportController(context, dataset, options.ruleSet.name);
  const analyseAll = () => Promise.all([analysis.run('load'), rules.run()]);
  // New data from an import: the township the session remembers is selected again if it is still there.
  importer = new ImportController(context, dataset, () => {
    selection.restoreTownship();
    return analyseAll();
  });

  travel = mountTravelTime(context, { analysis, rules, dataset });
  analysis.onPainted = () => {
    selection.refreshDetail();
    void travel.painted();
  };
  rules.onResults = () => {
    analysis.refreshTable();
    selection.refreshRule();
    selection.refreshDetail();
  };
  session.onLanguage = () => {
    analysis.paintChoropleth();
    analysis.refreshTable();
    selection.refreshDetail();
    selection.refreshRule();
    void views.map.whenIdle().then(() => ready.repainted());
  };

  mountHeaderActions(document.getElementById('header-actions')!, {
    onToggleLanguage: () => session.toggleLanguage(),
    onImport: () => void importer.pickFiles(),
    onSaveSession: () => void session.saveFile(),
    onLoadSession: (file) => void session.openFile(file),
    onNewSession: () => void session.newSession(),
    onNewEmptyProject: () => void session.newEmptyProject(),
    onSettings: () => session.openSettings(),
    onExportPng: () =>
      openExportDialog({
        controller: exporter,
        longitude: middleLongitude(state.dataset?.summary.bbox),
        onSaveSession: () => void session.saveFile(),
        onDone: (message) => views.banner.show('info', message),
        onError: (error) => views.banner.show('error', t('export.failed', { message: error instanceof Error ? error.message : String(error) })),
      }),
  });
  translateStaticText();
  if (setAside) {
    // In both languages: the stored language may have been what was wrong.
    const problems = (language: 'zh' | 'en') => setAside!.slice(0, 3).map((problem) => problem.message[language]).join(language === 'zh' ? '；' : '; ');
    const message = `${translate('zh', 'session.set-aside', { problems: problems('zh') })} / ${translate('en', 'session.set-aside', { problems: problems('en') })}`;
    views.banner.show('error', message, { label: t('session.reset'), run: () => void session.reset() });
    ready.sessionSetAside();
  }
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && views.detail.openIndex >= 0 && !document.querySelector('dialog[open]')) selection.selectTownship(-1, false);
  });
  const siting = mountSiting(context, { analysis, rules, dataset });
  // A dataset replaced (an import, a layer removed, another region, the workers reloaded): what was
  // derived from the old one goes — the selected township, the gaps and reach on the map, the
  // travel-time layers, the siting proposal, edits and comparison.
  dataset.onChanged = () => {
    selection.reset();
    analysis.datasetReplaced();
    travel.datasetReplaced();
    siting.datasetReplaced();
  };
  if (__GAPMAP_TEST_HOOKS__) installTestHooks(context, { session, importer, siting });

  async function recoverWorkers(): Promise<void> {
    views.banner.hide();
    context.interactive.restart();
    context.background.restart();
    try {
      await dataset.load();
      selection.restoreTownship();
      await analyseAll();
      views.banner.show('info', t('status.worker-recovered'));
    } catch (error) {
      context.fail(error);
    }
  }

  try {
    ready.mark('app-start');
    await dataset.load();
    ready.mark('dataset-shown');
    selection.restoreTownship();
    await analyseAll();
    document.getElementById('app')!.setAttribute('aria-busy', 'false');
    ready.firstReady(performance.now());
  } catch (error) {
    context.fail(error);
  }
}
