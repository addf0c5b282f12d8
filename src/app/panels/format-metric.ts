// One place that turns a metric value into text for the current language.
import { formatMetres, formatNumber } from '../i18n/format-number.ts';
import type { MetricFormat } from '../analysis/township-metrics.ts';
import { t } from '../i18n/app-language.ts';

export function formatMetricValue(format: MetricFormat, value: number): string {
  if (format === 'minutes' && value === Infinity) return t('metric.unreachable');
  if (!Number.isFinite(value)) return '—';
  switch (format) {
    case 'percent':
      return `${formatNumber(value, 1)}%`;
    case 'count':
      return formatNumber(value, 0);
    case 'metres':
      return formatMetres(value);
    case 'ratio':
      return formatNumber(value, 2);
    case 'minutes':
      return `${formatNumber(value, 1)} ${t('unit.minutes')}`;
  }
}
