// The import dialog's "road network" role: an accepted line layer becomes the dataset's roads.
import { describe, expect, it } from 'vitest';
import { applyImports } from '../../src/core/dataset/apply-imports.ts';
import { makeDataset } from '../helpers/make-dataset.ts';

describe('road network imports', () => {
  const base = makeDataset({ townships: [] });
  const line = (coordinates: number[][], properties: Record<string, unknown>) => ({ type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates }, properties });

  it('turns a line layer into Dataset.roads, named after the file', () => {
    const layer = { fileName: '道路.shp', fields: [{ name: '道路等级', numeric: false }], features: [line([[102.5, 24.3], [102.51, 24.3]], { 道路等级: '县道' })] };
    const applied = applyImports(base, [{ role: 'roads', layer, mapping: {} }]);
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    expect(applied.value.roads?.name).toBe('道路.shp');
    expect(applied.value.roads?.lines.lineStart.length).toBe(2);
  });

  it('refuses a layer without lines, naming the file, and keeps the dataset', () => {
    const layer = { fileName: 'points.geojson', fields: [], features: [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [102.5, 24.3] }, properties: {} }] };
    const applied = applyImports(base, [{ role: 'roads', layer, mapping: {} }]);
    expect(applied.ok).toBe(false);
    if (!applied.ok) {
      expect(applied.error.file).toBe('points.geojson');
      expect(applied.error.message.zh).toMatch(/道路/);
    }
  });
});
