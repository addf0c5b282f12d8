// Population rasters against answers computed by hand: cell centres from the grid's own
// definition (to the metre, measured with GeographicLib or along the meridian), the Mollweide
// inverse in closed form, nodata and zero cells counted by hand, windows clipped to an extent.
// The GeoTIFFs are written by the test itself (src/core/raster/write-geotiff.ts), in every layout we read.
import { describe, expect, it } from 'vitest';
import { readPopulationRaster, type PopulationRasterInput } from '../../src/core/raster/read-population-raster.ts';
import { geodesicDistance } from '../helpers/geodesic-reference.ts';
import { deflateSync } from 'node:zlib';
import { writeGeoTiff, type RasterToWrite } from '../../src/core/raster/write-geotiff.ts';

/** Test rasters compress with node:zlib. */
const writeTestGeoTiff = (raster: RasterToWrite) => writeGeoTiff({ deflate: (bytes) => deflateSync(bytes), ...raster });
import { loadGeoTiff } from './load-geotiff.ts';

const { fromArrayBuffer } = await loadGeoTiff();

const open = (raster: RasterToWrite) => fromArrayBuffer(writeTestGeoTiff(raster));

async function read(raster: RasterToWrite, options: Omit<PopulationRasterInput, 'population'> = {}) {
  const result = await readPopulationRaster({ population: await open(raster), ...options });
  if (!result.ok) throw new Error(result.error.message.en);
  return result.value;
}

/** A 6 × 4 WGS84 grid of 0.01° cells at (102.00 E, 24.60 N) with one nodata and one zero cell. */
const NODATA = -99999;
const small: RasterToWrite = {
  width: 6,
  height: 4,
  values: [
    1, 2, 3, 4, 5, 6, //
    7, NODATA, 9, 10, 11, 12, //
    13, 14, 0, 16, 17, 18, //
    19, 20, 21, 22, 23, 24.5,
  ],
  sampleType: 'float32',
  originX: 102.0,
  originY: 24.6,
  cellWidth: 0.01,
  cellHeight: 0.01,
  crs: 4326,
  noData: NODATA,
  compression: 'deflate',
};

/** Hand-made centre of pixel (column, row) of a north-up grid. */
const centre = (raster: RasterToWrite, column: number, row: number) => [raster.originX + (column + 0.5) * raster.cellWidth, raster.originY - (row + 0.5) * raster.cellHeight];

