// The metric table: the core table (core/analysis/compute-metric-table.ts) the CLI writes as
// townships.csv / counties.csv, shown per township or per county with the whole region (全市合计)
// as its last row. Column headers are the table's own labels (capacity per 1,000 names the group it
// is per); a column without figures says why. Sortable, searchable by name, code or county,
// filterable to a rule's failing townships. A township row's click (or Enter) selects it. Every
// figure cell carries its column id and exact value (data-column, data-value): what the CSV holds.
// New figures for the same columns (a what-if edit, the rules after it) change only the cells whose
// value changed, in the rows they are in; the other rows stay the same DOM nodes, moved only when
// the sort order changed, so the selection, focus and scroll position stay.
import { createElement } from '../dom/create-element.ts';
import { currentLanguage, onLanguageChange, t } from '../i18n/app-language.ts';
import { formatNumber } from '../i18n/format-number.ts';
import type { MetricColumn, MetricRows, MetricTable } from '../../core/analysis/compute-metric-table.ts';
import { MESSAGES } from '../../core/i18n/messages.ts';
import { clipLabel } from '../../core/dataset/describe-dataset.ts';
import type { UnitSummary } from '../../../workers/protocol.ts';

export type TableLevel = 'township' | 'county';
type SortKey = 'name' | 'county' | 'code' | string;

/** The table's figure columns the panel shows, in order; `{group}` is the service's served group. */
const SHOWN = [
  'population',
  'population_covered_pct',
  'area_covered_pct',
  'population_uncovered',
  '{group}_covered_pct',
  'facilities',
  'capacity_per_1000_{group}',
  'two_step_fca_per_1000_{group}',
  'nearest_median_m',
  'nearest_p90_m',
  'failed_rule_count',
];

export interface RuleFilter {
  label: string;
  townships: Set<number>;
}

/** Units shown before the first analysis (names, no figures). */
interface UnitsOnly {
  townships: UnitSummary[];
  counties: UnitSummary[];
}

function shownColumns(table: MetricTable | null): MetricColumn[] {
  if (!table) return [];
  const group = table.service.servedGroup ?? 'people';
  const ids = SHOWN.map((id) => id.replace('{group}', group));
  return ids.map((id) => table.columns.find((column) => column.id === id)).filter((column): column is MetricColumn => column !== undefined);
}

