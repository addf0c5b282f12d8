// Plan-target dashboard: every rule of the active set with its value, target, pass/fail,
// shortfall and provenance. Selecting a rule highlights its failing townships and places and
// filters the table; each rule can be edited, and new rules added (rule-editor.ts).
import { createElement } from '../dom/create-element.ts';
import { currentLanguage, onLanguageChange, t } from '../i18n/app-language.ts';
import { formatNumber } from '../i18n/format-number.ts';
import type { Rule, RuleResult } from '../../core/rules/rule-types.ts';
import { formatRuleTarget, formatRuleValue, statusLabel } from './format-rule.ts';

export interface DashboardCallbacks {
  onSelectRule(ruleId: string | null): void;
  onEditRule(rule: Rule): void;
  onAddRule(): void;
  onResetRules(): void;
}

export class PlanDashboard {
  readonly element: HTMLElement;
  private readonly summary = createElement('p', { className: 'dashboard-summary', attributes: { id: 'dashboard-summary', 'aria-live': 'polite' } });
  private readonly list = createElement('ol', { className: 'rule-list', attributes: { id: 'rule-list' } });
  private readonly heading = createElement('h2', { attributes: { id: 'dashboard-heading' } });
  private readonly setName = createElement('p', { className: 'rule-set-name' });
  private readonly addButton = createElement('button', { className: 'button', attributes: { type: 'button', id: 'add-rule' } });
  private readonly resetButton = createElement('button', { className: 'button subtle', attributes: { type: 'button', id: 'reset-rules' } });
  private rules: Rule[] = [];
  private results: RuleResult[] = [];
  private selected: string | null = null;
  private pending = false;
  private ruleSetName: { zh: string; en: string } = { zh: '', en: '' };

  constructor(private readonly callbacks: DashboardCallbacks) {
    this.element = createElement('section', { className: 'panel dashboard', attributes: { 'aria-labelledby': 'dashboard-heading' } }, [
      this.heading,
      this.setName,
      this.summary,
      this.list,
      createElement('div', { className: 'button-row' }, [this.addButton, this.resetButton]),
    ]);
    this.addButton.addEventListener('click', () => this.callbacks.onAddRule());
    this.resetButton.addEventListener('click', () => this.callbacks.onResetRules());
    onLanguageChange(() => this.render());
    this.render();
  }

  setPending(pending: boolean): void {
    this.pending = pending;
    this.element.classList.toggle('pending', pending);
  }

  setResults(ruleSetName: { zh: string; en: string }, rules: Rule[], results: RuleResult[]): void {
    this.ruleSetName = ruleSetName;
    this.rules = rules;
    this.results = results;
    if (this.selected && !results.some((result) => result.ruleId === this.selected)) this.selected = null;
    this.render();
  }

  setSelected(ruleId: string | null): void {
    this.selected = ruleId;
    for (const card of this.list.querySelectorAll<HTMLElement>('.rule-card')) {
      const active = card.dataset.ruleId === ruleId;
      card.classList.toggle('selected', active);
      card.querySelector('.rule-select')?.setAttribute('aria-pressed', String(active));
    }
  }

  private render(): void {
    const language = currentLanguage();
    this.heading.textContent = t('dashboard.heading');
    this.setName.textContent = this.ruleSetName[language];
    this.addButton.textContent = t('dashboard.add-rule');
    this.resetButton.textContent = t('dashboard.reset-rules');
    const evaluated = this.results.filter((result) => result.status !== 'not-available');
    const passing = evaluated.filter((result) => result.status === 'pass').length;
    this.summary.textContent = this.results.length
      ? t('dashboard.summary', { passing: formatNumber(passing), total: formatNumber(evaluated.length), unavailable: formatNumber(this.results.length - evaluated.length) })
      : this.pending
        ? t('dashboard.computing')
        : '';
    const disabled = this.rules.filter((rule) => !rule.enabled).map((rule) => this.disabledCard(rule));
    this.list.replaceChildren(...this.results.map((result) => this.card(result)), ...disabled);
  }

