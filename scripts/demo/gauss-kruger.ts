// The projected plane the demo region is generated in: CGCS2000 3° Gauss–Krüger, central
// meridian 102°E, false easting 500 km, no zone prefix (EPSG:4543).
import proj4 from 'proj4';

export const GK_CRS = 'EPSG:4543';
export const GK_PROJ4 = '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

const converter = proj4('EPSG:4326', GK_PROJ4);

export function toProjected(lon: number, lat: number): [number, number] {
  const p = converter.forward({ x: lon, y: lat });
  return [p.x, p.y];
}

export function toGeographic(x: number, y: number): [number, number] {
  const p = converter.inverse({ x, y });
  return [p.x, p.y];
}

/** Rounds to 6 decimals (≈ 0.1 m), the precision of the written GeoJSON. */
export const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
