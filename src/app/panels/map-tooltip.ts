// Hover tooltip over the map: feature properties shown as text, never as HTML.
import { createElement } from '../dom/create-element.ts';
import { t, translateOr } from '../i18n/app-language.ts';
import { formatNumber } from '../i18n/format-number.ts';
import type { HoverTarget } from '../map/map-view.ts';
import { serviceLabel } from './analysis-panel.ts';

export class MapTooltip {
  constructor(private readonly element: HTMLElement) {}

  show(target: HoverTarget | null, point: { x: number; y: number }, townshipLines: (index: number) => string | string[]): void {
    if (!target) {
      this.element.hidden = true;
      return;
    }
    const properties = target.properties;
    const lines: string[] = [];
    switch (target.layer) {
      case 'townships':
        lines.push(String(properties.name ?? ''), ...[townshipLines(target.id)].flat());
        break;
      case 'facilities':
        lines.push(String(properties.name ?? ''), serviceLabel(String(properties.type ?? '')));
        if (properties.capacity !== '' && properties.capacity !== undefined) lines.push(`${t('tooltip.capacity')}: ${formatNumber(Number(properties.capacity))}`);
        break;
      case 'places':
        lines.push(String(properties.name ?? ''), translateOr(`place-kind.${String(properties.kind)}`, String(properties.kind)));
        break;
      case 'gaps':
        lines.push(
          `${String(properties.name ?? '')} · ${t('legend.gap')}`,
          `${t('tooltip.uncovered-population')}: ${formatNumber(Number(properties.uncovered_population ?? 0))}`,
          `${t('tooltip.uncovered-area')}: ${formatNumber(Number(properties.uncovered_km2 ?? 0), 1)} km²`,
        );
        break;
    }
    this.element.replaceChildren(...lines.filter(Boolean).map((line, i) => createElement(i === 0 ? 'strong' : 'span', { text: line })));
    this.element.hidden = false;
    this.element.style.transform = `translate(${Math.round(point.x + 14)}px, ${Math.round(point.y + 14)}px)`;
  }
}
