// Finds the longitude and latitude columns of a table by their names, as Chinese and English
// spreadsheets spell them: 经度/纬度, lng/lat, lon/lat, longitude/latitude, x/y, POINT_X/POINT_Y,
// with decorations like "经度(GCJ02)", "gcj_lng", "WGS84_Lat". Also a single "lng,lat" column
// (坐标, 经纬度, location — what the Amap API returns).

export type CoordinateColumns =
  | { kind: 'pair'; lon: string; lat: string }
  | { kind: 'combined'; column: string };

function normalize(name: string): string {
  return name
    .toLowerCase()
    .replace(/\(.*?\)|（.*?）|\[.*?\]/g, '')
    .replace(/[\s_\-.]/g, '');
}

const LON_EXACT = ['lng', 'lon', 'long', 'longitude', 'x', 'pointx', 'xcoord', 'coordx', 'xcoordinate', 'east', 'easting', 'jd', '经度', '东经', 'x坐标', '横坐标'];
const LAT_EXACT = ['lat', 'latitude', 'y', 'pointy', 'ycoord', 'coordy', 'ycoordinate', 'north', 'northing', 'wd', '纬度', '北纬', 'y坐标', '纵坐标'];
const COMBINED = ['坐标', '经纬度', '经纬度坐标', 'location', 'lnglat', 'lonlat', 'coordinates', 'coords', '位置'];
const CRS_WORDS = /^(wgs84|wgs|gcj02|gcj|bd09|bd|amap|gaode|baidu|高德|百度)|(wgs84|wgs|gcj02|gcj|bd09|bd|amap|gaode|baidu|高德|百度)$/;

function score(name: string, exact: string[], words: RegExp): number {
  const normalized = normalize(name);
  if (exact.includes(normalized)) return 3;
  const stripped = normalized.replace(CRS_WORDS, '');
  if (stripped !== normalized && exact.includes(stripped)) return 2;
  if (words.test(normalized)) return 1;
  return 0;
}

export function findCoordinateColumns(header: string[]): CoordinateColumns | undefined {
  let bestLon: { name: string; score: number } | undefined;
  let bestLat: { name: string; score: number } | undefined;
  for (const name of header) {
    const lon = score(name, LON_EXACT, /经度|longitude|^lng|lng$|^lon|lon$/);
    const lat = score(name, LAT_EXACT, /纬度|latitude|^lat|lat$/);
    if (lon > (bestLon?.score ?? 0)) bestLon = { name, score: lon };
    if (lat > (bestLat?.score ?? 0)) bestLat = { name, score: lat };
  }
  if (bestLon && bestLat && bestLon.name !== bestLat.name) return { kind: 'pair', lon: bestLon.name, lat: bestLat.name };
  const combined = header.find((name) => COMBINED.includes(normalize(name)));
  if (combined) return { kind: 'combined', column: combined };
  return undefined;
}

/** A coordinate system hinted at by column or file names ('gcj02' for 高德/gcj/amap, 'bd09' for 百度/bd09/baidu). */
export function crsHintFromNames(names: string[]): { crs: 'gcj02' | 'bd09'; hint: string } | undefined {
  for (const name of names) {
    const lower = name.toLowerCase();
    const gcj = /gcj|amap|gaode|高德|火星/.exec(lower);
    if (gcj) return { crs: 'gcj02', hint: gcj[0] };
    const bd = /bd-?09|baidu|百度/.exec(lower);
    if (bd) return { crs: 'bd09', hint: bd[0] };
  }
  return undefined;
}
