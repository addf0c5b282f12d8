// Deterministic number formatting for rule sentences (no locale dependence: the same text in the
// browser, the worker, the CLI and tests).

/** 12400 → "12,400"; 4.567 with 1 decimal → "4.6". */
export function formatNumber(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '-∞' : '—';
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + grouped + (fraction ? '.' + fraction : '');
}

/** 42.1234 → "42.1%". */
export function formatPercent(value: number, decimals = 1): string {
  return `${formatNumber(value, decimals)}%`;
}

/** Rounds to a number of decimals (figures in results and tables). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Rounds to hundredths: km², ratios per 1,000. */
export const round2 = (value: number): number => roundTo(value, 2);
