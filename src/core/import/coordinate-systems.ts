// The coordinate systems a Chinese planner's files come in, by name, and what each means.
// Identifiers are what ImportOptions.crs accepts: 'EPSG:4326', 'EPSG:4490', the CGCS2000
// Gauss–Krüger families, 'EPSG:3857', 'gcj02', 'bd09', or a raw proj4 string.
//
// CGCS2000 Gauss–Krüger EPSG codes (all on the CGCS2000 ellipsoid, k0 = 1, false northing 0):
//   3° zones WITH zone prefix in the easting:  EPSG:4513–4533 = zone 25–45, CM = 3·zone, FE = zone·1e6 + 500 000
//   3° zones WITHOUT prefix:                   EPSG:4534–4554 = CM 75°E … 135°E step 3°, FE = 500 000
//   6° zones WITH zone prefix:                 EPSG:4491–4501 = zone 13–23, CM = 6·zone − 3, FE = zone·1e6 + 500 000
//   6° zones WITHOUT prefix:                   EPSG:4502–4512 = CM 75°E … 135°E step 6°, FE = 500 000
// Yuxi (≈102.5°E) lies in 3° zone 34 (CM 102°E: EPSG:4522 / EPSG:4543) and 6° zone 18 (CM 105°E:
// EPSG:4496 / EPSG:4507).

export type CrsKind = 'geographic' | 'projected' | 'gcj02' | 'bd09';

export interface CrsInfo {
  /** Canonical identifier ('EPSG:4522', 'gcj02', or the proj4 string given). */
  id: string;
  kind: CrsKind;
  label: { zh: string; en: string };
  /** proj4 definition for 'projected' systems. */
  proj4?: string;
  centralMeridian?: number;
  falseEasting?: number;
  /** Gauss–Krüger zone number when the easting carries it (e.g. 34 for 34 500 000 m). */
  zonePrefix?: number;
}

const CGCS2000_ELLIPSOID = '+ellps=GRS80';

