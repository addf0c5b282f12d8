// Township detail: every service's coverage, nearest-facility distances and capacity per 1,000
// in one township, and the rules it fails. Opened from the table or the map.
import { createElement } from '../dom/create-element.ts';
import { currentLanguage, t } from '../i18n/app-language.ts';
import { formatMetres, formatNumber, formatReach } from '../i18n/format-number.ts';
import type { Reach } from '../../core/coverage/coverage-types.ts';
import type { UnitSummary } from '../../../workers/protocol.ts';
import type { RuleResult } from '../../core/rules/rule-types.ts';
import { serviceLabel } from './analysis-panel.ts';
import { formatMetricValue } from './format-metric.ts';

export interface ServiceFigures {
  type: string;
  reach: Reach;
  populationCoveredPct: number;
  areaCoveredPct: number;
  facilityCount: number;
  capacityPer1000: number;
  nearestMedian: number;
  nearestP90: number;
  /** Minutes over the roads (a travel-time reach; Infinity: unreachable); NaN for a distance. */
  nearestTimeMedian: number;
  nearestTimeP90: number;
}

export class TownshipDetail {
  private index = -1;

  constructor(private readonly element: HTMLElement, private readonly onClose: () => void) {
    element.setAttribute('aria-labelledby', 'detail-heading');
  }

  get openIndex(): number {
    return this.index;
  }

  close(): void {
    this.index = -1;
    this.element.hidden = true;
    this.element.replaceChildren();
  }

  render(index: number, township: UnitSummary, population: number, services: ServiceFigures[] | null, failed: RuleResult[]): void {
    this.index = index;
    this.element.hidden = false;
    const language = currentLanguage();
    const close = createElement('button', { className: 'button small subtle close', text: '×', attributes: { type: 'button', 'aria-label': t('detail.close') } });
    close.addEventListener('click', () => this.onClose());
    const rows = (services ?? []).map((service) =>
      createElement('tr', { dataset: { service: service.type } }, [
        createElement('th', { attributes: { scope: 'row' }, text: serviceLabel(service.type) }),
        createElement('td', { className: 'number', text: formatReach(service.reach) }),
        createElement('td', { className: 'number', text: Number.isFinite(service.populationCoveredPct) ? `${formatNumber(service.populationCoveredPct, 1)}%` : '—' }),
        createElement('td', { className: 'number', text: Number.isFinite(service.areaCoveredPct) ? `${formatNumber(service.areaCoveredPct, 1)}%` : '—' }),
        createElement('td', { className: 'number', text: formatNumber(service.facilityCount) }),
        createElement('td', { className: 'number', text: Number.isFinite(service.capacityPer1000) ? formatNumber(service.capacityPer1000, 2) : '—' }),
        createElement('td', { className: 'number', text: formatMetres(service.nearestMedian) }),
        createElement('td', { className: 'number', text: formatMetres(service.nearestP90) }),
        createElement('td', {
          className: 'number',
          dataset: { cell: 'nearest-time' },
          text: Number.isNaN(service.nearestTimeMedian) ? '—' : `${formatMetricValue('minutes', service.nearestTimeMedian)} / ${formatMetricValue('minutes', service.nearestTimeP90)}`,
        }),
      ]),
    );
    const headers = ['detail.service', 'detail.reach', 'detail.population-covered', 'detail.area-covered', 'detail.facilities', 'detail.capacity-per-1000', 'detail.nearest-median', 'detail.nearest-p90', 'detail.nearest-time'] as const;
    this.element.replaceChildren(
      createElement('div', { className: 'detail-head' }, [
        createElement('h2', { attributes: { id: 'detail-heading' }, text: township.name }),
        close,
      ]),
      createElement('p', { className: 'detail-meta', text: `${township.parentName ?? ''} · ${t('table.code')} ${township.code} · ${t('metric.population')} ${formatNumber(population)}` }),
      createElement('h3', { text: t('detail.services') }),
      services
        ? createElement('div', { className: 'detail-scroll' }, [
            createElement('table', { className: 'detail-table' }, [
              createElement('thead', {}, [createElement('tr', {}, headers.map((key) => createElement('th', { attributes: { scope: 'col' }, text: t(key) })))]),
              createElement('tbody', {}, rows),
            ]),
          ])
        : createElement('p', { className: 'hint', text: t('detail.computing') }),
      createElement('h3', { text: t('detail.failed-rules') }),
      failed.length
        ? createElement('ul', { className: 'detail-rules' }, failed.map((result) => createElement('li', { text: result.title[language] })))
        : createElement('p', { className: 'hint', text: t('detail.no-failed-rules') }),
    );
  }
}
