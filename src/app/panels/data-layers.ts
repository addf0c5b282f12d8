// The project's data layers: the demo's synthetic layers still in use, then each layer the planner
// imported — role, file, feature count, coordinate system — with replace and remove. Text only
// (file names are data: never HTML).
import { createElement } from '../dom/create-element.ts';
import { onLanguageChange, t, translated } from '../i18n/app-language.ts';
import { formatNumber } from '../i18n/format-number.ts';
import type { ProjectLayerRow } from '../analysis/project-layers.ts';
import { clipLabel } from '../../core/dataset/describe-dataset.ts';

export interface DataLayerActions {
  onReplace(index: number): void;
  onRemove(index: number): void;
}

export class DataLayers {
  readonly element: HTMLElement;
  private readonly list = createElement('ul', { className: 'data-layer-list', attributes: { id: 'data-layers' } });
  private rows: ProjectLayerRow[] = [];

  constructor(private readonly actions: DataLayerActions) {
    this.element = createElement('section', { className: 'panel', attributes: { 'aria-labelledby': 'data-layers-heading' } }, [
      translated(createElement('h2', { attributes: { id: 'data-layers-heading' } }), 'data-layers.heading'),
      this.list,
    ]);
    onLanguageChange(() => this.render());
    this.render();
  }

  update(rows: ProjectLayerRow[]): void {
    this.rows = rows;
    this.render();
  }

  private render(): void {
    if (this.rows.length === 0) {
      this.list.replaceChildren(createElement('li', { className: 'data-layer-empty', text: t('data-layers.none') }));
      return;
    }
    this.list.replaceChildren(...this.rows.map((row) => (row.source === 'synthetic' ? this.syntheticRow(row) : this.importRow(row))));
  }

  private syntheticRow(row: Extract<ProjectLayerRow, { source: 'synthetic' }>): HTMLElement {
    const facts = [t('data-layers.synthetic'), row.count === null ? null : t('data-layers.count', { count: formatNumber(row.count) })].filter(Boolean).join(' · ');
    return createElement('li', { className: 'data-layer synthetic', dataset: { source: 'synthetic', layer: row.layer } }, [
      createElement('span', { className: 'data-layer-role', text: t(`data-layers.demo.${row.layer}`) }),
      createElement('span', { className: 'data-layer-facts', text: facts }),
    ]);
  }

  private importRow(row: Extract<ProjectLayerRow, { source: 'import' }>): HTMLElement {
    const name = clipLabel(row.name);
    const facts = [
      row.count === null ? null : t('data-layers.count', { count: formatNumber(row.count) }),
      row.crs ? clipLabel(row.crs) : null,
      row.readablePart ? t('data-layers.readable-part', { read: formatNumber(row.readablePart.featuresRead), atLeast: formatNumber(row.readablePart.featuresAtLeast) }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
    const replace = createElement('button', { className: 'button subtle small', text: t('data-layers.replace'), attributes: { type: 'button', 'aria-label': t('data-layers.replace-named', { name }) }, dataset: { action: 'replace' } });
    const remove = createElement('button', { className: 'button subtle small', text: t('data-layers.remove'), attributes: { type: 'button', 'aria-label': t('data-layers.remove-named', { name }) }, dataset: { action: 'remove' } });
    replace.addEventListener('click', () => this.actions.onReplace(row.index));
    remove.addEventListener('click', () => this.actions.onRemove(row.index));
    return createElement('li', { className: 'data-layer', dataset: { source: 'import', index: String(row.index), role: row.role } }, [
      createElement('span', { className: 'data-layer-role', text: t(`import-dialog.role.${row.role}`) }),
      createElement('span', { className: 'data-layer-name', text: name, attributes: { title: name } }),
      createElement('span', { className: 'data-layer-facts', text: facts }),
      createElement('span', { className: 'data-layer-actions' }, [replace, remove]),
    ]);
  }
}
