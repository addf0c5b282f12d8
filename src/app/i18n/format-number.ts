// Numbers formatted per locale (Intl), cached per language and style.
import { parseTravelMode } from '../../core/network/travel-modes.ts';
import { currentLanguage, t } from './app-language.ts';
import type { Reach } from '../../core/coverage/coverage-types.ts';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(maximumFractionDigits: number, style: 'decimal' | 'percent' = 'decimal'): Intl.NumberFormat {
  const language = currentLanguage();
  const key = `${language}|${maximumFractionDigits}|${style}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-US', {
      maximumFractionDigits,
      minimumFractionDigits: style === 'percent' ? Math.min(1, maximumFractionDigits) : 0,
      style,
    });
    cache.set(key, format);
  }
  return format;
}

export function formatNumber(value: number, fractionDigits = 0): string {
  if (!Number.isFinite(value)) return '—';
  return formatter(fractionDigits).format(value);
}

export function formatMetres(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value >= 10_000 ? `${formatNumber(value / 1000, 1)} ${t('unit.kilometres')}` : `${formatNumber(value, 0)} ${t('unit.metres')}`;
}

/** A reach as the planner reads it: "1,000 米" or "15 分钟". */
export function formatReach(reach: Reach): string {
  if (reach.kind === 'distance') return formatMetres(reach.metres);
  const mode = parseTravelMode(reach.mode) ?? 'walk';
  return `${t(`travel-mode.${mode}`)} ${formatNumber(reach.minutes)} ${t('unit.minutes')}`;
}
