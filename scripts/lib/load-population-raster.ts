// `--population file.tif` (and `--cohort-raster NAME=FILE[,FILE…]`): population GeoTIFFs read
// from disk a window at a time (geotiff.js fromFile reads only the byte ranges it needs), clipped
// to the townships' extent. The raster's own CRS wins; --crs names it when the file does not.

import type { GeoTIFF } from 'geotiff';
import { inflateSync } from 'node:zlib';
import type { PopulationCells, Result, RunOptions } from '../../src/core/types.ts';
import { fail, ok } from '../../src/core/types.ts';
import { readPopulationRaster, type CohortRasters, type PopulationRasterInput } from '../../src/core/raster/read-population-raster.ts';
import type { LonLatExtent } from '../../src/core/raster/raster-window.ts';

export const RASTER_FILE = /\.tiff?$/i;

export interface CohortRasterOption {
  cohort: string;
  files: string[];
}

/** Parses `age60plus=f_60.tif,m_60.tif` into a cohort and its files. */
export function parseCohortRaster(text: string): Result<CohortRasterOption> {
  const match = /^([^=]+)=(.+)$/.exec(text);
  if (!match) {
    return fail({
      code: 'usage',
      message: { zh: `--cohort-raster 应写作 人群=文件[,文件…]，收到“${text}”`, en: `--cohort-raster takes COHORT=FILE[,FILE…], got "${text}"` },
    });
  }
  return ok({ cohort: match[1].trim(), files: match[2].split(',').map((file) => file.trim()).filter(Boolean) });
}

/** TIFF compression codes of deflate (Adobe's and the old PKZIP one). */
const DEFLATE_CODES = [8, 32946];

/**
 * Loads geotiff.js with deflate decoded by Node's zlib instead of geotiff.js's pako (in JS): on
 * the province's four 43 M-pixel rasters that was 8.6 s of CPU, zlib takes a third of it. The
 * browser keeps pako.
 */
let geotiffLoaded: Promise<typeof import('geotiff')> | undefined;
function loadGeoTiff(): Promise<typeof import('geotiff')> {
  geotiffLoaded ??= withZlibDeflate();
  return geotiffLoaded;
}

async function withZlibDeflate(): Promise<typeof import('geotiff')> {
  const geotiff = await import('geotiff');
  class ZlibDecoder extends geotiff.BaseDecoder {
    decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
      const inflated = inflateSync(new Uint8Array(buffer));
      // A Buffer may be a view into a larger pool: hand geotiff.js a buffer of exactly the block.
      return inflated.byteOffset === 0 && inflated.byteLength === inflated.buffer.byteLength
        ? inflated.buffer
        : inflated.buffer.slice(inflated.byteOffset, inflated.byteOffset + inflated.byteLength);
    }
  }
  geotiff.addDecoder(DEFLATE_CODES, async () => ZlibDecoder, undefined, false);
  return geotiff;
}

async function openFile(file: string): Promise<Result<GeoTIFF>> {
  try {
    // Loaded on demand: runs without a raster never load geotiff.js.
    const { fromFile } = await loadGeoTiff();
    return ok(await fromFile(file));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail({ code: 'unreadable-file', file, message: { zh: `无法读取栅格文件：${detail}`, en: `cannot read the raster file: ${detail}` } });
  }
}

/** The population raster and its cohort rasters, opened once (a run by county tiles reads them tile by tile). */
export interface OpenedPopulationRasters {
  file: string;
  input: Omit<PopulationRasterInput, 'extent'>;
}

export async function openPopulationRasters(file: string, cohorts: CohortRasterOption[], crs: string | undefined): Promise<Result<OpenedPopulationRasters>> {
  const population = await openFile(file);
  if (!population.ok) return population;
  const cohortRasters: CohortRasters[] = [];
  for (const cohort of cohorts) {
    const rasters = [];
    for (const cohortFile of cohort.files) {
      const raster = await openFile(cohortFile);
      if (!raster.ok) return raster;
      rasters.push(raster.value);
    }
    cohortRasters.push({ name: cohort.cohort, rasters });
  }
  return ok({ file, input: { population: population.value, cohorts: cohortRasters, crs } });
}

/** The cells under an extent (none is not an error here: a tile may hold no people). */
export async function readPopulationWindow(rasters: OpenedPopulationRasters, extent: LonLatExtent | undefined, run: RunOptions = {}): Promise<Result<PopulationCells>> {
  const { crs, ...input } = rasters.input;
  // The file's own CRS first; --crs only when the file does not say.
  let read = await readPopulationRaster({ ...input, extent }, run);
  if (!read.ok && read.error.code === 'raster-unknown-crs' && crs) read = await readPopulationRaster({ ...input, extent, crs }, run);
  if (!read.ok) return fail({ ...read.error, file: rasters.file });
  return ok(read.value.cells);
}

export async function loadPopulationRaster(
  file: string,
  cohorts: CohortRasterOption[],
  extent: LonLatExtent | undefined,
  crs: string | undefined,
  run: RunOptions = {},
): Promise<Result<PopulationCells>> {
  const rasters = await openPopulationRasters(file, cohorts, crs);
  if (!rasters.ok) return rasters;
  const cells = await readPopulationWindow(rasters.value, extent, run);
  if (cells.ok && cells.value.lon.length === 0) {
    return fail({ code: 'empty-layer', file, message: { zh: '栅格在乡镇边界范围内没有人口', en: 'the raster holds no population within the townships’ extent' } });
  }
  return cells;
}
