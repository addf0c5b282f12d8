// Township table: one row per township with the current service's metrics; sortable, searchable
// by Chinese name, code or county, filterable to a rule's failing townships. Row click (or Enter)
// selects the township.
import { createElement } from '../dom/create-element.ts';
import { onLanguageChange, t } from '../i18n/app-language.ts';
import { formatNumber } from '../i18n/format-number.ts';
import { METRICS, type MetricId, type MetricTable } from '../analysis/township-metrics.ts';
import type { UnitSummary } from '../../../workers/protocol.ts';
import { formatMetricValue } from './format-metric.ts';

type SortKey = 'name' | 'county' | 'code' | 'failed-rules' | MetricId;

const TABLE_METRICS: MetricId[] = [
  'population',
  'population-covered-pct',
  'area-covered-pct',
  'uncovered-population',
  'facility-count',
  'capacity-per-1000',
  'two-step-fca',
  'nearest-median',
  'nearest-p90',
  'nearest-time-median',
  'nearest-time-p90',
];

const METRIC_FORMATS = Object.fromEntries(METRICS.map((metric) => [metric.id, metric.format])) as Record<MetricId, (typeof METRICS)[number]['format']>;

export interface RuleFilter {
  label: string;
  townships: Set<number>;
}

export class TownshipTable {
  readonly element: HTMLElement;
  private readonly search = createElement('input', { attributes: { type: 'search', id: 'township-search' } });
  private readonly searchLabel = createElement('label', { attributes: { for: 'township-search' } });
  private readonly filterChip = createElement('div', { className: 'filter-chip', attributes: { id: 'rule-filter' }, dataset: {} });
  private readonly count = createElement('span', { className: 'row-count', attributes: { 'aria-live': 'polite' } });
  private readonly head = createElement('thead');
  private readonly body = createElement('tbody');
  private townships: UnitSummary[] = [];
  private metrics: MetricTable | null = null;
  private failedRules: Int32Array = new Int32Array(0);
  private sortKey: SortKey = 'code';
  private sortDescending = false;
  private ruleFilter: RuleFilter | null = null;
  private selected = -1;
  /** One row element per township, reused across updates: only changed cell texts are written. */
  private readonly rows = new Map<number, HTMLTableRowElement>();