/** A figure as the CSV prints it (the column's decimals, no trailing zeros), grouped by thousands. */
function formatFigure(column: MetricColumn, value: number): string {
  if (!Number.isFinite(value)) return '—';
  const text = formatNumber(value, column.decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return column.format === 'percent' ? `${text}%` : text;
}

/** What the header shows: the columns, their labels and why a column has no figures. */
function columnsSignature(columns: MetricColumn[]): string {
  return JSON.stringify(columns.map((column) => [column.id, column.label, column.unavailable ?? null]));
}

/** A figure cell's data-value: the exact number, empty when there is none. */
function dataValue(value: number): string {
  return Number.isNaN(value) ? '' : String(value);
}

function rowsOf(table: MetricTable | null, units: UnitsOnly, level: TableLevel): MetricRows {
  if (table) return level === 'township' ? table.townships : table.counties;
  const list = level === 'township' ? units.townships : units.counties;
  return { level, codes: list.map((u) => u.code), names: list.map((u) => u.name), counties: list.map((u) => u.parentName ?? null), values: {}, failedRules: list.map(() => []) };
}

export class TownshipTable {
  readonly element: HTMLElement;
  private readonly search = createElement('input', { attributes: { type: 'search', id: 'township-search' } });
  private readonly searchLabel = createElement('label', { attributes: { for: 'township-search' } });
  private readonly levelGroup = createElement('div', { className: 'table-level', attributes: { role: 'radiogroup', id: 'table-level' } });
  private readonly filterChip = createElement('div', { className: 'filter-chip', attributes: { id: 'rule-filter' }, dataset: {} });
  private readonly count = createElement('span', { className: 'row-count', attributes: { 'aria-live': 'polite' } });
  private readonly head = createElement('thead');
  private readonly body = createElement('tbody');
  private readonly foot = createElement('tfoot');
  private table: MetricTable | null = null;
  private units: UnitsOnly = { townships: [], counties: [] };
  private level: TableLevel = 'township';
  private sortKey: SortKey = 'code';
  private sortDescending = false;
  private ruleFilter: RuleFilter | null = null;
  private selected = -1;
  /** The body's rows by unit index (at the table's level), in the order shown; and the columns they were drawn with. */
  private shownRows = new Map<number, HTMLTableRowElement>();
  private shownColumns = '';

  constructor(private readonly onSelect: (index: number) => void, private readonly onClearFilter: () => void) {
    this.element = createElement('div', { className: 'table-panel' }, [
      createElement('div', { className: 'table-toolbar' }, [
        createElement('h2', { attributes: { id: 'table-heading' } }),
        this.levelGroup,
        this.searchLabel,
        this.search,
        this.filterChip,
        this.count,
      ]),
      createElement('div', { className: 'table-scroll', attributes: { tabindex: 0, 'aria-labelledby': 'table-heading' } }, [
        createElement('table', { className: 'township-table', attributes: { id: 'township-table', 'aria-labelledby': 'table-heading' } }, [this.head, this.body, this.foot]),
      ]),
    ]);
    this.search.addEventListener('input', () => this.renderBody());
    const select = (event: Event) => {
      const row = (event.target as HTMLElement).closest('tr');
      if (row?.dataset.index && row.dataset.level === 'township') this.onSelect(Number(row.dataset.index));
    };
    this.body.addEventListener('click', select);
    this.body.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select(event);
      }
    });
    onLanguageChange(() => this.render());
    this.render();
  }

  /** The metric table to show (null: only the units' names, before the first analysis or after a failed one). */
  setData(table: MetricTable | null, units?: UnitsOnly): void {
    const sameCodes = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((code, i) => code === b[i]);
    const sameUnits = table !== null && this.table !== null && !units && sameCodes(table.townships.codes, this.table.townships.codes) && sameCodes(table.counties.codes, this.table.counties.codes);
    this.table = table;
    if (units) this.units = units;
    if (sameUnits && columnsSignature(shownColumns(table)) === this.shownColumns) this.updateFigures();
    else this.render();
  }

  setRuleFilter(filter: RuleFilter | null): void {
    const same = filter === this.ruleFilter || (filter !== null && this.ruleFilter !== null && filter.label === this.ruleFilter.label && filter.townships.size === this.ruleFilter.townships.size && [...filter.townships].every((i) => this.ruleFilter!.townships.has(i)));
    this.ruleFilter = filter;
    if (same && (!filter || this.level === 'township')) return;
    if (filter) this.level = 'township';
    this.render();
  }

  setSelected(index: number): void {
    this.selected = index;
    for (const row of this.body.querySelectorAll<HTMLTableRowElement>('tr[aria-selected="true"]')) row.setAttribute('aria-selected', 'false');
    const row = this.body.querySelector<HTMLTableRowElement>(`tr[data-level="township"][data-index="${index}"]`);
    if (row) {
      row.setAttribute('aria-selected', 'true');
      row.scrollIntoView({ block: 'nearest' });
    }
  }

  private render(): void {
    const language = currentLanguage();
    this.element.querySelector('#table-heading')!.textContent = t('table.heading');
    this.searchLabel.textContent = t('table.search');
    this.search.placeholder = t('table.search-placeholder');
    this.levelGroup.setAttribute('aria-label', t('table.level'));
    this.levelGroup.replaceChildren(
      ...(['township', 'county'] as const).map((level) => {
        const button = createElement('button', {
          className: 'button small',
          text: t(level === 'township' ? 'table.level-township' : 'table.level-county'),
          attributes: { type: 'button', role: 'radio', 'aria-checked': String(this.level === level) },
          dataset: { level },
        });
        button.addEventListener('click', () => {
          this.level = level;
          this.render();
        });
        return button;
      }),
    );
    const columns = shownColumns(this.table);
    const keys: [SortKey, string, string | null][] = [
      ['name', t('table.name'), null],
      ...(this.level === 'township' ? [['county', t('table.county'), null] as [SortKey, string, null]] : []),
      ['code', t('table.code'), null],
      ...columns.map((column): [SortKey, string, string | null] => [column.id, column.label[language], column.unavailable ? column.unavailable[language] : null]),
    ];
    this.head.replaceChildren(
      createElement(
        'tr',
        {},
        keys.map(([key, label, reason]) => {
          const sorted = this.sortKey === key;
          const button = createElement('button', { className: 'sort-button', text: label, attributes: { type: 'button', ...(reason ? { title: reason } : {}) }, dataset: { sort: key } });
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

  private sortValue(rows: MetricRows, index: number): number | string {
    switch (this.sortKey) {
      case 'name':
        return rows.names[index];
      case 'county':
        return rows.counties[index] ?? '';
      case 'code':
        return rows.codes[index];
      default:
        return rows.values[this.sortKey]?.[index] ?? NaN;
    }
  }

  private row(rows: MetricRows, columns: MetricColumn[], i: number, level: TableLevel | 'region'): HTMLTableRowElement {
    const language = currentLanguage();
    const name = level === 'region' ? MESSAGES['metric-table.region'][language] : clipLabel(rows.names[i]);
    const cells: HTMLElement[] = [createElement('th', { attributes: { scope: 'row' }, text: name })];
    if (this.level === 'township') cells.push(createElement('td', { text: level === 'township' ? (rows.counties[i] ?? '') : '' }));
    cells.push(createElement('td', { className: 'code', text: level === 'region' ? '' : rows.codes[i] }));
    for (const column of columns) {
      const value = rows.values[column.id]?.[i] ?? NaN;
      const cell = createElement('td', { className: 'number', text: formatFigure(column, value), dataset: { column: column.id, value: dataValue(value) } });
      if (column.unavailable) cell.title = column.unavailable[language];
      cells.push(cell);
    }
    const selectable = level === 'township';
    return createElement(
      'tr',
      {
        attributes: selectable ? { tabindex: 0, 'aria-selected': String(i === this.selected) } : {},
        dataset: { level, index: String(i), code: level === 'region' ? '' : rows.codes[i], failedRules: rows.failedRules[i]?.join(';') ?? '' },
      },
      cells,
    );
  }

  private renderBody(): void {
    const rows = rowsOf(this.table, this.units, this.level);
    const columns = shownColumns(this.table);
    const indices = this.shownIndices(rows);
    this.shownRows = new Map(indices.map((i) => [i, this.row(rows, columns, i, this.level)]));
    this.shownColumns = columnsSignature(columns);
    this.body.replaceChildren(...this.shownRows.values());
    this.foot.replaceChildren(...(this.table ? [this.row(this.table.region, columns, 0, 'region')] : []));
    this.count.textContent = t('table.row-count', { shown: formatNumber(indices.length), total: formatNumber(rows.codes.length) });
  }

  /** The shown rows' indices, filtered by the rule and the search, in the sort order. */
  private shownIndices(rows: MetricRows): number[] {
    const query = this.search.value.trim().toLowerCase();
    const indices: number[] = [];
    for (let i = 0; i < rows.codes.length; i++) {
      if (this.level === 'township' && this.ruleFilter && !this.ruleFilter.townships.has(i)) continue;
      if (query && !`${rows.names[i]} ${rows.codes[i]} ${rows.counties[i] ?? ''}`.toLowerCase().includes(query)) continue;
      indices.push(i);
    }
    const direction = this.sortDescending ? -1 : 1;
    const collator = new Intl.Collator('zh-CN');
    indices.sort((a, b) => {
      const va = this.sortValue(rows, a);
      const vb = this.sortValue(rows, b);
      if (typeof va === 'string' || typeof vb === 'string') return direction * collator.compare(String(va), String(vb)) || a - b;
      const aMissing = !Number.isFinite(va);
      const bMissing = !Number.isFinite(vb);
      if (aMissing || bMissing) return aMissing === bMissing ? a - b : aMissing ? 1 : -1;
      return direction * (va - vb) || a - b;
    });
    return indices;
  }

  /** Writes a row's figures where they changed (text and data-value of those cells, its failed rules); true when any did. */
  private updateRow(element: HTMLTableRowElement, rows: MetricRows, columns: MetricColumn[], i: number): boolean {
    let changed = false;
    const cells = element.querySelectorAll<HTMLElement>('td[data-column]');
    columns.forEach((column, c) => {
      const value = rows.values[column.id]?.[i] ?? NaN;
      const cell = cells[c];
      if (cell.dataset.value === dataValue(value)) return;
      cell.dataset.value = dataValue(value);
      cell.textContent = formatFigure(column, value);
      changed = true;
    });
    const failed = rows.failedRules[i]?.join(';') ?? '';
    if (element.dataset.failedRules !== failed) {
      element.dataset.failedRules = failed;
      changed = true;
    }
    return changed;
  }

  /**
   * New figures for the same units and columns: only the cells whose value changed are written;
   * the rows are the same nodes, moved only when the sort order changed.
   */
  private updateFigures(): void {
    const rows = rowsOf(this.table, this.units, this.level);
    const columns = shownColumns(this.table);
    for (const [i, element] of this.shownRows) this.updateRow(element, rows, columns, i);
    const footer = this.foot.querySelector<HTMLTableRowElement>('tr');
    if (footer && this.table) this.updateRow(footer, this.table.region, columns, 0);
    const indices = this.shownIndices(rows);
    const order = [...this.shownRows.keys()];
    if (indices.length === order.length && indices.every((index, k) => index === order[k])) return;
    // Sorted by a figure that changed: the same rows, in the new order.
    this.shownRows = new Map(indices.map((i) => [i, this.shownRows.get(i) ?? this.row(rows, columns, i, this.level)]));
    this.body.replaceChildren(...this.shownRows.values());
  }
}
