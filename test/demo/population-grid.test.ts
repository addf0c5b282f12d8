// The population grid format: writer → JSON text → parser → cells, with centroids through proj4.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPopulationGrid } from '../../src/core/population/read-population-grid.ts';
import {
  cellCentroid,
  encodePopulationGrid,
  parsePopulationGrid,
  populatedCellIndices,
  populationCellsFromGrid,
  serializePopulationGrid,
} from '../../src/core/population/population-grid.ts';

const GK_102 = '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const header = {
  name: 'test grid (synthetic)',
  description: 'synthetic',
  crs: 'EPSG:4543',
  proj4: GK_102,
  origin: [499500, 2657000] as [number, number],
  cellSize: 250,
  cols: 4,
  rows: 3,
};

describe('population grid format', () => {
  const grid = encodePopulationGrid(header, {
    index: [9, 2, 0, 5, 11],
    population: [40, 12, 7, 0, 3],
    cohorts: { age0_3: [2, 1, 0, 0, 0], age60plus: [9, 3, 2, 0, 1] },
  });

  it('stores populated cells only, sorted, as index differences, with totals', () => {
    expect(grid.cellIndexDeltas).toEqual([0, 2, 7, 2]);
    expect(populatedCellIndices(grid)).toEqual(Uint32Array.from([0, 2, 9, 11]));
    expect(grid.population).toEqual([7, 12, 40, 3]);
    expect(grid.cohorts).toEqual({ age0_3: [0, 1, 2, 0], age60plus: [2, 3, 9, 1] });
    expect(grid.totals).toEqual({ cells: 4, population: 62, cohorts: { age0_3: 3, age60plus: 15 } });
  });

  it('round-trips through JSON text and back to cells with lon/lat centroids', () => {
    const parsed = parsePopulationGrid(JSON.parse(serializePopulationGrid(grid)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toEqual(grid);
    // cell 2 = row 0, col 2: centroid x = 499500 + 2.5·250 = 500125, y = 2657000 − 125
    expect(cellCentroid(parsed.value, 2)).toEqual([500125, 2656875]);
    const cells = populationCellsFromGrid(parsed.value);
    expect(Array.from(cells.population)).toEqual([7, 12, 40, 3]);
    expect(Array.from(cells.cohorts.age60plus)).toEqual([2, 3, 9, 1]);
    expect(cells.cellSizeMetres).toBe(250);
    // cell 0 (col 0): x = 499625, 375 m west of the central meridian 102°E; ~24° N
    expect(cells.lon[0]).toBeLessThan(102);
    expect(cells.lon[0]).toBeCloseTo(102 - 375 / (111320 * Math.cos((24.02 * Math.PI) / 180)), 5);
    expect(cells.lat[0]).toBeGreaterThan(24.0);
    expect(cells.lat[0]).toBeLessThan(24.05);
    // cells 0 and 2 are 500 m apart on one row: same latitude to ~1e-7°
    expect(Math.abs(cells.lat[0] - cells.lat[1])).toBeLessThan(1e-6);
    // row 2 lies 500 m south of row 0
    expect((cells.lat[0] - cells.lat[2]) * 110800).toBeCloseTo(500, -1);
  });

  it('rejects what is not a grid, with a bilingual message', () => {
    const cases: unknown[] = [
      null,
      { ...grid, format: 'other' },
      { ...grid, cols: 0 },
      { ...grid, origin: [1] },
      { ...grid, population: [1, 2] },
      { ...grid, cohorts: { age0_3: [1] } },
      { ...grid, cellIndexDeltas: [0, 2, 7, 5] },
      { ...grid, cellIndexDeltas: [0, 0, 7, 2] },
    ];
    for (const input of cases) {
      const result = parsePopulationGrid(input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message.zh.length).toBeGreaterThan(0);
        expect(result.error.message.en.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('reading a grid file straight into typed arrays', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const demoBytes = new Uint8Array(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'demo', 'population-grid.json')));

  it('gives the same grid and cells as JSON.parse, with Float64Arrays for the big arrays', () => {
    const typed = readPopulationGrid(demoBytes);
    const plain = parsePopulationGrid(JSON.parse(new TextDecoder().decode(demoBytes)));
    expect(typed.ok && plain.ok).toBe(true);
    if (!typed.ok || !plain.ok) return;
    expect(typed.value.population).toBeInstanceOf(Float64Array);
    expect(typed.value.cellIndexDeltas).toBeInstanceOf(Float64Array);
    for (const name of plain.value.cohortNames) expect(typed.value.cohorts[name]).toBeInstanceOf(Float64Array);
    expect(Array.from(typed.value.population)).toEqual(plain.value.population);
    expect(Array.from(typed.value.cellIndexDeltas)).toEqual(plain.value.cellIndexDeltas);
    for (const name of plain.value.cohortNames) expect(Array.from(typed.value.cohorts[name])).toEqual(plain.value.cohorts[name]);
    for (const key of ['format', 'version', 'name', 'description', 'crs', 'proj4', 'origin', 'cellSize', 'cols', 'rows', 'cohortNames', 'totals'] as const) {
      expect(typed.value[key], key).toEqual(plain.value[key]);
    }
    expect(typed.value.population.length).toBe(plain.value.totals.cells);
  });

  it('reads what serializePopulationGrid writes, decimals and exponents included', () => {
    const grid = encodePopulationGrid(header, { index: [0, 3, 7], population: [1.5, 2e3, 40], cohorts: { age0_3: [0.25, 1, 2] } });
    const read = readPopulationGrid(bytes(serializePopulationGrid(grid)));
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(Array.from(read.value.population)).toEqual([1.5, 2000, 40]);
      expect(Array.from(read.value.cohorts.age0_3)).toEqual([0.25, 1, 2]);
    }
  });

  it('reports a broken or wrong file with the parser\'s bilingual messages', () => {
    const grid = encodePopulationGrid(header, { index: [0, 3], population: [1, 2], cohorts: {} });
    const text = serializePopulationGrid(grid);
    for (const broken of [text.slice(0, text.length / 2), text.replace('"population": [1,2]', '"population": [1,"x"]'), text.replace('"cellIndexDeltas": [0,3]', '"cellIndexDeltas": [0,3,4]'), '[]']) {
      const result = readPopulationGrid(bytes(broken));
      expect(result.ok, broken.slice(0, 40)).toBe(false);
      if (!result.ok) {
        expect(result.error.message.zh.length).toBeGreaterThan(0);
        expect(result.error.message.en.length).toBeGreaterThan(0);
      }
    }
  });
});
