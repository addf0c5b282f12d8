import { describe, expect, it } from 'vitest';
import { classify, naturalBreaks } from '../../src/app/map/classify-values.ts';

describe('choropleth classes', () => {
  it('finds natural breaks between obvious clusters', () => {
    const values = [1, 2, 3, 50, 51, 52, 100, 101, 102];
    expect(naturalBreaks(values, 3)).toEqual([50, 100]);
  });

  it('puts every value in a class, ordered like the values, for each method', () => {
    const values = Float64Array.from({ length: 76 }, (_, i) => ((i * 37) % 76) * 1.3);
    for (const method of ['quantile', 'equal-interval', 'natural-breaks'] as const) {
      const classification = classify(values, method, 'viridis');
      expect(classification.colors.length).toBe(classification.breaks.length + 1);
      const sorted = [...values].sort((a, b) => a - b);
      const classes = sorted.map((value) => classification.classOf(value));
      for (let i = 1; i < classes.length; i++) expect(classes[i]).toBeGreaterThanOrEqual(classes[i - 1]);
      expect(classes[0]).toBe(0);
      expect(classes.at(-1)).toBe(classification.colors.length - 1);
    }
  });

  it('gives missing values class −1 and survives a constant metric', () => {
    const classification = classify([5, 5, NaN], 'quantile', 'blues');
    expect(classification.breaks).toEqual([]);
    expect(classification.classOf(5)).toBe(0);
    expect(classification.classOf(NaN)).toBe(-1);
  });
});
