// A population GeoTIFF dropped on the app's import dialog: read in the worker as the CLI reads it
// (read-population-raster.ts: only the window under the data already loaded, each populated cell
// at its true centre in WGS84), with progress and the worker's cancel, and handed to the dialog as
// a layer of points with a `population` field — the same review, role and mapping as a table of
// population points, and the same population cells once accepted (to-model.ts).
import type { ImportedFeature } from '../geojson-types.ts';
import type { ImportedLayer } from '../import/import-layer.ts';
import type { Result, RunOptions } from '../types.ts';
import { fail, ok } from '../types.ts';
import { readPopulationRaster } from './read-population-raster.ts';
import type { LonLatExtent } from './raster-window.ts';

/** TIFF's first bytes: "II*\0" (little-endian) or "MM\0*" (big-endian); BigTIFF has 43 for 42. */
export function isGeoTiff(file: { name: string; bytes: Uint8Array }): boolean {
  const b = file.bytes;
  if (b.length < 4) return false;
  const little = b[0] === 0x49 && b[1] === 0x49 && (b[2] === 42 || b[2] === 43) && b[3] === 0;
  const big = b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && (b[3] === 42 || b[3] === 43);
  return little || big;
}

const POPULATION_FIELD = 'population';

export async function importPopulationRaster(
  file: { name: string; bytes: Uint8Array },
  options: { referenceBBox?: LonLatExtent; crs?: string },
  run: RunOptions = {},
): Promise<Result<ImportedLayer>> {
  let tiff;
  try {
    // Loaded on demand: the app loads geotiff.js only when a raster is dropped.
    const { fromArrayBuffer } = await import('geotiff');
    tiff = await fromArrayBuffer(file.bytes.buffer.slice(file.bytes.byteOffset, file.bytes.byteOffset + file.bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail({ code: 'raster-unreadable', file: file.name, message: { zh: `无法读取栅格：${detail}`, en: `cannot read the raster: ${detail}` } });
  }
  const read = await readPopulationRaster({ population: tiff, ...(options.referenceBBox ? { extent: options.referenceBBox } : {}), ...(options.crs ? { crs: options.crs } : {}) }, run);
  if (!read.ok) return fail({ ...read.error, file: file.name });
  const { cells, grid } = read.value;
  if (cells.lon.length === 0) {
    return fail({
      code: 'empty-layer',
      file: file.name,
      message: options.referenceBBox
        ? { zh: '栅格在已载入数据的范围内没有人口', en: 'the raster holds no population within the extent of the data already loaded' }
        : { zh: '栅格中没有人口', en: 'the raster holds no population' },
    });
  }
  const features: ImportedFeature[] = new Array(cells.lon.length);
  for (let i = 0; i < cells.lon.length; i++) {
    features[i] = { type: 'Feature', geometry: { type: 'Point', coordinates: [cells.lon[i], cells.lat[i]] }, properties: { [POPULATION_FIELD]: cells.population[i] } };
  }
  return ok({
    fileName: file.name,
    format: 'geotiff',
    crs: { detected: grid.crs.id, applied: grid.crs.id, source: options.crs ? 'user' : 'crs-member' },
    features,
    fields: [{ name: POPULATION_FIELD, numeric: true }],
    geometryTypes: ['Point'],
    problems: [],
    loadedCount: features.length,
    problemCount: 0,
  });
}