  private disabledCard(rule: Rule): HTMLElement {
    const title = rule.title[currentLanguage()];
    const editButton = createElement('button', {
      className: 'button small subtle rule-edit',
      text: t('dashboard.edit'),
      attributes: { type: 'button', 'aria-label': t('dashboard.edit-rule', { rule: title }) },
    });
    editButton.addEventListener('click', () => this.callbacks.onEditRule(rule));
    return createElement('li', { className: 'rule-card disabled', dataset: { ruleId: rule.id, status: 'disabled' } }, [
      createElement('div', { className: 'rule-head' }, [
        createElement('span', { className: 'rule-select' }, [
          createElement('span', { className: 'status', text: t('dashboard.disabled') }),
          createElement('span', { className: 'rule-title', text: title }),
        ]),
        editButton,
      ]),
    ]);
  }

  private card(result: RuleResult): HTMLElement {
    const language = currentLanguage();
    const rule = this.rules.find((candidate) => candidate.id === result.ruleId);
    const selectButton = createElement(
      'button',
      { className: 'rule-select', attributes: { type: 'button', 'aria-pressed': String(this.selected === result.ruleId) } },
      [
        createElement('span', { className: `status status-${result.status}`, text: statusLabel(result) }),
        createElement('span', { className: 'rule-title', text: result.title[language] }),
      ],
    );

    const editButton = createElement('button', {
      className: 'button small subtle rule-edit',
      text: t('dashboard.edit'),
      attributes: { type: 'button', 'aria-label': t('dashboard.edit-rule', { rule: result.title[language] }) },
    });
    editButton.addEventListener('click', () => rule && this.callbacks.onEditRule(rule));
    const failingCount = result.failing.length;
    const selected = this.selected === result.ruleId;
    // The failing places of the selected target, by name, with their nearest facility and its distance.
    const places = selected ? result.failing.filter((item) => item.kind === 'place') : [];
    const placeList = places.length
      ? createElement('section', { className: 'rule-failing-places' }, [
          createElement('h3', { text: t('rule.failing-places', { count: formatNumber(places.length) }) }),
          createElement(
            'ol',
            {},
            places.slice(0, 50).map((item) =>
              createElement('li', {
                dataset: { place: String(item.index) },
                text: t('rule.failing-place', {
                  name: item.name,
                  facility: item.figures.nearest_facility === null || item.figures.nearest_facility === undefined ? '—' : String(item.figures.nearest_facility),
                  distance: typeof item.figures.nearest_m === 'number' ? formatNumber(item.figures.nearest_m) : '—',
                }),
              }),
            ),
          ),
        ])
      : null;
    const card = createElement(
      'li',
      {
        className: `rule-card ${this.selected === result.ruleId ? 'selected' : ''}`,
        dataset: { ruleId: result.ruleId, status: result.status, value: result.value === null ? '' : String(result.value) },
      },
      [
        createElement('div', { className: 'rule-head' }, [selectButton, editButton]),
        createElement('dl', { className: 'rule-figures' }, [
          createElement('div', {}, [
            createElement('dt', { text: t('rule.value') }),
            createElement('dd', { className: 'rule-value', text: formatRuleValue(result.value, result.target.unit) }),
          ]),
          createElement('div', {}, [
            createElement('dt', { text: t('rule.target') }),
            createElement('dd', { className: 'rule-target', text: formatRuleTarget(result.target) }),
          ]),
          createElement('div', {}, [
            createElement('dt', { text: t('rule.failing') }),
            createElement('dd', { text: formatNumber(failingCount) }),
          ]),
        ]),
        createElement('p', { className: 'rule-summary', text: result.summary[language] }),
        result.shortfall && result.status === 'fail'
          ? createElement('p', { className: 'rule-shortfall', text: result.shortfall.sentence[language] })
          : null,
        result.reason && !result.summary[language].includes(result.reason[language]) ? createElement('p', { className: 'rule-reason', text: result.reason[language] }) : null,
        createElement('details', { className: 'rule-provenance' }, [
          createElement('summary', { text: t('rule.provenance') }),
          createElement('p', { text: result.provenance[language] }),
          result.source ? createElement('p', { className: 'rule-source', text: `${t('rule.source')}: ${result.source}` }) : null,
        ]),
        placeList,
      ],
    );
    // Anywhere on the card selects it (its button serves the keyboard); editing and the provenance keep their own clicks.
    card.addEventListener('click', (event) => {
      if ((event.target as HTMLElement).closest('.rule-edit, details, .rule-failing-places')) return;
      this.callbacks.onSelectRule(this.selected === result.ruleId ? null : result.ruleId);
    });
    return card;
  }
}
