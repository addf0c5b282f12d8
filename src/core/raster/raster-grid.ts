// Where a GeoTIFF's pixels are: its affine grid (origin, resolution, size) and its coordinate
// system, read from the GeoTIFF tags with geotiff.js. The CRS comes from the GeoKeys
// (GeographicTypeGeoKey / ProjectedCSTypeGeoKey), a citation naming Mollweide (GHS-POP writes a
// user-defined Mollweide), or the caller's override; pixel-is-point rasters are shifted by half a
// cell so that the origin is always the outer corner of pixel (0, 0).

import type { GeoTIFFImage } from 'geotiff';
import type { AppError, Result } from '../types.ts';
import { fail, ok } from '../types.ts';
import { describeCrs, type CrsInfo } from '../import/coordinate-systems.ts';

export interface RasterGrid {
  width: number;
  height: number;
  /** Outer corner of pixel (0, 0) (top-left for north-up rasters), in the raster's CRS. */
  originX: number;
  originY: number;
  /** Cell size in CRS units; resolutionY is negative for north-up rasters (rows go south). */
  resolutionX: number;
  resolutionY: number;
  crs: CrsInfo;
}

/** GHS-POP's World Mollweide (ESRI:54009). proj4 treats moll as spherical with R = a. */
const MOLLWEIDE: CrsInfo = {
  id: 'ESRI:54009',
  kind: 'projected',
  label: { zh: '世界莫尔韦德投影（ESRI:54009，GHS-POP）', en: 'World Mollweide (ESRI:54009, GHS-POP)' },
  proj4: '+proj=moll +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
};

/** UTM zones on WGS84 (EPSG:326zz north, 327zz south), which 100 m national grids often use. */
function utm(code: number): CrsInfo | undefined {
  const north = code >= 32601 && code <= 32660;
  const south = code >= 32701 && code <= 32760;
  if (!north && !south) return undefined;
  const zone = code % 100;
  return {
    id: `EPSG:${code}`,
    kind: 'projected',
    label: { zh: `WGS84 UTM ${zone}${north ? 'N' : 'S'} 带（EPSG:${code}）`, en: `WGS84 UTM zone ${zone}${north ? 'N' : 'S'} (EPSG:${code})` },
    proj4: `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`,
  };
}

/** A CRS by name: what describeCrs knows, plus Mollweide and UTM (common for population grids). */
function resolveRasterCrs(name: string): CrsInfo | undefined {
  if (/^(esri:)?54009$|mollweide/i.test(name.trim())) return MOLLWEIDE;
  const code = /^epsg:(\d+)$/i.exec(name.trim());
  return describeCrs(name) ?? (code ? utm(Number(code[1])) : undefined);
}

/** The CRS a raster declares, if gapmap knows it. */
function crsOfGeoKeys(keys: Partial<Record<string, unknown>>): CrsInfo | undefined {
  const projected = Number(keys.ProjectedCSTypeGeoKey);
  const geographic = Number(keys.GeographicTypeGeoKey);
  const citation = `${keys.PCSCitationGeoKey ?? ''} ${keys.GTCitationGeoKey ?? ''}`;
  if (Number(keys.GTModelTypeGeoKey) === 2 || (!projected && geographic)) {
    // Geographic: WGS84 and CGCS2000 are taken as identical (as in import/create-transform.ts).
    return describeCrs(`EPSG:${geographic === 4490 ? 4490 : 4326}`);
  }
  if (projected && projected !== 32767) {
    if (projected === 54009) return MOLLWEIDE;
    return describeCrs(`EPSG:${projected}`) ?? utm(projected);
  }
  if (/mollweide/i.test(citation)) return MOLLWEIDE;
  return undefined;
}

function gridError(code: string, zh: string, en: string): Result<never> {
  const error: AppError = { code, message: { zh, en } };
  return fail(error);
}

/**
 * The grid of a single-band GeoTIFF image. `crsOverride` (a name describeCrs understands, e.g.
 * 'EPSG:4543' or a '+proj=' string) wins over the file's own keys.
 */
