// Siting in the app: runs the solver in the background worker (progress, cancel), shows the answer
// and its gap, keeps the clicked candidates, applies what-if facility edits in both workers and
// re-runs the analysis and the rules (the dashboard, map and table then show the scenario), and
// keeps the named scenarios in the session, with their comparison and a difference map.
import type { Result } from '../../core/types.ts';
import type { SitingLayerReply } from '../../../workers/siting-api.ts';
import type { SitingRequest } from '../../core/siting/plan-sites.ts';
import type { FacilityEdit } from '../../core/siting/apply-facility-edits.ts';
import { readScenarioFile, scenariosToFile, type Scenario } from '../../core/siting/scenario-file.ts';
import type { ScenarioComparison } from '../../core/siting/compare-scenario.ts';
import { currentLanguage, t } from '../i18n/app-language.ts';
import type { AppContext } from '../controllers/app-context.ts';
import type { ProposalOnShow } from '../state/app-state.ts';
import type { SitingForm, SitingLayerRole, SitingPanel } from './siting-panel.ts';
import type { PointerMode, SitingMap } from './siting-map.ts';
import type { ReachAnalysisReply, RulesReply } from '../../../workers/protocol.ts';
import { analysisKey, analysisRequest } from '../analysis/analysis-view.ts';

/** The facilities layer's content key while a what-if scenario is on show: this and the worker's version of it. */
const SCENARIO_KEY = 'scenario-';

/** Resolves after the browser has painted the next frame. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export interface SitingHooks {
  /** Puts a what-if edit's rule results on the dashboard (only: the table and selection follow the analysis). */
  showRules(reply: RulesReply): void;
  /** Paints a what-if edit's analysis (`drawReach`: the discs by a diff), then what follows the rules; resolves when the map is idle. */
  showAnalysis(service: string, reply: ReachAnalysisReply, started: number, drawReach?: (key: string) => void): Promise<void>;
  /** Puts the analysis choropleth back (after the difference map). */
  repaintChoropleth(): void;
  /** Whether the background worker holds the dataset (waits for it). */
  backgroundReady(): Promise<boolean>;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Blue (less covered) → grey → green (more covered), by the change in percentage points. */
function differenceColour(points: number): string {
  if (Math.abs(points) < 0.05) return '#d9d9d9';
  const strength = Math.min(1, Math.abs(points) / 20);
  const mix = (a: number, b: number) => Math.round(a + (b - a) * strength);
  return points > 0 ? `rgb(${mix(217, 0)},${mix(217, 128)},${mix(217, 60)})` : `rgb(${mix(217, 33)},${mix(217, 102)},${mix(217, 172)})`;
}

export class SitingController {
  private candidates: { lon: number; lat: number }[] = [];
  private edits: FacilityEdit[] = [];
  private shownScenario: string | null = null;
  private comparison: { name: string; value: ScenarioComparison } | null = null;
  private differenceMap = false;
  private addedCount = 0;
  /** Counts the datasets loaded while this page runs: a solve answered for an earlier one is dropped. */
  private datasetSerial = 0;
  private layerCounts: Record<SitingLayerRole, number> = { candidates: 0, exclusions: 0 };
  /** Drop → dashboard times of the what-if edits (ms; the dashboard painted), for the browser benchmark. */
  readonly editTimings: number[] = [];
  /** Drop → everything painted (map, table, uncovered cells; the map idle), per edit (ms). */
  readonly editPaintTimings: number[] = [];

  constructor(
    private readonly context: AppContext,
    private readonly panel: SitingPanel,
    private readonly map: SitingMap,
    private readonly hooks: SitingHooks,
  ) {
    panel.setScenarios(context.state.session.scenarios, null);
    panel.setCandidateCount(0);
    this.reachChanged();
  }

  /** p-median's default cap: 3 × the reach, in its unit (metres for a distance, minutes for a travel time). */
  private defaultCap(): number {
    const { reach } = this.context.state.session.analysis;
    return 3 * (reach.kind === 'distance' ? reach.metres : reach.minutes);
  }

  /** The analysis reach changed (siting uses it): the cap's unit and default follow. */
  reachChanged(): void {
    this.panel.setReachUnit(this.context.state.session.analysis.reach.kind === 'distance' ? 'metres' : 'minutes', this.defaultCap());
  }

  private request(form: SitingForm): SitingRequest {
    const { service, reach } = this.context.state.session.analysis;
    const problem: SitingRequest['problem'] =
      form.problem === 'set-cover'
        ? { kind: 'set-cover', sharePercent: form.share }
        : form.problem === 'rule'
          ? { kind: 'rule', ruleId: form.ruleId }
          : form.problem === 'p-median'
            ? { kind: 'p-median', k: form.k, cap: Number.isFinite(form.cap) ? form.cap : this.defaultCap() }
            : { kind: 'max-coverage', k: form.k };
    return { service, reach, spacingMetres: form.spacing, problem };
  }