function gaussKruger(code: number, centralMeridian: number, falseEasting: number, zonePrefix: number | undefined, width: 3 | 6): CrsInfo {
  const zoneText = zonePrefix === undefined ? `CM ${centralMeridian}°E` : `zone ${zonePrefix}`;
  const zoneTextZh = zonePrefix === undefined ? `中央经线 ${centralMeridian}°E` : `${zonePrefix} 带`;
  return {
    id: `EPSG:${code}`,
    kind: 'projected',
    label: {
      zh: `CGCS2000 ${width}° 高斯-克吕格 ${zoneTextZh}（EPSG:${code}）`,
      en: `CGCS2000 ${width}-degree Gauss–Krüger ${zoneText} (EPSG:${code})`,
    },
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 ${CGCS2000_ELLIPSOID} +units=m +no_defs`,
    centralMeridian,
    falseEasting,
    zonePrefix,
  };
}

function buildGaussKrugerTable(): Map<number, CrsInfo> {
  const table = new Map<number, CrsInfo>();
  for (let index = 0; index <= 20; index++) {
    const zone = 25 + index;
    const centralMeridian = 3 * zone;
    table.set(4513 + index, gaussKruger(4513 + index, centralMeridian, zone * 1e6 + 500000, zone, 3));
    table.set(4534 + index, gaussKruger(4534 + index, centralMeridian, 500000, undefined, 3));
  }
  for (let index = 0; index <= 10; index++) {
    const zone = 13 + index;
    const centralMeridian = 6 * zone - 3;
    table.set(4491 + index, gaussKruger(4491 + index, centralMeridian, zone * 1e6 + 500000, zone, 6));
    table.set(4502 + index, gaussKruger(4502 + index, centralMeridian, 500000, undefined, 6));
  }
  return table;
}

const GAUSS_KRUGER = buildGaussKrugerTable();

const NAMED: Record<string, CrsInfo> = {
  'EPSG:4326': { id: 'EPSG:4326', kind: 'geographic', label: { zh: 'WGS84 经纬度（EPSG:4326）', en: 'WGS84 lon/lat (EPSG:4326)' } },
  'EPSG:4490': {
    id: 'EPSG:4490',
    kind: 'geographic',
    label: { zh: 'CGCS2000 经纬度（EPSG:4490）', en: 'CGCS2000 lon/lat (EPSG:4490)' },
  },
  'EPSG:3857': {
    id: 'EPSG:3857',
    kind: 'projected',
    label: { zh: 'Web 墨卡托（EPSG:3857）', en: 'Web Mercator (EPSG:3857)' },
    proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
  },
  gcj02: {
    id: 'gcj02',
    kind: 'gcj02',
    label: { zh: 'GCJ-02 火星坐标（高德、腾讯）', en: 'GCJ-02 (Amap/Gaode, Tencent)' },
  },
  bd09: { id: 'bd09', kind: 'bd09', label: { zh: 'BD-09 百度坐标', en: 'BD-09 (Baidu)' } },
};

const ALIASES: Record<string, string> = {
  wgs84: 'EPSG:4326',
  'wgs 84': 'EPSG:4326',
  crs84: 'EPSG:4326',
  'urn:ogc:def:crs:ogc:1.3:crs84': 'EPSG:4326',
  'urn:ogc:def:crs:ogc::crs84': 'EPSG:4326',
  cgcs2000: 'EPSG:4490',
  'gcj-02': 'gcj02',
  gcj: 'gcj02',
  amap: 'gcj02',
  gaode: 'gcj02',
  高德: 'gcj02',
  'bd-09': 'bd09',
  bd09ll: 'bd09',
  baidu: 'bd09',
  百度: 'bd09',
  'epsg:900913': 'EPSG:3857',
  'epsg:102100': 'EPSG:3857',
};

/**
 * Resolves a CRS name as a user, a GeoJSON `crs` member or a CLI flag spells it:
 * 'EPSG:4522', '4522', 'urn:ogc:def:crs:EPSG::4490', 'gcj02', 'bd09', or a '+proj=…' string.
 * Returns undefined when the name is not understood.
 */
export function describeCrs(name: string): CrsInfo | undefined {
  const trimmed = name.trim();
  if (trimmed.startsWith('+proj=')) {
    if (/\+proj=(longlat|latlong|lonlat|latlon)\b/.test(trimmed)) {
      return { id: trimmed, kind: 'geographic', label: { zh: trimmed, en: trimmed } };
    }
    return { id: trimmed, kind: 'projected', label: { zh: trimmed, en: trimmed }, proj4: trimmed };
  }
  const lower = trimmed.toLowerCase();
  const alias = ALIASES[lower];
  if (alias) return NAMED[alias];
  if (NAMED[lower]) return NAMED[lower];
  const code = /^(?:epsg:{1,2}|urn:ogc:def:crs:epsg:[\d.]*:|https?:\/\/www\.opengis\.net\/def\/crs\/epsg\/0\/)?(\d{4,6})$/.exec(lower);
  if (!code) return undefined;
  const number = Number(code[1]);
  const named = NAMED[`EPSG:${number}`];
  if (named) return named;
  return GAUSS_KRUGER.get(number);
}

/** The choices a CRS picker offers, most common first. */
export function listCrsChoices(): CrsInfo[] {
  const gk = [...GAUSS_KRUGER.keys()].sort((a, b) => a - b).map((code) => GAUSS_KRUGER.get(code) as CrsInfo);
  return [NAMED['EPSG:4326'], NAMED['EPSG:4490'], NAMED.gcj02, NAMED.bd09, ...gk, NAMED['EPSG:3857']];
}

/** The CGCS2000 GK system for a Gauss–Krüger definition read from a .prj, if it is one of the EPSG family. */
export function findGaussKrugerCode(centralMeridian: number, falseEasting: number): CrsInfo | undefined {
  for (const info of GAUSS_KRUGER.values()) {
    if (Math.abs((info.centralMeridian ?? NaN) - centralMeridian) < 1e-9 && Math.abs((info.falseEasting ?? NaN) - falseEasting) < 1e-6) {
      // Both 3° and 6° tables can share a CM; the 3° table is filled first, and for prefix-free
      // eastings the two definitions are identical, so either answer transforms the same way.
      return info;
    }
  }
  return undefined;
}

/** The 3° GK system without prefix whose central meridian is nearest to a longitude. */
export function gaussKrugerForLongitude(longitude: number, prefixed: boolean): CrsInfo | undefined {
  const zone = Math.round(longitude / 3);
  if (zone < 25 || zone > 45) return undefined;
  return GAUSS_KRUGER.get(prefixed ? 4513 + zone - 25 : 4534 + zone - 25);
}

/** The GK system whose zone prefix an easting carries (3° zones 25–45, 6° zones 13–23). */
export function gaussKrugerForPrefixedEasting(easting: number): CrsInfo | undefined {
  const zone = Math.floor(easting / 1e6);
  if (zone >= 25 && zone <= 45) return GAUSS_KRUGER.get(4513 + zone - 25);
  if (zone >= 13 && zone <= 23) return GAUSS_KRUGER.get(4491 + zone - 13);
  return undefined;
}
