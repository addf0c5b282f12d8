// The siting panel: the problem and its inputs, solve / cancel with progress, the answer with its
// method and optimality gap, what-if editing modes, and the scenarios with their comparison with
// the baseline. Renders what the siting controller gives it; all text is set as text, never HTML.
import { createElement, replaceChildren } from '../dom/create-element.ts';
import { currentLanguage, onLanguageChange, t, translated } from '../i18n/app-language.ts';
import { formatNumber } from '../i18n/format-number.ts';
import type { MessageKey } from '../../core/i18n/messages.ts';
import type { Rule } from '../../core/rules/rule-types.ts';
import type { Scenario } from '../../core/siting/scenario-file.ts';
import type { ScenarioComparison } from '../../core/siting/compare-scenario.ts';
import type { SitingReport } from '../../core/siting/write-siting-report.ts';
import type { PointerMode } from './siting-map.ts';
import './siting.css';

export type ProblemKind = 'max-coverage' | 'set-cover' | 'rule' | 'p-median';

export interface SitingForm {
  problem: ProblemKind;
  k: number;
  share: number;
  /** p-median's cap in the reach's unit (metres for a distance, minutes for a travel time); NaN: the default, 3 × the reach. */
  cap: number;
  ruleId: string;
  spacing: number;
  candidates: 'generated' | 'clicked' | 'layer';
  exact: boolean;
}

export interface SitingPanelEvents {
  onSolve(form: SitingForm): void;
  onCancel(): void;
  onMode(mode: PointerMode): void;
  onClearCandidates(): void;
  onSaveProposal(): void;
  onSaveEdits(): void;
  onBaseline(): void;
  onShowScenario(id: string): void;
  onCompareScenario(id: string): void;
  onDeleteScenario(id: string): void;
  onExport(): void;
  onImport(file: File): void;
  onDifferenceMap(on: boolean): void;
  /** A candidate layer (points or parcels) or an exclusion layer (polygons) chosen in the file picker. */
  onLoadLayer(role: SitingLayerRole, files: File[]): void;
  onClearLayer(role: SitingLayerRole): void;
}

export type SitingLayerRole = 'candidates' | 'exclusions';

/** The files a layer may come in (a Shapefile's parts chosen together). */
const LAYER_FILES = '.geojson,.json,.ndjson,.csv,.tsv,.txt,.zip,.shp,.shx,.dbf,.prj,.cpg';

const PROBLEMS: ProblemKind[] = ['max-coverage', 'set-cover', 'rule', 'p-median'];

export class SitingPanel {
  readonly element: HTMLElement;
  private readonly problem = createElement('select', { attributes: { id: 'siting-problem' } });
  private readonly k = createElement('input', { attributes: { id: 'siting-k', type: 'number', min: 1, max: 200, value: 5 } });
  private readonly cap = createElement('input', { attributes: { id: 'siting-cap', type: 'number', min: 1 } });
  private readonly capLabel = createElement('label', { attributes: { for: 'siting-cap' } });
  private readonly share = createElement('input', { attributes: { id: 'siting-share', type: 'number', min: 1, max: 100, value: 90 } });
  private readonly rule = createElement('select', { attributes: { id: 'siting-rule' } });
  private readonly spacing = createElement('input', { attributes: { id: 'siting-spacing', type: 'number', min: 0, step: 100, value: 0 } });
  private readonly candidates = createElement('select', { attributes: { id: 'siting-candidates' } });
  private readonly exact = createElement('input', { attributes: { id: 'siting-exact', type: 'checkbox', checked: true } });
  private readonly candidateCount = createElement('p', { className: 'hint', attributes: { id: 'siting-candidate-count' } });
  private readonly layerStatus = createElement('p', { className: 'hint', attributes: { id: 'siting-layers' } });
  private layerCounts: Record<SitingLayerRole, number> = { candidates: 0, exclusions: 0 };
  private readonly solve = createElement('button', { attributes: { id: 'siting-solve', type: 'button' } });
  private readonly cancel = createElement('button', { attributes: { id: 'siting-cancel', type: 'button', hidden: true } });
  private readonly status = createElement('p', { className: 'hint', attributes: { id: 'siting-status', role: 'status' } });
  private readonly result = createElement('div', { attributes: { id: 'siting-result' } });
  private readonly mode = createElement('select', { attributes: { id: 'siting-mode' } });
  private readonly editStatus = createElement('p', { className: 'hint', attributes: { id: 'siting-edit-status' } });
  private readonly scenarioList = createElement('ul', { className: 'siting-scenarios', attributes: { id: 'siting-scenarios' } });
  private readonly comparison = createElement('div', { attributes: { id: 'siting-comparison' } });
  private readonly difference = createElement('input', { attributes: { id: 'siting-difference', type: 'checkbox' } });
  private rules: Rule[] = [];
  private candidateTotal = 0;
  private edits: { count: number; ms: number | null } = { count: 0, ms: null };
  private rerenderReport: () => void = () => undefined;
  private rerenderComparison: () => void = () => undefined;