  async solve(form: SitingForm): Promise<void> {
    const { state, background, ready } = this.context;
    const request = this.request(form);
    const reach = request.reach;
    if (form.candidates === 'clicked' && this.candidates.length === 0) return this.panel.showMessage(t('siting.candidates-count', { n: 0 }));
    if (form.candidates === 'layer' && this.layerCounts.candidates === 0) return this.panel.showMessage(t('siting.layers-count', { candidates: 0, exclusions: this.layerCounts.exclusions }));
    this.panel.setRunning('…');
    const serial = this.datasetSerial;
    try {
      if (!(await this.hooks.backgroundReady())) throw new Error('background worker has no dataset');
      const outcome = await background.latest(
        'siting',
        (api, id, progress) =>
          api.siteFacilities(
            {
              request,
              candidates:
                form.candidates === 'clicked'
                  ? { kind: 'points', points: this.candidates.map((c, i) => ({ id: `K${i + 1}`, ...c })) }
                  : form.candidates === 'layer'
                    ? { kind: 'layer' }
                    : { kind: 'generated', gridMetres: reach.kind === 'distance' ? reach.metres / 2 : 500 },
              rules: state.session.rules,
              exact: form.exact,
            },
            id,
            progress,
          ),
        (fraction, stage) => this.panel.setRunning(`${stage} ${Math.round(fraction * 100)}%`),
      );
      if (serial !== this.datasetSerial) return; // another dataset came meanwhile: this answer is of the old one
      this.panel.setRunning(null);
      if (outcome.cancelled) return this.panel.showMessage(t('siting.cancelled'));
      if (!outcome.value.ok) return this.panel.showMessage(outcome.value.error.message[currentLanguage()]);
      const { report, facilities, sitesGeoJson } = outcome.value.value;
      state.proposal = { report, facilities, sitesGeoJson };
      this.panel.showReport(report);
      this.map.setSites(sitesGeoJson);
      ready.mark('siting-solved');
    } catch (error) {
      this.panel.setRunning(null);
      this.context.fail(error);
    }
  }

  /**
   * Another dataset replaced the one everything here was derived from (an import, a removed layer,
   * another region, the workers reloaded): the proposal (map, panel, exports), the what-if edits and
   * the scenario on show, the comparison and its difference map, and the candidates clicked on the
   * old map are dropped; a solve still running is stopped. The saved scenarios stay (the session's)
   * and so do the candidate and exclusion layers loaded from files (the planner's own inputs).
   */
  datasetReplaced(): void {
    this.datasetSerial++;
    this.context.background.cancelChannel('siting');
    this.panel.setRunning(null);
    this.panel.showMessage('');
    this.context.state.proposal = null;
    this.panel.showReport(null);
    this.map.setSites(null);
    this.edits = [];
    this.shownScenario = null;
    this.panel.setEditStatus(0, null);
    this.panel.setScenarios(this.context.state.session.scenarios, null);
    this.comparison = null;
    this.panel.showComparison('', null, []);
    this.differenceMap = false;
    this.panel.setDifferenceMap(false);
    this.clearCandidates();
  }

  /** Reads a candidate or exclusion layer in the background worker (kept there for the next solve) and draws it. */
  async loadLayer(role: SitingLayerRole, files: File[]): Promise<void> {
    try {
      if (!(await this.hooks.backgroundReady())) throw new Error('background worker has no dataset');
      const contents = await Promise.all(files.map(async (file) => ({ name: file.name, bytes: await file.arrayBuffer() })));
      const loaded: Result<SitingLayerReply> = await this.context.background.call((api) => api.loadSitingLayer(role, contents) as Promise<Result<SitingLayerReply>>);
      if (!loaded.ok) return this.panel.showMessage(loaded.error.message[currentLanguage()]);
      this.layerCounts = { ...this.layerCounts, [role]: loaded.value.count };
      this.map.setLayer(role, loaded.value.geojson);
      this.panel.setLayerCounts(this.layerCounts);
      if (role === 'candidates') this.panel.useCandidateLayer();
      this.context.ready.mark('siting-layer-loaded');
    } catch (error) {
      this.context.fail(error);
    }
  }

  async clearLayer(role: SitingLayerRole): Promise<void> {
    this.layerCounts = { ...this.layerCounts, [role]: 0 };
    this.map.setLayer(role, null);
    this.panel.setLayerCounts(this.layerCounts);
    await this.context.background.call((api) => api.clearSitingLayer(role)).catch((error) => this.context.fail(error));
  }