describe('population GeoTIFF → cells', () => {
  it('puts every cell at its centre to the metre and skips nodata and empty cells', async () => {
    const { cells, nodataCells, decodedCells, keptCells } = await read(small);
    expect(decodedCells).toBe(24);
    expect(nodataCells).toBe(1);
    expect(keptCells).toBe(22);
    let k = 0;
    for (let row = 0; row < 4; row++) {
      for (let column = 0; column < 6; column++) {
        const value = (small.values as number[])[row * 6 + column];
        if (value === NODATA || value === 0) continue;
        const [lon, lat] = centre(small, column, row);
        expect(geodesicDistance(cells.lon[k], cells.lat[k], lon, lat)).toBeLessThan(1);
        expect(cells.population[k]).toBeCloseTo(value, 5);
        k++;
      }
    }
    const total = cells.population.reduce((sum, v) => sum + v, 0);
    expect(total).toBeCloseTo(300 - 8 - 15 + 0.5, 4);
    // 0.01° × 0.01° at 24.6° N: ≈ 1,012 m × 1,109 m; the nominal size is the side of an equal-area square.
    expect(cells.cellSizeMetres).toBeGreaterThan(1040);
    expect(cells.cellSizeMetres).toBeLessThan(1070);
  });

  it('reads the same cells from stripped, tiled, uncompressed, deflate and LZW files, integer or float', async () => {
    const width = 70, height = 50;
    const noData = -9999;
    const values = Array.from({ length: width * height }, (_, i) => ((i * 37) % 11 === 0 ? noData : (i * 13) % 97));
    const base: RasterToWrite = { ...small, width, height, values, noData, sampleType: 'int16', cellWidth: 0.001, cellHeight: 0.001 };
    const reference = await read({ ...base, compression: 'none' });
    for (const compression of ['deflate', 'lzw', 'none'] as const) {
      for (const tile of [undefined, 16, 32]) {
        for (const sampleType of ['int16', 'float32'] as const) {
          const { cells } = await read({ ...base, compression, tile, sampleType });
          expect(cells.population).toEqual(reference.cells.population);
          expect(cells.lon).toEqual(reference.cells.lon);
        }
      }
    }
    const expectedKept = values.filter((v) => v !== noData && v > 0).length;
    expect(reference.keptCells).toBe(expectedKept);
  });

  it('pixel-is-point rasters put the tiepoint at the centre of the first cell', async () => {
    const { cells } = await read({ ...small, pixelIsPoint: true });
    const [lon, lat] = centre(small, 0, 0);
    expect(geodesicDistance(cells.lon[0], cells.lat[0], lon, lat)).toBeLessThan(1);
  });

  it('decodes only the window under the extent and keeps the cells whose centre lies in it', async () => {
    const width = 200, height = 150;
    const values = Array.from({ length: width * height }, () => 1);
    const raster: RasterToWrite = { ...small, width, height, values, cellWidth: 0.001, cellHeight: 0.001, tile: 32 };
    // Extent: x from column 50.3 to 80.5, y from row 20.2 to 40.4: centres decide (columns 50–80, rows 20–39).
    const extent: [number, number, number, number] = [102.0503, 24.6 - 0.0404, 102.0805, 24.6 - 0.0202];
    const { cells, window, decodedCells } = await read(raster, { extent });
    const columns = [...Array(width).keys()].filter((c) => 102.0 + (c + 0.5) * 0.001 >= extent[0] && 102.0 + (c + 0.5) * 0.001 <= extent[2]);
    const rows = [...Array(height).keys()].filter((r) => 24.6 - (r + 0.5) * 0.001 >= extent[1] && 24.6 - (r + 0.5) * 0.001 <= extent[3]);
    expect(cells.lon.length).toBe(columns.length * rows.length);
    expect(columns.length).toBe(31);
    expect(rows.length).toBe(20);
    expect(decodedCells).toBeLessThan(40 * 30);
    expect(window[2] - window[0]).toBeLessThanOrEqual(33);
    for (let k = 0; k < cells.lon.length; k++) {
      expect(cells.lon[k]).toBeGreaterThanOrEqual(extent[0]);
      expect(cells.lat[k]).toBeLessThanOrEqual(extent[3]);
    }
  });

  it('a raster that only partly overlaps the boundaries gives the overlapping cells; one outside gives none', async () => {
    // Extent from 102.035 E (inside column 3) to far east and north of the raster.
    const partial = await read(small, { extent: [102.035, 24.0, 104.0, 25.0] });
    const expected = [];
    for (let row = 0; row < 4; row++) for (let column = 3; column < 6; column++) expected.push((small.values as number[])[row * 6 + column]);
    expect(Array.from(partial.cells.population)).toEqual(expected.filter((v) => v > 0).map((v) => Math.fround(v)));
    const outside = await read(small, { extent: [110, 30, 111, 31] });
    expect(outside.cells.lon.length).toBe(0);
    expect(outside.decodedCells).toBe(0);
  });

  it('a projected raster (Gauss–Krüger CM 102° E, EPSG:4543): centres to the metre along the meridian', async () => {
    // Meridian arc on GRS80 to 24.5° N by Simpson's rule, independent of proj4.
    const a = 6378137, f = 1 / 298.257222101, e2 = f * (2 - f);
    const arc = (phi: number) => {
      const n = 2000, h = phi / n;
      const m = (p: number) => (a * (1 - e2)) / (1 - e2 * Math.sin(p) ** 2) ** 1.5;
      let sum = m(0) + m(phi);
      for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * m(i * h);
      return (sum * h) / 3;
    };
    const northing = arc((24.5 * Math.PI) / 180);
    // 100 m cells; column 5's centre sits on the central meridian (x = 500,000), row 3's at the northing.
    const raster: RasterToWrite = { ...small, crs: 4543, originX: 500000 - 550, originY: northing + 350, cellWidth: 100, cellHeight: 100 };
    const { cells } = await read(raster);
    const index = 3 * 6 + 5 - 2; // two cells before it were nodata or zero
    expect(cells.population[index]).toBe(24.5);
    expect(geodesicDistance(cells.lon[index], cells.lat[index], 102, 24.5)).toBeLessThan(1);
    expect(cells.cellSizeMetres).toBeCloseTo(100, 9);
  });

  it("GHS-POP's Mollweide (a user-defined CRS named in the citation): centres from the closed-form inverse", async () => {
    const R = 6378137;
    const inverse = (x: number, y: number) => {
      const theta = Math.asin(y / (Math.SQRT2 * R));
      const lat = Math.asin((2 * theta + Math.sin(2 * theta)) / Math.PI);
      const lon = (Math.PI * x) / (2 * Math.SQRT2 * R * Math.cos(theta));
      return [(lon * 180) / Math.PI, (lat * 180) / Math.PI];
    };
    const raster: RasterToWrite = { ...small, crs: 'user-mollweide', originX: 10_000_000, originY: 2_900_000, cellWidth: 100, cellHeight: 100 };
    const { cells, grid } = await read(raster);
    expect(grid.crs.id).toBe('ESRI:54009');
    const [lon, lat] = inverse(10_000_000 + 50, 2_900_000 - 50);
    expect(geodesicDistance(cells.lon[0], cells.lat[0], lon, lat)).toBeLessThan(1);
    const [lonLast, latLast] = inverse(10_000_000 + 550, 2_900_000 - 350);
    expect(geodesicDistance(cells.lon[21], cells.lat[21], lonLast, latLast)).toBeLessThan(1);
    // Clipping works in the projected CRS too: an extent around the first cell only.
    const clipped = await read(raster, { extent: [lon - 0.0004, lat - 0.0004, lon + 0.0004, lat + 0.0004] });
    expect(clipped.cells.population.length).toBe(1);
  });

  it('sums age-group rasters into cohorts and refuses one on another grid', async () => {
    const female = { ...small, values: (small.values as number[]).map((v) => (v === NODATA ? NODATA : v / 4)) };
    const male = { ...small, values: (small.values as number[]).map((v) => (v === NODATA ? NODATA : v / 8)), compression: 'lzw' as const, tile: 16 };
    const result = await read(small, { cohorts: [{ name: 'age60plus', rasters: [await open(female), await open(male)] }] });
    const cohort = result.cells.cohorts.age60plus;
    expect(cohort.length).toBe(result.cells.population.length);
    result.cells.population.forEach((v, k) => expect(cohort[k]).toBeCloseTo((v * 3) / 8, 4));
    const shifted = await open({ ...small, originX: 102.005 });
    const refused = await readPopulationRaster({ population: await open(small), cohorts: [{ name: 'age0_3', rasters: [shifted] }] });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('raster-grid-mismatch');
      expect(refused.error.message.zh).toContain('年龄组');
    }
  });

  it('reports progress, stops on abort, and turns unknown CRSs into an error value', async () => {
    const stages: number[] = [];
    await readPopulationRaster({ population: await open(small) }, { onProgress: (fraction) => stages.push(fraction) });
    expect(stages.at(-1)).toBe(1);
    await expect(readPopulationRaster({ population: await open(small) }, { signal: { aborted: true } })).rejects.toThrow('cancelled');
    const unknown = await readPopulationRaster({ population: await open({ ...small, crs: 3395 }) });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('raster-unknown-crs');
    const named = await readPopulationRaster({ population: await open({ ...small, crs: 3395 }), crs: 'EPSG:4326' });
    expect(named.ok).toBe(true);
  });
});
