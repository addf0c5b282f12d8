// Imports kept by reference (a worker-stored layer) resolve to the same dataset as inline ones;
// a missing stored layer is a clear error, not a silent drop.
import { describe, expect, it } from 'vitest';
import { resolveImports } from '../../workers/stored-imports.ts';
import { applyImports, type AcceptedImport, type ImportLayerData } from '../../src/core/dataset/apply-imports.ts';
import { makeDataset, township } from '../helpers/make-dataset.ts';

const layer: ImportLayerData = {
  fileName: 'clinics.csv',
  fields: [{ name: 'name', numeric: false }],
  features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [102.5, 24.3] }, properties: { name: 'A' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [102.6, 24.4] }, properties: { name: 'B' } },
  ],
};
const base = makeDataset({ townships: [township('1', { type: 'Polygon', coordinates: [[[102, 24], [103, 24], [103, 25], [102, 25], [102, 24]]] })] });
const mapping = { type: 'clinic', nameField: 'name' };

describe('stored imports', () => {
  it('resolve through the reader and apply like inline layers', async () => {
    const store = new Map([['gapmap-import:1', layer]]);
    const byReference: AcceptedImport = { name: 'clinics.csv', role: 'facilities', mapping, storeKey: 'gapmap-import:1' };
    const inline: AcceptedImport = { name: 'clinics.csv', role: 'facilities', mapping, layer };
    const resolved = await resolveImports([byReference], async (key) => store.get(key));
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(resolved.value[0].layer).toBe(layer);
    const fromStore = applyImports(base, resolved.value);
    const fromInline = applyImports(base, [inline]);
    expect(fromStore.ok && fromInline.ok).toBe(true);
    if (fromStore.ok && fromInline.ok) expect(fromStore.value.facilities).toEqual(fromInline.value.facilities);
  });

  it('report a stored layer that is gone, naming the file', async () => {
    const resolved = await resolveImports([{ name: 'clinics.csv', role: 'facilities', mapping, storeKey: 'gapmap-import:gone' }], async () => undefined);
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) {
      expect(resolved.error.code).toBe('stored-layer-missing');
      expect(resolved.error.message.en).toContain('clinics.csv');
      expect(resolved.error.message.zh).toContain('clinics.csv');
    }
  });

  it('an import with neither layer nor key is rejected by applyImports', () => {
    const result = applyImports(base, [{ name: 'x', role: 'facilities', mapping }]);
    expect(result.ok).toBe(false);
  });
});
