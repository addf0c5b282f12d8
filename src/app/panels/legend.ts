// Map legend: the choropleth classes of the chosen metric, the facility symbols shown, and the
// coverage / gap swatches.
import { createElement } from '../dom/create-element.ts';
import { t } from '../i18n/app-language.ts';
import type { Classification } from '../map/classify-values.ts';
import { drawFacilitySymbol } from '../map/facility-icons.ts';
import type { MetricDefinition } from '../analysis/township-metrics.ts';
import { formatMetricValue } from './format-metric.ts';
import { formatReach } from '../i18n/format-number.ts';
import type { Reach } from '../../core/coverage/coverage-types.ts';
import { serviceLabel } from './analysis-panel.ts';

export interface LegendInput {
  metric: MetricDefinition;
  serviceType: string;
  reach: Reach;
  classification: Classification;
  facilityTypes: string[];
}

export class Legend {
  readonly element = createElement('section', { className: 'panel legend', attributes: { 'aria-labelledby': 'legend-heading', id: 'legend' } });
  private readonly symbolUrls = new Map<string, string>();

  private symbolUrl(type: string): string {
    let url = this.symbolUrls.get(type);
    if (!url) {
      url = drawFacilitySymbol(type).toDataURL();
      this.symbolUrls.set(type, url);
    }
    return url;
  }

  /** What the legend shows now (the map export draws the same classes). */
  current: LegendInput | null = null;

  render(input: LegendInput | null): void {
    this.current = input;
    const heading = createElement('h2', { attributes: { id: 'legend-heading' }, text: t('legend.heading') });
    if (!input) {
      this.element.replaceChildren(heading);
      return;
    }
    const { classification, metric } = input;
    const bounds = [classification.min, ...classification.breaks, classification.max];
    const classes = classification.colors.map((color, i) =>
      createElement('li', { dataset: { legendClass: String(i) } }, [
        createElement('span', { className: 'swatch', attributes: { style: `background:${color}` } }),
        createElement('span', { text: `${formatMetricValue(metric.format, bounds[i])} – ${formatMetricValue(metric.format, bounds[i + 1])}` }),
      ]),
    );
    const symbols = input.facilityTypes.map((type) =>
      createElement('li', {}, [
        createElement('img', { className: 'symbol', attributes: { src: this.symbolUrl(type), alt: '', width: 16, height: 16 } }),
        createElement('span', { text: serviceLabel(type) }),
      ]),
    );
    this.element.replaceChildren(
      heading,
      createElement('p', { className: 'legend-title', text: `${t(metric.label)} · ${serviceLabel(input.serviceType)} · ${formatReach(input.reach)}` }),
      createElement('ul', { className: 'legend-classes', attributes: { 'data-testid': 'legend-classes' } }, [
        ...classes,
        createElement('li', {}, [createElement('span', { className: 'swatch missing' }), createElement('span', { text: t('legend.no-data') })]),
      ]),
      createElement('ul', { className: 'legend-symbols' }, [
        ...symbols,
        createElement('li', {}, [
          createElement('span', { className: 'swatch coverage' }),
          createElement('span', { text: t('legend.coverage') }),
        ]),
        createElement('li', {}, [createElement('span', { className: 'swatch gap' }), createElement('span', { text: t('legend.gap') })]),
        createElement('li', {}, [createElement('span', { className: 'swatch highlight' }), createElement('span', { text: t('legend.highlight') })]),
      ]),
    );
  }
}
