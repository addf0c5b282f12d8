import { describe, expect, it } from 'vitest';
import { applyImports, type AcceptedImport } from '../../src/core/dataset/apply-imports.ts';
import { loadDemoDataset } from '../../scripts/lib/load-demo-dataset.ts';

const square = (x: number, y: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]],
});

const boundaries = (nameField: string): AcceptedImport => ({
  name: 'towns.geojson',
  role: 'boundaries',
  mapping: { nameField, codeField: 'code', level: 'township' },
  layer: {
    fileName: 'towns.geojson',
    fields: [{ name: 'name', numeric: false }, { name: 'code', numeric: false }],
    features: [
      { type: 'Feature', geometry: square(102.5, 24.3), properties: { name: '<img src=x onerror=alert(1)>', code: '1' } },
      { type: 'Feature', geometry: square(102.6, 24.3), properties: { name: '乙镇', code: '2' } },
    ],
  },
});

describe('imported layers over the dataset', () => {
  const demo = loadDemoDataset();

  it('replaces the townships with imported boundaries, names kept as given', () => {
    const result = applyImports(demo, [boundaries('name')]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.townships.map((unit) => unit.name)).toEqual(['<img src=x onerror=alert(1)>', '乙镇']);
    expect(result.value.facilities).toBe(demo.facilities);
    expect(demo.townships.length).toBe(76);
  });

  it('keeps townships that share a code apart, as the CLI does (code, code#2)', () => {
    const twins = boundaries('name');
    twins.layer!.features[1].properties = { name: '乙镇', code: '1' };
    const result = applyImports(demo, [twins]);
    expect(result.ok && result.value.townships.map((unit) => unit.code)).toEqual(['1', '1#2']);
  });

  it('fails as a value, naming the file, and leaves the dataset as it was', () => {
    const result = applyImports(demo, [boundaries('no_such_field')]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.file).toBe('towns.geojson');
    expect(result.error.message.zh).not.toBe('');
    expect(demo.townships.length).toBe(76);
  });

  it('adds facilities of a new type and replaces those of the same type', () => {
    const facilities: AcceptedImport = {
      name: 'clinics.csv',
      role: 'facilities',
      mapping: { type: 'nursery', nameField: 'name', capacityField: 'places' },
      layer: {
        fileName: 'clinics.csv',
        fields: [{ name: 'name', numeric: false }, { name: 'places', numeric: true }],
        features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [102.5, 24.3] }, properties: { name: '新托育', places: 30 } }],
      },
    };
    const result = applyImports(demo, [facilities]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const nurseries = result.value.facilities.filter((facility) => facility.type === 'nursery');
    expect(nurseries.map((facility) => facility.name)).toEqual(['新托育']);
    expect(result.value.facilities.length).toBe(demo.facilities.length - demo.facilities.filter((f) => f.type === 'nursery').length + 1);
  });
});
