// The offset check's references taken from a loaded dataset: thinned points, and the boundary
// polygons (townships, else counties) as rings.
import { describe, expect, it } from 'vitest';
import { referencePointsOf, referencePolygonsOf } from '../../src/core/dataset/reference-points.ts';
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
});
