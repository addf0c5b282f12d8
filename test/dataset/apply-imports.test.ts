import { describe, expect, it } from 'vitest';
import { applyImportLayers, applyImports, EMPTY_DATASET, type AcceptedImport } from '../../src/core/dataset/apply-imports.ts';
import { importLayer } from '../../src/core/import/import-layer.ts';
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

  /** A CSV read as the CLI reads it: a point table (typed columns), no feature per row. */
  async function csvLayer(name: string, text: string) {
    const read = await importLayer([{ name, bytes: new TextEncoder().encode(text) }], { pointTable: true, role: 'facilities' });
    if (!read.ok) throw new Error(read.error.message.en);
    expect(read.value.points?.count).toBeGreaterThan(0);
    expect(read.value.features).toEqual([]);
    return read.value;
  }

  it('keeps every imported file of a service, replacing only the dataset\'s own; ids taken already get the file name', async () => {
    const first = await csvLayer('a.csv', 'id,name,lon,lat,places\nN1,甲,102.51,24.31,30\nN2,乙,102.52,24.31,20\n');
    const second = await csvLayer('b.csv', 'id,name,lon,lat,places\nN1,丙,102.53,24.31,10\n');
    const mapping = { type: 'nursery', idField: 'id', nameField: 'name', capacityField: 'places' };
    const result = applyImports(demo, [
      { name: '/data/a.csv', role: 'facilities', mapping, layer: first },
      { name: '/data/b.csv', role: 'facilities', mapping, layer: second },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const nurseries = result.value.facilities.filter((facility) => facility.type === 'nursery');
    expect(nurseries.map((facility) => [facility.id, facility.name, facility.capacity])).toEqual([
      ['N1', '甲', 30],
      ['N2', '乙', 20],
      ['b.csv:N1', '丙', 10],
    ]);
    expect(result.value.facilities.filter((facility) => facility.type === 'elder-daycare')).toEqual(demo.facilities.filter((facility) => facility.type === 'elder-daycare'));
  });

  it('lays boundaries by level (townships, counties, areas of interest), population cells as given, and returns each layer\'s problems and notes', async () => {
    const twins = boundaries('name');
    twins.layer!.features[1].properties = { name: '乙镇', code: '1' };
    const county: AcceptedImport = { ...boundaries('name'), name: 'county.geojson', mapping: { nameField: 'name', codeField: 'code', level: 'county' } };
    const area: AcceptedImport = { ...boundaries('name'), name: 'area.geojson', mapping: { nameField: 'name', codeField: 'code', level: 'city' } };
    const cells = { lon: Float64Array.of(102.55), lat: Float64Array.of(24.35), population: Float64Array.of(42), cohorts: {} };
    const people = await csvLayer('people.csv', 'lon,lat,pop\n102.55,24.35,12\n102.56,24.35,abc\n');
    const result = applyImportLayers(EMPTY_DATASET, [twins, county, area, { name: 'pop.tif', role: 'population', mapping: {}, cells }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { dataset, problems, notes } = result.value;
    expect(dataset.townships.map((unit) => unit.code)).toEqual(['1', '1#2']);
    expect(dataset.counties.map((unit) => [unit.level, unit.name])).toEqual([['county', '<img src=x onerror=alert(1)>'], ['county', '乙镇']]);
    expect(dataset.areas.map((unit) => unit.level)).toEqual(['city', 'city']);
    expect(dataset.population).toBe(cells);
    expect(problems).toHaveLength(4);
    expect(notes.map((note) => note.en)).toEqual(["duplicate code: 乙镇's code 1 is written as 1#2 in the outputs"]);
    const table = applyImportLayers(dataset, [{ name: 'people.csv', role: 'population', mapping: { populationField: 'pop' }, layer: people }]);
    expect(table.ok && Array.from(table.value.dataset.population.population)).toEqual([12]);
    expect(table.ok && table.value.problems[0].map((problem) => [problem.code, problem.field])).toEqual([['non-numeric-value', 'pop']]);
  });
});
