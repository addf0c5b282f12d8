// Population rasters (WorldPop, GHS-POP, a statistics bureau's grid) → the engine's PopulationCells.
// geotiff.js decodes the file (tiled or stripped, deflate/LZW/…, any sample type); gapmap reads
// only the window under the boundaries' extent, in bands of rows so a province-sized window never
// sits in memory as one array, and keeps the cells that hold people. Each kept cell becomes its
// centre, computed in the raster's own CRS and then converted to lon/lat (proj4 for projected
// grids such as GHS-POP's Mollweide), so cell-centroid semantics hold for any grid.
// Age-group rasters (WorldPop's age/sex files) add cohort bands: several files, each summed into
// the cohort it is mapped to, on the same grid as the total.

import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import type { AppError, PopulationCells, Result, RunOptions } from '../types.ts';
import { fail, ok, throwIfAborted } from '../types.ts';
import { createTransform } from '../import/create-transform.ts';
import { rasterGridOf, sameGrid, type RasterGrid } from './raster-grid.ts';
import { windowForExtent, type ForwardTransform, type LonLatExtent, type PixelWindow } from './raster-window.ts';

export interface CohortRasters {
  /** Cohort name as the rules use it, e.g. age60plus. */
  name: string;
  /** Files summed into the cohort (e.g. WorldPop's f_60, m_60, f_65, m_65, …). */
  rasters: GeoTIFF[];
}

export interface PopulationRasterInput {
  /** Total population per cell. */
  population: GeoTIFF;
  cohorts?: CohortRasters[];
  /** Keep only cells whose centre lies in this lon/lat extent (the boundaries'); the rest is not decoded. */
  extent?: LonLatExtent;
  /** The raster's CRS when the file does not declare it (or to override it). */
  crs?: string;
}

export interface RasterPopulation {
  cells: PopulationCells;
  grid: RasterGrid;
  /** The pixel window decoded. */
  window: PixelWindow;
  /** Cells decoded, cells that were nodata, cells kept (population > 0 with the centre in the extent). */
  decodedCells: number;
  nodataCells: number;
  keptCells: number;
}

/** Pixels decoded per band: bounds memory to a few MB per raster whatever the window. */
const BAND_PIXELS = 1 << 20;

/** Values per chunk of a growing column (8 MB). */
const COLUMN_CHUNK = 1 << 20;

/**
 * Compressions whose geotiff.js decoder takes only the default parameters (tile size, bits per
 * sample, predictor, planar configuration): see geotiff's compression/index.js. Others (JPEG,
 * LERC, WebP) are read through readRasters.
 */
const PLAIN_COMPRESSIONS = new Set([1, 5, 8, 32773, 32946, 50000]);

const GRS80_A = 6378137;
const GRS80_E2 = 0.00669438002290;

/** Side (m) of a square with the cell's ellipsoidal area at a latitude, for a lon/lat grid. */
function geographicCellSize(grid: RasterGrid, latitude: number): number {
  const phi = (latitude * Math.PI) / 180;
  const w = 1 - GRS80_E2 * Math.sin(phi) ** 2;
  const normal = GRS80_A / Math.sqrt(w);
  const meridional = (GRS80_A * (1 - GRS80_E2)) / w ** 1.5;
  const toRadians = Math.PI / 180;
  return Math.sqrt(normal * Math.cos(phi) * Math.abs(grid.resolutionX) * toRadians * meridional * Math.abs(grid.resolutionY) * toRadians);
}

/**
 * Growable column of doubles (cells are appended band by band; the count is not known ahead),
 * kept as fixed-size chunks so that growing never copies: the one copy is the final array.
 */
class Column {
  private readonly chunks: Float64Array[] = [];
  private chunk = new Float64Array(COLUMN_CHUNK);
  private used = 0;
  push(value: number): void {
    if (this.used === COLUMN_CHUNK) {
      this.chunks.push(this.chunk);
      this.chunk = new Float64Array(COLUMN_CHUNK);
      this.used = 0;
    }
    this.chunk[this.used++] = value;
  }
  get length(): number {
    return this.chunks.length * COLUMN_CHUNK + this.used;
  }
  /** The values as one array; the column is emptied (its chunks freed as they are copied). */
  toArray(): Float64Array {
    const out = new Float64Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    out.set(this.chunk.subarray(0, this.used), offset);
    this.chunks.length = 0;
    this.chunk = new Float64Array(0);
    this.used = 0;
    return out;
  }
}

function rasterError(code: string, zh: string, en: string): Result<never> {
  const error: AppError = { code, message: { zh, en } };
  return fail(error);
}