  /**
   * The proposal on show, or null before a solve (also `state.proposal`): its report's `sites`
   * carry each site's marginal gain and the townships it serves. For the exports.
   */
  currentProposal(): ProposalOnShow | null {
    return this.context.state.proposal;
  }

  /** The candidate ids of the proposal on show (for the browser tests). */
  proposedCandidates(): string[] {
    return (this.currentProposal()?.facilities ?? []).map((facility) => String(facility.properties.candidate_id));
  }

  /** How many proposed sites the map holds (for the browser tests). */
  sitesOnMap(): Promise<number> {
    return this.map.siteCount();
  }

  /** Facilities of the current service drawn on the map, with their screen positions (for the browser tests). */
  renderedFacilities(): { id: string; x: number; y: number }[] {
    return this.map.renderedFacilities(this.context.state.session.analysis.service);
  }

  cancel(): void {
    this.context.background.cancelChannel('siting');
    this.panel.setRunning(null);
    this.panel.showMessage(t('siting.cancelled'));
  }

  setMode(mode: PointerMode): void {
    this.map.setMode(mode);
  }

  pick(lon: number, lat: number): void {
    this.candidates.push({ lon, lat });
    this.map.setCandidates(this.candidates);
    this.panel.setCandidateCount(this.candidates.length);
  }

  clearCandidates(): void {
    this.candidates = [];
    this.map.setCandidates([]);
    this.panel.setCandidateCount(0);
  }

  /** A what-if edit from the map. */
  edit(edit: FacilityEdit): Promise<void> {
    this.shownScenario = null;
    return this.show([...this.edits, edit]);
  }

  addAt(lon: number, lat: number): Promise<void> {
    const service = this.context.state.session.analysis.service;
    const id = `edit-${Date.now().toString(36)}-${++this.addedCount}`;
    return this.edit({ kind: 'add', facility: { id, type: service, name: id, lon, lat, properties: { id, type: service, proposed: true } } });
  }

  /**
   * Shows `edits` over the baseline in both workers. The interactive worker answers in one round
   * trip: the rules go on the dashboard first, then the analysis (choropleth, table, uncovered cells)
   * and the map's changes — the facilities and discs the edit added or removed, by id, not every
   * feature again; the gap polygons follow later from the background worker, which applies the
   * edits on its own without holding up the dashboard.
   */
  async show(edits: FacilityEdit[]): Promise<void> {
    const { state, interactive, background, views, ready } = this.context;
    const started = performance.now();
    this.edits = edits;
    try {
      // The background worker may be busy (gap polygons): not waited for. Its calls run in order, so
      // the gaps and comparisons asked after this see the scenario.
      void this.hooks.backgroundReady().then((loaded) => (loaded ? background.call((api) => api.showScenario(edits)) : undefined)).catch((error) => this.context.fail(error));
      const dataset = state.dataset;
      if (!dataset) return;
      const { service, reach } = state.session.analysis;
      const facilitiesKey = views.map.sourceKey('facilities') ?? '';
      const holds = {
        version: facilitiesKey.startsWith(SCENARIO_KEY) ? Number(facilitiesKey.slice(SCENARIO_KEY.length)) : -1,
        discs: state.analysis?.service === service && views.map.sourceKey('coverage') === analysisKey(service, reach, dataset.generation),
      };
      const request = analysisRequest(service, reach);
      const outcome = await interactive.latest('what-if', (api, id) => api.editScenario(edits, request, state.session.rules, holds, id));
      if (outcome.cancelled || state.dataset !== dataset) return;
      const reply = outcome.value;
      // A new generation: every map content key changes (rasters, discs), as the facilities did.
      state.dataset = { ...dataset, generation: dataset.generation + 1 };
      this.hooks.showRules(reply.rules);
      await nextFrame();
      const dashboardMs = performance.now() - started;
      const facilities = reply.facilities;
      const key = `${SCENARIO_KEY}${reply.version}`;
      if (facilities.kind === 'diff') views.map.updateGeoJson('facilities', facilities, key);
      else views.map.setGeoJsonText('facilities', facilities.json, key);
      const discs = reply.discs;
      await this.hooks.showAnalysis(service, reply.analysis, started, discs?.kind === 'diff' ? (discsKey) => views.map.updateGeoJson('coverage', discs, discsKey) : undefined);
      if (reply.analysis.travel && reply.analysis.discsJson === null) {
        // A travel time's outline (its isochrone) comes after the figures.
        const generation = state.dataset?.generation;
        const outline = await interactive.call((api) => api.reachOutline(request));
        if (outline && this.edits === edits && state.dataset?.generation === generation) {
          views.map.setGeoJsonText('coverage', outline, analysisKey(service, reach, generation!));
          await views.map.whenIdle();
        }
      }
      this.editTimings.push(dashboardMs);
      this.editPaintTimings.push(performance.now() - started);
      this.panel.setEditStatus(edits.length, dashboardMs);
      this.panel.setScenarios(state.session.scenarios, this.shownScenario);
      ready.mark('siting-edit-shown');
    } catch (error) {
      this.context.fail(error);
    }
  }