export function rasterGridOf(image: GeoTIFFImage, crsOverride?: string): Result<RasterGrid> {
  const directory = image.getFileDirectory();
  const tiepoint = directory.getValue('ModelTiepoint') as number[] | undefined;
  const scale = directory.getValue('ModelPixelScale') as number[] | undefined;
  const transformation = directory.getValue('ModelTransformation') as number[] | undefined;
  let originX: number, originY: number, resolutionX: number, resolutionY: number;
  if (tiepoint && tiepoint.length >= 6 && scale) {
    // Tiepoint (I, J, K, X, Y, Z): raster point (I, J) sits at model point (X, Y).
    resolutionX = scale[0];
    resolutionY = -scale[1];
    originX = tiepoint[3] - tiepoint[0] * resolutionX;
    originY = tiepoint[4] - tiepoint[1] * resolutionY;
  } else if (transformation && transformation.length >= 8) {
    if (transformation[1] !== 0 || transformation[4] !== 0) {
      return gridError('raster-rotated', '栅格带旋转，暂不支持；请先重采样为正北方向', 'the raster is rotated, which is not supported; resample it north-up first');
    }
    resolutionX = transformation[0];
    resolutionY = transformation[5];
    originX = transformation[3];
    originY = transformation[7];
  } else {
    return gridError('raster-not-georeferenced', '栅格没有地理参照（缺少 ModelTiepoint/ModelPixelScale）', 'the raster is not georeferenced (no ModelTiepoint/ModelPixelScale)');
  }
  const keys = (image.getGeoKeys() ?? {}) as Partial<Record<string, unknown>>;
  if (Number(keys.GTRasterTypeGeoKey) === 2) {
    // PixelIsPoint: the model point names the centre of the pixel, not its corner.
    originX -= resolutionX / 2;
    originY -= resolutionY / 2;
  }
  const crs = crsOverride ? resolveRasterCrs(crsOverride) : crsOfGeoKeys(keys);
  if (!crs) {
    const declared = keys.ProjectedCSTypeGeoKey ?? keys.GeographicTypeGeoKey ?? '?';
    return gridError(
      'raster-unknown-crs',
      `无法识别栅格的坐标系（${String(declared)}）；请指定坐标系（如 EPSG:4326、ESRI:54009 或 +proj= 字符串）`,
      `cannot tell the raster's coordinate system (${String(declared)}); name it (e.g. EPSG:4326, ESRI:54009 or a +proj= string)`,
    );
  }
  if (crs.kind === 'gcj02' || crs.kind === 'bd09') {
    return gridError('raster-offset-crs', 'GCJ-02/BD-09 栅格不受支持', 'GCJ-02/BD-09 rasters are not supported');
  }
  if (!(Math.abs(resolutionX) > 0) || !(Math.abs(resolutionY) > 0)) {
    return gridError('raster-bad-resolution', '栅格的像元大小无效', 'the raster has an invalid cell size');
  }
  return ok({ width: image.getWidth(), height: image.getHeight(), originX, originY, resolutionX, resolutionY, crs });
}

/** True when two grids put their pixels in the same places (cohort rasters must match the total). */
export function sameGrid(a: RasterGrid, b: RasterGrid): boolean {
  const close = (x: number, y: number, tolerance: number) => Math.abs(x - y) <= tolerance;
  const toleranceX = Math.abs(a.resolutionX) * 1e-6;
  const toleranceY = Math.abs(a.resolutionY) * 1e-6;
  return (
    a.width === b.width &&
    a.height === b.height &&
    close(a.originX, b.originX, toleranceX) &&
    close(a.originY, b.originY, toleranceY) &&
    close(a.resolutionX, b.resolutionX, toleranceX) &&
    close(a.resolutionY, b.resolutionY, toleranceY) &&
    (a.crs.proj4 ?? a.crs.kind) === (b.crs.proj4 ?? b.crs.kind)
  );
}