async function singleBandImage(tiff: GeoTIFF): Promise<Result<GeoTIFFImage>> {
  const image = await tiff.getImage(0);
  if (image.getSamplesPerPixel() !== 1) {
    return rasterError('raster-not-single-band', `人口栅格应为单波段，此文件有 ${image.getSamplesPerPixel()} 个波段`, `a population raster must have one band; this file has ${image.getSamplesPerPixel()}`);
  }
  return ok(image);
}

/** A no-data value as the file states it (GDAL_NODATA), else none. */
function noDataOf(image: GeoTIFFImage): number | null {
  const value = image.getGDALNoData();
  return value === null || Number.isNaN(value) ? null : value;
}

type BandReader = (window: PixelWindow) => Promise<ArrayLike<number>>;

async function readBand(image: GeoTIFFImage, window: PixelWindow): Promise<ArrayLike<number>> {
  const raster = await image.readRasters({ window, samples: [0], interleave: true });
  return raster as unknown as ArrayLike<number>;
}

/**
 * Reads bands of one raster. Where the file allows (a plain compression, whole-byte samples in
 * the machine's byte order) the blocks are decoded with geotiff.js's own decoder and their rows
 * copied into the band as whole typed-array ranges: readRasters copies pixel by pixel through a
 * DataView, which on a province's four 43 M-pixel rasters was 4.5 s of CPU. The band array is
 * reused, so a band is valid until the next read of the same raster.
 */
async function bandReader(image: GeoTIFFImage): Promise<BandReader> {
  const directory = image.getFileDirectory();
  const compression = Number(directory.getValue('Compression') ?? 1);
  const bits = image.getBitsPerSample(0);
  const hostLittleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  const plain = PLAIN_COMPRESSIONS.has(compression) && [8, 16, 32, 64].includes(bits) && (bits === 8 || image.littleEndian === hostLittleEndian);
  if (!plain) return (window) => readBand(image, window);
  const { getDecoder } = await import('geotiff');
  const decoder = await getDecoder(compression, {
    tileWidth: image.getTileWidth(),
    tileHeight: image.getTileHeight(),
    planarConfiguration: Number(directory.getValue('PlanarConfiguration') ?? 1),
    bitsPerSample: (await directory.loadValue('BitsPerSample')) ?? bits,
    predictor: Number((await directory.loadValue('Predictor')) ?? 1) || 1,
  });
  const tileWidth = image.getTileWidth(), tileHeight = image.getTileHeight(), imageWidth = image.getWidth();
  let band: ReturnType<GeoTIFFImage['getArrayForSample']> | null = null;
  return async ([column0, row0, column1, row1]) => {
    const width = column1 - column0;
    const size = width * (row1 - row0);
    if (!band || band.length < size) band = image.getArrayForSample(0, size);
    const out = band.subarray(0, size);
    for (let tileY = Math.floor(row0 / tileHeight); tileY * tileHeight < row1; tileY++) {
      for (let tileX = Math.floor(column0 / tileWidth); tileX * tileWidth < column1; tileX++) {
        const { data } = await image.getTileOrStrip(tileX, tileY, 0, decoder);
        const tile = image.getArrayForSample(0, data);
        const firstRow = tileY * tileHeight, firstColumn = tileX * tileWidth;
        const rowEnd = Math.min(row1, firstRow + image.getBlockHeight(tileY));
        const from = Math.max(column0, firstColumn), to = Math.min(column1, firstColumn + tileWidth, imageWidth);
        for (let row = Math.max(row0, firstRow); row < rowEnd; row++) {
          const start = (row - firstRow) * tileWidth + (from - firstColumn);
          out.set(tile.subarray(start, start + (to - from)), (row - row0) * width + (from - column0));
        }
      }
    }
    return out;
  };
}

async function forwardTransformOf(grid: RasterGrid): Promise<ForwardTransform | undefined> {
  if (grid.crs.kind !== 'projected') return undefined;
  const proj4 = (await import('proj4')).default;
  const converter = proj4('EPSG:4326', grid.crs.proj4 as string);
  return (lon, lat) => {
    const [x, y] = converter.forward([lon, lat]);
    return [x, y];
  };
}

export async function readPopulationRaster(input: PopulationRasterInput, run: RunOptions = {}): Promise<Result<RasterPopulation>> {
  try {
    return await readRaster(input, run);
  } catch (error) {
    if (error instanceof Error && error.name === 'CancelledError') throw error;
    const detail = error instanceof Error ? error.message : String(error);
    return rasterError('raster-unreadable', `无法读取栅格：${detail}`, `cannot read the raster: ${detail}`);
  }
}

