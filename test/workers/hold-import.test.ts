// The worker keeps a large import under review and sends the page a preview sample with the full
// extent; the page takes all the features only on accept.
import { describe, expect, it } from 'vitest';
import type { ImportedFeature } from '../../src/core/geojson-types.ts';
import type { ImportedLayer } from '../../src/core/import/import-layer.ts';
import { holdImport, releaseHeld, takeHeldFeatures } from '../../workers/hold-import.ts';

function pointLayer(count: number): ImportedLayer {
  const features: ImportedFeature[] = Array.from({ length: count }, (_, i) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [102 + i / 100, 24 - i / 200] },
    properties: { 名称: `设施${i}` },
  }));
  return { fileName: 'points.csv', format: 'csv', crs: { detected: 'EPSG:4326', applied: 'EPSG:4326', source: 'guess' }, features, fields: [{ name: '名称', numeric: false }], geometryTypes: ['Point'], problems: [], loadedCount: count, problemCount: 0 };
}

describe('holdImport', () => {
  it('sends a small layer whole and holds nothing', () => {
    const reviewed = holdImport(pointLayer(5), 10);
    expect(reviewed.features).toHaveLength(5);
    expect(reviewed.previewCount).toBe(5);
    expect(reviewed.heldId).toBeUndefined();
    expect(reviewed.extent).toEqual([102, 24 - 4 / 200, 102.04, 24]);
  });

  it('sends an evenly spread sample of a large layer, with the extent of all of it, and hands over every feature once', () => {
    const layer = pointLayer(30);
    const reviewed = holdImport(layer, 10);
    expect(reviewed.features.map((feature) => feature.properties['名称'])).toEqual(Array.from({ length: 10 }, (_, i) => `设施${i * 3}`));
    expect(reviewed.previewCount).toBe(10);
    expect(reviewed.loadedCount).toBe(30);
    expect(reviewed.extent).toEqual([102, 24 - 29 / 200, 102.29, 24]);
    expect(reviewed.heldId).toBeTypeOf('number');
    expect(takeHeldFeatures(reviewed.heldId as number)).toBe(layer.features);
    expect(takeHeldFeatures(reviewed.heldId as number)).toBeUndefined();
  });

  it('keeps overlapping reads apart and forgets a released one', () => {
    const first = holdImport(pointLayer(30), 10);
    const second = holdImport(pointLayer(40), 10);
    releaseHeld(first.heldId as number);
    expect(takeHeldFeatures(first.heldId as number)).toBeUndefined();
    expect(takeHeldFeatures(second.heldId as number)).toHaveLength(40);
  });

  it('counts polygon vertices for the budget and keeps features without geometry out of the extent', () => {
    const square: ImportedFeature = { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[101.5, 23.5], [101.6, 23.5], [101.6, 23.6], [101.5, 23.6], [101.5, 23.5]]] }, properties: {} };
    const empty: ImportedFeature = { type: 'Feature', geometry: null, properties: {} };
    const layer = { ...pointLayer(0), features: [square, empty, square, empty], geometryTypes: ['Polygon'], loadedCount: 4 };
    const reviewed = holdImport(layer, 5);
    expect(reviewed.features).toEqual([square, square]);
    expect(reviewed.extent).toEqual([101.5, 23.5, 101.6, 23.6]);
    releaseHeld(reviewed.heldId as number);
  });
});
