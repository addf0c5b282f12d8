// Classed choropleth scales: quantile, equal interval and natural breaks (Jenks), built on
// d3-scale's threshold scales, with colour-blind-safe sequential palettes.
import { scaleQuantile, scaleQuantize, scaleThreshold } from 'd3-scale';

export type ClassificationMethod = 'quantile' | 'equal-interval' | 'natural-breaks';
export const CLASSIFICATION_METHODS: readonly ClassificationMethod[] = ['quantile', 'equal-interval', 'natural-breaks'];

export type PaletteId = 'viridis' | 'cividis' | 'blues' | 'yellow-green-blue';
export const PALETTE_IDS: readonly PaletteId[] = ['viridis', 'cividis', 'blues', 'yellow-green-blue'];

/** Five-class sequential palettes, light (low) to dark (high); all readable with colour-vision deficiency. */
const PALETTES: Record<PaletteId, readonly string[]> = {
  viridis: ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'],
  cividis: ['#fee838', '#c3b369', '#7f7c75', '#3f4d6b', '#00204d'],
  blues: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
  'yellow-green-blue': ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
};

export interface Classification {
  /** Upper-exclusive class boundaries between classes (length = classes − 1). */
  breaks: number[];
  colors: readonly string[];
  min: number;
  max: number;
  /** Class index of a value (−1 for a missing value). */
  classOf(value: number): number;
}

/**
 * Jenks natural breaks by the Fisher–Jenks dynamic programme (minimum within-class sum of
 * squared deviations). Returns `classes − 1` inner breaks (the lower bound of each class but the first).
 */
export function naturalBreaks(values: readonly number[], classes: number): number[] {
  const data = [...values].sort((a, b) => a - b);
  const n = data.length;
  if (n === 0) return [];
  const k = Math.min(classes, n);
  const lower: number[][] = Array.from({ length: n + 1 }, () => new Array(k + 1).fill(0));
  const variance: number[][] = Array.from({ length: n + 1 }, () => new Array(k + 1).fill(Infinity));
  for (let j = 1; j <= k; j++) {
    lower[1][j] = 1;
    variance[1][j] = 0;
  }
  for (let l = 2; l <= n; l++) {
    let sum = 0;
    let sumSquares = 0;
    let w = 0;
    let v = 0;
    for (let m = 1; m <= l; m++) {
      const i3 = l - m + 1;
      const value = data[i3 - 1];
      w++;
      sum += value;
      sumSquares += value * value;
      v = sumSquares - (sum * sum) / w;
      const i4 = i3 - 1;
      if (i4 !== 0) {
        for (let j = 2; j <= k; j++) {
          if (variance[l][j] >= v + variance[i4][j - 1]) {
            lower[l][j] = i3;
            variance[l][j] = v + variance[i4][j - 1];
          }
        }
      }
    }
    lower[l][1] = 1;
    variance[l][1] = v;
  }
  const breaks: number[] = [];
  let index = n;
  for (let j = k; j >= 2; j--) {
    const start = lower[index][j] - 1;
    breaks.unshift(data[start]);
    index = start;
  }
  return breaks;
}

function uniqueSorted(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

export function classify(values: ArrayLike<number>, method: ClassificationMethod, palette: PaletteId, classes = 5): Classification {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  const min = finite.length ? Math.min(...finite) : 0;
  const max = finite.length ? Math.max(...finite) : 0;
  const allColors = PALETTES[palette];
  let breaks: number[];
  if (finite.length === 0 || min === max) breaks = [];
  else if (method === 'quantile') breaks = uniqueSorted(scaleQuantile<number>().domain(finite).range([...Array(classes).keys()]).quantiles());
  else if (method === 'equal-interval') breaks = scaleQuantize<number>().domain([min, max]).range([...Array(classes).keys()]).thresholds();
  else breaks = uniqueSorted(naturalBreaks(finite, classes));
  breaks = breaks.filter((value) => value > min && value <= max);
  const colors = breaks.length + 1 >= allColors.length ? allColors : pickColors(allColors, breaks.length + 1);
  const scale = scaleThreshold<number, number>().domain(breaks).range([...Array(breaks.length + 1).keys()]);
  return {
    breaks,
    colors,
    min,
    max,
    classOf: (value) => (Number.isFinite(value) ? scale(value) : -1),
  };
}

/** Spreads `count` colours evenly over a palette. */
function pickColors(palette: readonly string[], count: number): string[] {
  if (count <= 1) return [palette[Math.floor(palette.length / 2)]];
  return Array.from({ length: count }, (_, i) => palette[Math.round((i * (palette.length - 1)) / (count - 1))]);
}
