// The offset check's references taken from a loaded dataset: thinned points, and the boundary
// polygons (townships, else counties) as rings.
import { describe, expect, it } from 'vitest';
import { boundaryVertices, referencePointsOf, referencePolygonsOf } from '../../src/core/dataset/reference-points.ts';
import { EMPTY_DATASET } from '../../src/core/dataset/apply-imports.ts';
import type { AdminUnit, Dataset } from '../../src/core/types.ts';

const ring = (x: number, y: number) => [[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]];
const unit = (code: string, geometry: AdminUnit['geometry']): AdminUnit => ({ code, name: code, level: 'township', geometry }) as AdminUnit;

describe('reference polygons of a dataset', () => {
  it('lists every polygon of the townships (a MultiPolygon gives each of its parts), else of the counties', () => {
    const townships = [unit('1', { type: 'Polygon', coordinates: [ring(102, 24)] }), unit('2', { type: 'MultiPolygon', coordinates: [[ring(102.1, 24)], [ring(102.3, 24), ring(102.32, 24.02)]] })];
    const dataset: Dataset = { ...EMPTY_DATASET, townships };
    expect(referencePolygonsOf(dataset)).toEqual([[ring(102, 24)], [ring(102.1, 24)], [ring(102.3, 24), ring(102.32, 24.02)]]);
    expect(referencePolygonsOf({ ...EMPTY_DATASET, counties: [unit('9', { type: 'Polygon', coordinates: [ring(101, 23)] })] })).toEqual([[ring(101, 23)]]);
    expect(referencePolygonsOf(EMPTY_DATASET)).toEqual([]);
    expect(referencePointsOf(dataset).length).toBe(5 + 5 + 10);
  });

  it('thins boundary vertices to every step-th of them all (in order, the first kept)', () => {
    const townships = Array.from({ length: 30 }, (_, k) => unit(String(k), k % 3 === 0 ? { type: 'MultiPolygon', coordinates: [[ring(100 + k, 24)], [ring(100 + k, 25), ring(100 + k + 0.02, 25.02)]] } : { type: 'Polygon', coordinates: [ring(100 + k, 24)] }));
    const all = townships.flatMap((t) => (t.geometry.type === 'Polygon' ? [t.geometry.coordinates] : t.geometry.coordinates)).flat(2) as number[][];
    for (const limit of [1, 7, 50, 200, 1000]) {
      const step = Math.max(1, Math.ceil(all.length / limit));
      expect(boundaryVertices(townships, limit)).toEqual(all.filter((_, i) => i % step === 0).map(([lon, lat]) => [lon, lat]));
      expect(boundaryVertices(townships, limit).length).toBeLessThanOrEqual(limit);
    }
  });
});