  constructor(private readonly onSelect: (index: number) => void, private readonly onClearFilter: () => void) {
    this.element = createElement('div', { className: 'table-panel' }, [
      createElement('div', { className: 'table-toolbar' }, [
        createElement('h2', { attributes: { id: 'table-heading' } }),
        this.searchLabel,
        this.search,
        this.filterChip,
        this.count,
      ]),
      createElement('div', { className: 'table-scroll', attributes: { tabindex: 0, 'aria-labelledby': 'table-heading' } }, [
        createElement('table', { className: 'township-table', attributes: { id: 'township-table', 'aria-labelledby': 'table-heading' } }, [this.head, this.body]),
      ]),
    ]);
    this.search.addEventListener('input', () => this.renderBody());
    this.body.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest('tr');
      if (row?.dataset.index) this.onSelect(Number(row.dataset.index));
    });
    this.body.addEventListener('keydown', (event) => {
      const row = (event.target as HTMLElement).closest('tr');
      if (row?.dataset.index && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        this.onSelect(Number(row.dataset.index));
      }
    });
    onLanguageChange(() => this.render());
    this.render();
  }

  setData(townships: UnitSummary[], metrics: MetricTable | null, failedRules: Int32Array): void {
    if (townships !== this.townships) this.rows.clear();
    this.townships = townships;
    this.metrics = metrics;
    this.failedRules = failedRules;
    this.renderBody();
  }

  setRuleFilter(filter: RuleFilter | null): void {
    this.ruleFilter = filter;
    this.renderFilter();
    this.renderBody();
  }

  setSelected(index: number): void {
    this.selected = index;
    for (const row of this.body.querySelectorAll<HTMLTableRowElement>('tr[aria-selected="true"]')) row.setAttribute('aria-selected', 'false');
    const row = this.body.querySelector<HTMLTableRowElement>(`tr[data-index="${index}"]`);
    if (row) {
      row.setAttribute('aria-selected', 'true');
      row.scrollIntoView({ block: 'nearest' });
    }
  }

  private render(): void {
    this.element.querySelector('#table-heading')!.textContent = t('table.heading');
    this.searchLabel.textContent = t('table.search');
    this.search.placeholder = t('table.search-placeholder');
    const columns: [SortKey, string][] = [
      ['name', t('table.name')],
      ['county', t('table.county')],
      ['code', t('table.code')],
      ...TABLE_METRICS.map((id): [SortKey, string] => [id, t(METRICS.find((metric) => metric.id === id)!.label)]),
      ['failed-rules', t('table.failed-rules')],
    ];
    this.head.replaceChildren(
      createElement(
        'tr',
        {},
        columns.map(([key, label]) => {
          const sorted = this.sortKey === key;
          const button = createElement('button', { className: 'sort-button', text: label, attributes: { type: 'button' }, dataset: { sort: key } });
          button.addEventListener('click', () => {
            if (this.sortKey === key) this.sortDescending = !this.sortDescending;
            else {
              this.sortKey = key;
              this.sortDescending = key !== 'name' && key !== 'county' && key !== 'code';
            }
            this.render();
          });
          return createElement('th', { attributes: { scope: 'col', 'aria-sort': sorted ? (this.sortDescending ? 'descending' : 'ascending') : 'none' } }, [button]);
        }),
      ),
    );
    this.renderFilter();
    this.renderBody();
  }

  private renderFilter(): void {
    if (!this.ruleFilter) {
      this.filterChip.hidden = true;
      this.filterChip.replaceChildren();
      return;
    }
    this.filterChip.hidden = false;
    const clear = createElement('button', { className: 'button small', text: t('table.clear-filter'), attributes: { type: 'button', id: 'clear-rule-filter' } });
    clear.addEventListener('click', () => this.onClearFilter());
    this.filterChip.replaceChildren(createElement('span', { text: t('table.filtered-by', { rule: this.ruleFilter.label }) }), clear);
  }

  private sortValue(index: number): number | string {
    const township = this.townships[index];
    switch (this.sortKey) {
      case 'name':
        return township.name;
      case 'county':
        return township.parentName ?? '';
      case 'code':
        return township.code;
      case 'failed-rules':
        return this.failedRules[index] ?? 0;
      default:
        return this.metrics ? this.metrics[this.sortKey][index] : NaN;
    }
  }

  private row(i: number): HTMLTableRowElement {
    let row = this.rows.get(i);
    if (!row) {
      const township = this.townships[i];
      row = createElement(
        'tr',
        { attributes: { tabindex: 0, 'aria-selected': 'false' }, dataset: { index: String(i), code: township.code } },
        [
          createElement('th', { attributes: { scope: 'row' }, text: township.name }),
          createElement('td', { text: township.parentName ?? '' }),
          createElement('td', { className: 'code', text: township.code }),
          ...TABLE_METRICS.map((id) => createElement('td', { className: 'number', dataset: { metric: id } })),
          createElement('td', { className: 'number', dataset: { metric: 'failed-rules' } }),
        ],
      );
      this.rows.set(i, row);
    }
    const cells = row.children;
    TABLE_METRICS.forEach((id, column) => {
      const cell = cells[3 + column] as HTMLElement;
      const value = this.metrics ? this.metrics[id][i] : NaN;
      const text = formatMetricValue(METRIC_FORMATS[id], value);
      if (cell.textContent !== text) cell.textContent = text;
      const raw = String(value);
      if (cell.dataset.value !== raw) cell.dataset.value = raw;
    });
    const failedCell = cells[3 + TABLE_METRICS.length] as HTMLElement;
    const failedText = formatNumber(this.failedRules[i] ?? 0);
    if (failedCell.textContent !== failedText) failedCell.textContent = failedText;
    const selected = i === this.selected ? 'true' : 'false';
    if (row.getAttribute('aria-selected') !== selected) row.setAttribute('aria-selected', selected);
    return row;
  }

  private renderBody(): void {
    const query = this.search.value.trim().toLowerCase();
    const indices: number[] = [];
    for (let i = 0; i < this.townships.length; i++) {
      if (this.ruleFilter && !this.ruleFilter.townships.has(i)) continue;
      const township = this.townships[i];
      if (query && !`${township.name} ${township.code} ${township.parentName ?? ''}`.toLowerCase().includes(query)) continue;
      indices.push(i);
    }
    const direction = this.sortDescending ? -1 : 1;
    const collator = new Intl.Collator('zh-CN');
    indices.sort((a, b) => {
      const va = this.sortValue(a);
      const vb = this.sortValue(b);
      if (typeof va === 'string' || typeof vb === 'string') return direction * collator.compare(String(va), String(vb));
      const aMissing = !Number.isFinite(va);
      const bMissing = !Number.isFinite(vb);
      if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
      return direction * (va - vb) || a - b;
    });
    const rows = indices.map((i) => this.row(i));
    this.body.replaceChildren(...rows);
    this.count.textContent = t('table.row-count', { shown: formatNumber(indices.length), total: formatNumber(this.townships.length) });
  }
}