async function readRaster(input: PopulationRasterInput, run: RunOptions): Promise<Result<RasterPopulation>> {
  const image = await singleBandImage(input.population);
  if (!image.ok) return image;
  const grid = rasterGridOf(image.value, input.crs);
  if (!grid.ok) return grid;
  const cohortImages: { name: string; images: GeoTIFFImage[] }[] = [];
  for (const cohort of input.cohorts ?? []) {
    const images: GeoTIFFImage[] = [];
    for (const raster of cohort.rasters) {
      const cohortImage = await singleBandImage(raster);
      if (!cohortImage.ok) return cohortImage;
      const cohortGrid = rasterGridOf(cohortImage.value, input.crs);
      if (!cohortGrid.ok) return cohortGrid;
      if (!sameGrid(grid.value, cohortGrid.value)) {
        return rasterError(
          'raster-grid-mismatch',
          `年龄组栅格（${cohort.name}）与总人口栅格的网格不一致（范围、像元大小或坐标系不同）`,
          `the age-group raster for ${cohort.name} is not on the total population's grid (extent, cell size or CRS differ)`,
        );
      }
      images.push(cohortImage.value);
    }
    cohortImages.push({ name: cohort.name, images });
  }
  const forward = await forwardTransformOf(grid.value);
  const inverse = await createTransform(grid.value.crs);
  const window = windowForExtent(grid.value, input.extent, forward);
  const { originX, originY, resolutionX, resolutionY } = grid.value;
  const empty = window ?? ([0, 0, 0, 0] as PixelWindow);
  const lon = new Column(), lat = new Column(), population = new Column();
  const cohortColumns = cohortImages.map(() => new Column());
  let decodedCells = 0, nodataCells = 0;
  if (window) {
    const noData = noDataOf(image.value);
    const readPopulation = await bandReader(image.value);
    const cohortReaders = await Promise.all(cohortImages.map((cohort) => Promise.all(cohort.images.map(bandReader))));
    const cohortNoData = cohortImages.map((cohort) => cohort.images.map(noDataOf));
    const [column0, row0, column1, row1] = window;
    const width = column1 - column0;
    // Bands follow the file's blocks (tile or strip rows): a band that cut a block would make
    // geotiff.js decode that block twice.
    const blockRows = Math.max(1, image.value.getTileHeight());
    const bandRows = Math.max(1, Math.floor(BAND_PIXELS / width / blockRows)) * blockRows;
    const [w, s, e, n] = input.extent ?? [-180, -90, 180, 90];
    for (let bandStart = row0; bandStart < row1; bandStart = (Math.floor(bandStart / bandRows) + 1) * bandRows) {
      throwIfAborted(run.signal);
      run.onProgress?.((bandStart - row0) / (row1 - row0), 'raster');
      const bandEnd = Math.min(row1, (Math.floor(bandStart / bandRows) + 1) * bandRows);
      const bandWindow: PixelWindow = [column0, bandStart, column1, bandEnd];
      const values = await readPopulation(bandWindow);
      const cohortValues = await Promise.all(cohortReaders.map((readers) => Promise.all(readers.map((read) => read(bandWindow)))));
      decodedCells += values.length;
      for (let p = 0; p < values.length; p++) {
        const value = values[p];
        if (value === noData || !Number.isFinite(value)) {
          nodataCells++;
          continue;
        }
        if (value <= 0) continue;
        const column = column0 + (p % width);
        const row = bandStart + Math.floor(p / width);
        const x = originX + (column + 0.5) * resolutionX;
        const y = originY + (row + 0.5) * resolutionY;
        let cellLon = x, cellLat = y;
        if (inverse) [cellLon, cellLat] = inverse(x, y);
        if (!(cellLon >= w && cellLon <= e && cellLat >= s && cellLat <= n)) continue;
        lon.push(cellLon);
        lat.push(cellLat);
        population.push(value);
        for (let c = 0; c < cohortValues.length; c++) {
          const files = cohortValues[c];
          let sum = 0;
          for (let f = 0; f < files.length; f++) {
            const v = files[f][p];
            if (v !== cohortNoData[c][f] && v > 0 && Number.isFinite(v)) sum += v;
          }
          cohortColumns[c].push(sum);
        }
      }
    }
  }
  run.onProgress?.(1, 'raster');
  const lats = lat.toArray();
  const middleLatitude = lats.length > 0 ? lats[lats.length >> 1] : 0;
  const cellSizeMetres =
    grid.value.crs.kind === 'projected' ? Math.sqrt(Math.abs(resolutionX * resolutionY)) : geographicCellSize(grid.value, middleLatitude);
  const cells: PopulationCells = {
    lon: lon.toArray(),
    lat: lats,
    population: population.toArray(),
    cohorts: Object.fromEntries(cohortImages.map((cohort, c) => [cohort.name, cohortColumns[c].toArray()])),
    cellSizeMetres,
  };
  return ok({ cells, grid: grid.value, window: empty, decodedCells, nodataCells, keptCells: cells.lon.length });
}
