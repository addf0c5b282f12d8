// A GeoTIFF given to the app's import dialog becomes a layer of population points: one per cell
// with people, at the cell's centre (computed by hand here), only under the data already loaded,
// with progress; a file that is not a readable GeoTIFF is an error value in both languages.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importPopulationRaster, isGeoTiff } from '../../src/core/raster/import-population-raster.ts';
import { writeGeoTiff } from '../../src/core/raster/write-geotiff.ts';
import { loadGeoTiff } from './load-geotiff.ts';

await loadGeoTiff(); // geotiff.js needs its Worker stand-in under Vitest before the importer loads it

const NODATA = -1;
/** 5 × 3 cells of 0.01° at (102.00 E, 24.60 N): one nodata, one empty. */
const values = [1, 2, NODATA, 4, 5, 6, 0, 8, 9, 10, 11, 12, 13, 14, 15.5];
const bytes = new Uint8Array(
  writeGeoTiff({
    width: 5, height: 3, values, sampleType: 'float32', originX: 102, originY: 24.6, cellWidth: 0.01, cellHeight: 0.01,
    crs: 4326, noData: NODATA, compression: 'deflate', deflate: (b) => deflateSync(b), tile: 16,
  }),
);
const file = { name: 'pop.tif', bytes };

describe('importPopulationRaster', () => {
  it('recognises TIFF files by their first bytes, whatever their name', () => {
    expect(isGeoTiff(file)).toBe(true);
    expect(isGeoTiff({ name: 'pop.tif', bytes: new TextEncoder().encode('lon,lat\n1,2\n') })).toBe(false);
    expect(isGeoTiff({ name: 'x.bin', bytes: Uint8Array.of(0x4d, 0x4d, 0, 42) })).toBe(true);
  });

  it('gives one point per populated cell at its centre, with its head count, and reports progress', async () => {
    const stages: string[] = [];
    const result = await importPopulationRaster(file, {}, { onProgress: (_, stage) => stages.push(stage) });
    if (!result.ok) throw new Error(result.error.message.en);
    const layer = result.value;
    expect(layer.format).toBe('geotiff');
    expect(layer.crs.applied).toBe('EPSG:4326');
    expect(layer.fields).toEqual([{ name: 'population', numeric: true }]);
    expect(layer.loadedCount).toBe(13);
    const byValue = new Map(layer.features.map((f) => [f.properties!.population as number, (f.geometry as { coordinates: number[] }).coordinates]));
    // Cell (column 4, row 2) holds 15.5: centre 102.045 E, 24.575 N.
    const [lon, lat] = byValue.get(15.5)!;
    expect(lon).toBeCloseTo(102.045, 12);
    expect(lat).toBeCloseTo(24.575, 12);
    expect(byValue.has(0)).toBe(false);
    expect(stages).toContain('raster');
  });

  it('reads only the cells under the data already loaded', async () => {
    const result = await importPopulationRaster(file, { referenceBBox: [102.0, 24.58, 102.02, 24.6] });
    if (!result.ok) throw new Error(result.error.message.en);
    // Columns 0–1 of rows 0–1 have their centres inside: 1, 2, 6 (and the empty cell is left out).
    expect(result.value.features.map((f) => f.properties!.population).sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 6]);
  });

  it('turns an unreadable file or one without people there into an error value in both languages', async () => {
    const broken = await importPopulationRaster({ name: 'broken.tif', bytes: Uint8Array.of(0x49, 0x49, 42, 0, 255, 255, 255, 255) }, {});
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.error.message.zh).toMatch(/栅格/);
      expect(broken.error.message.en).toMatch(/raster/);
    }
    const elsewhere = await importPopulationRaster(file, { referenceBBox: [110, 30, 111, 31] });
    expect(elsewhere.ok).toBe(false);
    if (!elsewhere.ok) expect(elsewhere.error.code).toBe('empty-layer');
  });
});
