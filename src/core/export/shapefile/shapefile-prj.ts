// The .prj (ESRI WKT, what ArcGIS writes and reads) for the coordinate systems a Shapefile export
// offers: WGS84 or CGCS2000 geographic, or a CGCS2000 Gauss–Krüger zone (EPSG:4491–4554, with or
// without the zone prefix in the easting). CGCS2000 and WGS84 agree to well under a metre, so the
// project's WGS84 coordinates are written unchanged as CGCS2000.

import { describeCrs, type CrsInfo } from '../../import/coordinate-systems.ts';

const CGCS2000_GEOGCS =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const WGS84_GEOGCS =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** The EPSG codes a Shapefile export accepts: 4326, 4490 and the CGCS2000 GK zones. */
export function shapefileCrs(id: string): CrsInfo | undefined {
  const info = describeCrs(id);
  if (!info) return undefined;
  if (info.id === 'EPSG:4326' || info.id === 'EPSG:4490') return info;
  const code = Number(/^EPSG:(\d+)$/.exec(info.id)?.[1]);
  return code >= 4491 && code <= 4554 ? info : undefined;
}

function gaussKrugerName(info: CrsInfo): string {
  const code = Number(info.id.slice(5));
  const threeDegree = code >= 4513;
  const prefix = threeDegree ? 'CGCS2000_3_Degree_GK' : 'CGCS2000_GK';
  return info.zonePrefix !== undefined ? `${prefix}_Zone_${info.zonePrefix}` : `${prefix}_CM_${info.centralMeridian}E`;
}

export function prjText(info: CrsInfo): string {
  if (info.id === 'EPSG:4326') return WGS84_GEOGCS;
  if (info.id === 'EPSG:4490') return CGCS2000_GEOGCS;
  return (
    `PROJCS["${gaussKrugerName(info)}",${CGCS2000_GEOGCS},PROJECTION["Gauss_Kruger"],` +
    `PARAMETER["False_Easting",${(info.falseEasting ?? 0).toFixed(1)}],PARAMETER["False_Northing",0.0],` +
    `PARAMETER["Central_Meridian",${(info.centralMeridian ?? 0).toFixed(1)}],PARAMETER["Scale_Factor",1.0],` +
    `PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0],AUTHORITY["EPSG",${info.id.slice(5)}]]`
  );
}