  private addScenario(scenario: Omit<Scenario, 'id'>): void {
    const { session } = this.context.state;
    const id = `scenario-${Date.now().toString(36)}-${session.scenarios.length + 1}`;
    session.scenarios = [...session.scenarios, { id, ...scenario }];
    this.context.save();
    this.panel.setScenarios(session.scenarios, this.shownScenario);
  }

  saveProposal(): void {
    const proposal = this.currentProposal();
    if (!proposal) return;
    const { report, facilities } = proposal;
    const n = this.context.state.session.scenarios.length + 1;
    const gap = `${(100 * report.objective.gap).toFixed(2)}%`;
    this.addScenario({
      name: t('siting.scenario-name', { n }),
      origin: 'proposal',
      edits: facilities.map((facility) => ({ kind: 'add' as const, facility })),
      note: { zh: `${report.objective.method.zh}，差距 ${gap}`, en: `${report.objective.method.en}, gap ${gap}` },
    });
  }

  saveEdits(): void {
    if (this.edits.length === 0) return;
    this.addScenario({ name: t('siting.scenario-name', { n: this.context.state.session.scenarios.length + 1 }), origin: 'edits', edits: this.edits });
  }

  baseline(): Promise<void> {
    this.shownScenario = null;
    return this.show([]);
  }

  showScenario(id: string): Promise<void> {
    const scenario = this.context.state.session.scenarios.find((s) => s.id === id);
    if (!scenario) return Promise.resolve();
    this.shownScenario = id;
    return this.show(scenario.edits);
  }

  deleteScenario(id: string): void {
    const { session } = this.context.state;
    session.scenarios = session.scenarios.filter((s) => s.id !== id);
    if (this.shownScenario === id) this.shownScenario = null;
    this.context.save();
    this.panel.setScenarios(session.scenarios, this.shownScenario);
  }

  async compare(id: string): Promise<void> {
    const { state, background, ready } = this.context;
    const scenario = state.session.scenarios.find((s) => s.id === id);
    if (!scenario || !state.dataset) return;
    const { service, reach } = state.session.analysis;
    try {
      if (!(await this.hooks.backgroundReady())) return;
      const outcome = await background.latest('scenario-compare', (api, requestId, progress) =>
        api.compareScenario(scenario.edits, state.session.rules, { filter: { types: [service] }, reach }, requestId, progress),
      );
      if (outcome.cancelled) return;
      this.comparison = { name: scenario.name, value: outcome.value };
      this.panel.showComparison(scenario.name, outcome.value, state.dataset.summary.townships.map((u) => u.name));
      if (this.differenceMap) this.paintDifference();
      ready.mark('siting-compared');
    } catch (error) {
      this.context.fail(error);
    }
  }

  setDifferenceMap(on: boolean): void {
    this.differenceMap = on;
    if (on) this.paintDifference();
    else this.hooks.repaintChoropleth();
  }

  private paintDifference(): void {
    const comparison = this.comparison?.value;
    if (!comparison) return;
    const colours = Array.from(comparison.townshipPopulation, (population, u) =>
      differenceColour(population > 0 ? (100 * (comparison.coveredAfter[u] - comparison.coveredBefore[u])) / population : 0),
    );
    this.context.views.map.setTownshipColors(colours);
  }

  exportScenarios(): void {
    download(`gapmap-scenarios-${new Date().toISOString().slice(0, 10)}.json`, scenariosToFile(this.context.state.session.scenarios));
  }

  async importScenarios(file: File): Promise<void> {
    const read = readScenarioFile(await file.text());
    if (!read.ok) return this.panel.showMessage(read.error.message[currentLanguage()]);
    const { session } = this.context.state;
    const known = new Set(session.scenarios.map((s) => s.id));
    session.scenarios = [...session.scenarios, ...read.value.map((s) => (known.has(s.id) ? { ...s, id: `${s.id}-imported` } : s))];
    this.context.save();
    this.panel.setScenarios(session.scenarios, this.shownScenario);
  }
}