  constructor(private readonly events: SitingPanelEvents) {
    const label = (forId: string, key: MessageKey) => translated(createElement('label', { attributes: { for: forId } }), key);
    const field = (forId: string, key: MessageKey, input: HTMLElement) => createElement('div', { className: 'field', dataset: { for: forId } }, [label(forId, key), input]);
    translated(this.solve, 'siting.run');
    translated(this.cancel, 'siting.cancel');
    this.solve.addEventListener('click', () => events.onSolve(this.form()));
    this.cancel.addEventListener('click', () => events.onCancel());
    this.problem.addEventListener('change', () => this.showFields());
    this.candidates.addEventListener('change', () => events.onMode(this.candidates.value === 'clicked' ? 'pick' : 'off'));
    this.mode.addEventListener('change', () => events.onMode(this.mode.value as PointerMode));
    this.difference.addEventListener('change', () => events.onDifferenceMap(this.difference.checked));
    const fileInput = createElement('input', { attributes: { type: 'file', accept: '.json,application/json', hidden: true, id: 'siting-import-file' } });
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      if (file) events.onImport(file);
      fileInput.value = '';
    });
    const button = (id: string, key: MessageKey, run: () => void) => {
      const element = translated(createElement('button', { attributes: { id, type: 'button' } }), key);
      element.addEventListener('click', run);
      return element;
    };
    const layerPicker = (role: SitingLayerRole) => {
      const input = createElement('input', { attributes: { type: 'file', accept: LAYER_FILES, multiple: true, hidden: true, id: `siting-${role}-file` } });
      input.addEventListener('change', () => {
        const files = [...(input.files ?? [])];
        if (files.length > 0) events.onLoadLayer(role, files);
        input.value = '';
      });
      return input;
    };
    const candidateFile = layerPicker('candidates');
    const exclusionFile = layerPicker('exclusions');
    this.element = createElement('section', { className: 'panel siting-panel', attributes: { 'aria-labelledby': 'siting-heading' } }, [
      translated(createElement('h2', { attributes: { id: 'siting-heading' } }), 'siting.heading'),
      field('siting-problem', 'siting.problem', this.problem),
      field('siting-k', 'siting.k', this.k),
      createElement('div', { className: 'field', dataset: { for: 'siting-cap' } }, [this.capLabel, this.cap]),
      field('siting-share', 'siting.share', this.share),
      field('siting-rule', 'siting.rule', this.rule),
      field('siting-spacing', 'siting.spacing', this.spacing),
      field('siting-candidates', 'siting.candidates', this.candidates),
      this.candidateCount,
      button('siting-clear-candidates', 'siting.clear-candidates', () => events.onClearCandidates()),
      createElement('div', { className: 'button-row' }, [
        button('siting-load-candidates', 'siting.load-candidates', () => candidateFile.click()),
        button('siting-load-exclusions', 'siting.load-exclusions', () => exclusionFile.click()),
        button('siting-clear-exclusions', 'siting.clear-exclusions', () => events.onClearLayer('exclusions')),
        candidateFile,
        exclusionFile,
      ]),
      this.layerStatus,
      createElement('label', { className: 'checkbox' }, [this.exact, translated(createElement('span'), 'siting.exact')]),
      createElement('div', { className: 'button-row' }, [this.solve, this.cancel]),
      this.status,
      this.result,
      field('siting-mode', 'siting.edit-mode', this.mode),
      this.editStatus,
      createElement('div', { className: 'button-row' }, [button('siting-save-edits', 'siting.save-edits', () => events.onSaveEdits()), button('siting-baseline', 'siting.baseline', () => events.onBaseline())]),
      translated(createElement('h3'), 'siting.scenarios'),
      this.scenarioList,
      createElement('div', { className: 'button-row' }, [button('siting-export', 'siting.export', () => events.onExport()), button('siting-import', 'siting.import', () => fileInput.click()), fileInput]),
      createElement('label', { className: 'checkbox' }, [this.difference, translated(createElement('span'), 'siting.difference-map')]),
      this.comparison,
    ]);
    this.fillOptions();
    this.showFields();
    onLanguageChange(() => {
      this.fillOptions();
      this.setCandidateCount(this.candidateTotal);
      this.setLayerCounts(this.layerCounts);
      this.setEditStatus(this.edits.count, this.edits.ms);
      this.status.textContent = '';
      this.rerenderReport();
      this.rerenderComparison();
    });
  }

  private fillOptions(): void {
    const options = (select: HTMLSelectElement, values: string[], key: (v: string) => string) => {
      const selected = select.value;
      replaceChildren(select, values.map((v) => createElement('option', { text: key(v), attributes: { value: v } })));
      if (values.includes(selected)) select.value = selected;
    };
    options(this.problem, PROBLEMS, (v) => t(`siting.problem.${v}` as MessageKey));
    options(this.candidates, ['generated', 'clicked', 'layer'], (v) => t(`siting.candidates.${v}` as MessageKey));
    options(this.mode, ['off', 'add', 'move', 'remove'], (v) => t(`siting.edit.${v}` as MessageKey));
    options(this.rule, this.rules.map((r) => r.id), (id) => {
      const rule = this.rules.find((r) => r.id === id)!;
      return `${id} ${rule.title[currentLanguage()]}`;
    });
  }

  private showFields(): void {
    const problem = this.problem.value as ProblemKind;
    const show = (id: string, visible: boolean) => ((this.element.querySelector(`[data-for="${id}"]`) as HTMLElement).hidden = !visible);
    show('siting-k', problem === 'max-coverage' || problem === 'p-median');
    show('siting-cap', problem === 'p-median');
    show('siting-share', problem === 'set-cover');
    show('siting-rule', problem === 'rule');
  }

  /**
   * The reach siting uses (the analysis reach): p-median's cap is in its unit — metres for a
   * distance, minutes for a travel time — labelled so, with the default (3 × the reach) shown.
   * A cap typed for the other unit is cleared when the unit changes.
   */
  setReachUnit(unit: 'metres' | 'minutes', defaultCap: number): void {
    const key = unit === 'metres' ? 'siting.cap-metres' : 'siting.cap-minutes';
    if (this.capLabel.dataset.i18n && this.capLabel.dataset.i18n !== key) this.cap.value = '';
    translated(this.capLabel, key);
    this.cap.placeholder = String(defaultCap);
    this.cap.step = unit === 'metres' ? '100' : '1';
  }

  setRules(rules: Rule[]): void {
    this.rules = rules.filter((r) => r.enabled && ['unit-presence', 'population-within', 'points-covered', 'capacity-per-population', 'count'].includes(r.kind));
    this.fillOptions();
  }

  form(): SitingForm {
    const number = (input: HTMLInputElement, fallback: number) => (Number.isFinite(Number(input.value)) && Number(input.value) > 0 ? Number(input.value) : fallback);
    return {
      problem: this.problem.value as ProblemKind,
      k: Math.round(number(this.k, 5)),
      share: Math.min(100, number(this.share, 90)),
      cap: number(this.cap, NaN),
      ruleId: this.rule.value,
      spacing: Math.max(0, Number(this.spacing.value) || 0),
      candidates: this.candidates.value as SitingForm['candidates'],
      exact: this.exact.checked,
    };
  }

  setCandidateCount(n: number): void {
    this.candidateTotal = n;
    this.candidateCount.textContent = t('siting.candidates-count', { n: formatNumber(n) });
  }

  /** How many candidate points and exclusion polygons are loaded from layers. */
  setLayerCounts(counts: Record<SitingLayerRole, number>): void {
    this.layerCounts = counts;
    this.layerStatus.textContent = t('siting.layers-count', { candidates: formatNumber(counts.candidates), exclusions: formatNumber(counts.exclusions) });
  }

  /** Shows the layer source in the candidate choice (after a candidate layer is loaded). */
  /** The difference map's checkbox (unchecked when the comparison it shows is dropped). */
  setDifferenceMap(on: boolean): void {
    this.difference.checked = on;
  }

  useCandidateLayer(): void {
    this.candidates.value = 'layer';
  }

  setRunning(stage: string | null): void {
    this.solve.disabled = stage !== null;
    this.cancel.hidden = stage === null;
    this.status.textContent = stage === null ? '' : t('siting.running', { stage });
  }

  showMessage(text: string): void {
    this.status.textContent = text;
  }

  showReport(report: SitingReport | null): void {
    this.rerenderReport = () => this.showReport(report);
    if (!report) return replaceChildren(this.result, []);
    const language = currentLanguage();
    const { objective, coverage } = report;
    const gap = objective.gap === 0 ? t('siting.gap-proven') : t('siting.gap-within', { gap: `${formatNumber(100 * objective.gap, 2)}%` });
    const line = (key: MessageKey, value: string, id?: string) => createElement('p', { attributes: id ? { id } : {} }, [createElement('strong', { text: `${t(key)}: ` }), value]);
    const nowPassing = report.rules.filter((r) => r.nowPasses).map((r) => r.ruleId);
    replaceChildren(this.result, [
      line('siting.objective', `${objective.label[language]}: ${formatNumber(objective.value, objective.value % 1 === 0 ? 0 : 1)}`),
      line('siting.method', objective.method[language]),
      line('siting.bound', `${formatNumber(objective.bound, 1)} (${objective.boundMethod[language]})`),
      line('siting.gap', gap, 'siting-gap'),
      coverage.total > 0 ? createElement('p', { text: t('siting.coverage-change', { before: `${formatNumber((100 * coverage.before) / coverage.total, 1)}%`, after: `${formatNumber((100 * coverage.after) / coverage.total, 1)}%` }) }) : null,
      nowPassing.length > 0 ? createElement('p', { className: 'siting-pass', text: t('siting.now-passes', { rules: nowPassing.join(', ') }) }) : null,
      translated(createElement('h3'), 'siting.sites'),
      createElement(
        'ol',
        { attributes: { id: 'siting-sites' } },
        report.sites.map((site) => createElement('li', { text: t('siting.site-line', { township: site.township ?? '—', gain: formatNumber(site.marginal, 0) }) })),
      ),
      ...report.notes.map((note) => createElement('p', { className: 'hint', text: note[language] })),
      (() => {
        const save = translated(createElement('button', { attributes: { id: 'siting-save-proposal', type: 'button' } }), 'siting.save-proposal');
        save.addEventListener('click', () => this.events.onSaveProposal());
        return save;
      })(),
    ]);
  }

  setEditStatus(edits: number, ms: number | null): void {
    this.edits = { count: edits, ms };
    this.editStatus.textContent = edits > 0 ? t('siting.edits-count', { n: edits, ms: ms === null ? '—' : formatNumber(ms, 0) }) : '';
  }

  setScenarios(scenarios: Scenario[], shownId: string | null): void {
    const item = (scenario: Scenario) => {
      const action = (key: MessageKey, run: () => void) => {
        const element = translated(createElement('button', { attributes: { type: 'button' } }), key);
        element.addEventListener('click', run);
        return element;
      };
      return createElement('li', { className: scenario.id === shownId ? 'shown' : '', dataset: { scenario: scenario.id } }, [
        createElement('span', { text: `${scenario.name} (${scenario.edits.length})` }),
        action('siting.show', () => this.events.onShowScenario(scenario.id)),
        action('siting.compare', () => this.events.onCompareScenario(scenario.id)),
        action('siting.delete', () => this.events.onDeleteScenario(scenario.id)),
      ]);
    };
    replaceChildren(this.scenarioList, scenarios.length > 0 ? scenarios.map(item) : [translated(createElement('li', { className: 'hint' }), 'siting.no-scenarios')]);
  }

  /** Every rule and the townships that change, baseline beside scenario; changes highlighted. */
  showComparison(name: string, comparison: ScenarioComparison | null, townshipNames: string[]): void {
    this.rerenderComparison = () => this.showComparison(name, comparison, townshipNames);
    if (!comparison) return replaceChildren(this.comparison, []);
    const language = currentLanguage();
    const value = (v: number | null) => (v === null ? '—' : formatNumber(v, 2));
    const status = (s: string) => (s === 'pass' ? '✅' : s === 'fail' ? '❌' : '⚪');
    const head = (keys: MessageKey[]) => createElement('tr', {}, keys.map((key) => translated(createElement('th', { attributes: { scope: 'col' } }), key)));
    const rules = createElement('table', { className: 'siting-compare', attributes: { id: 'siting-compare-rules' } }, [
      head(['siting.column.rule', 'siting.column.baseline', 'siting.column.scenario']),
      ...comparison.rules.map((r) =>
        createElement('tr', { className: r.nowPasses ? 'now-passes' : r.changed ? 'changed' : '', dataset: { rule: r.ruleId } }, [
          createElement('td', { text: `${r.ruleId} ${r.title[language]}` }),
          createElement('td', { text: `${status(r.before.status)} ${value(r.before.value)}` }),
          createElement('td', { text: `${status(r.after.status)} ${value(r.after.value)}` }),
        ]),
      ),
    ]);
    const changed: number[] = [];
    comparison.coveredAfter.forEach((after, u) => Math.abs(after - comparison.coveredBefore[u]) > 0.5 && changed.push(u));
    const pct = (covered: number, u: number) => (comparison.townshipPopulation[u] > 0 ? `${formatNumber((100 * covered) / comparison.townshipPopulation[u], 1)}%` : '—');
    const townships = createElement('table', { className: 'siting-compare', attributes: { id: 'siting-compare-townships' } }, [
      head(['siting.column.township', 'siting.column.baseline', 'siting.column.scenario']),
      ...changed.map((u) =>
        createElement('tr', { className: 'changed' }, [
          createElement('td', { text: townshipNames[u] ?? String(u) }),
          createElement('td', { text: pct(comparison.coveredBefore[u], u) }),
          createElement('td', { text: pct(comparison.coveredAfter[u], u) }),
        ]),
      ),
    ]);
    replaceChildren(this.comparison, [
      createElement('h3', { text: t('siting.comparison', { name }) }),
      rules,
      translated(createElement('h4'), 'siting.townships-changed'),
      townships,
    ]);
  }
}
