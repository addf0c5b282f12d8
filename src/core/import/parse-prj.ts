// A shapefile's .prj (ESRI or OGC WKT1) → a coordinate system gapmap knows. Matches the CGCS2000
// Gauss–Krüger family by its parameters (central meridian, false easting), so the many spellings
// ArcGIS, QGIS and Chinese desktop GIS write ("CGCS2000_3_Degree_GK_Zone_34", "CGCS2000 / 3-degree
// Gauss-Kruger CM 102E", PROJECTION["Gauss_Kruger"] or ["Transverse_Mercator"]) all resolve.
import { describeCrs, findGaussKrugerCode, type CrsInfo } from './coordinate-systems.ts';

export interface WktNode {
  keyword: string;
  args: (string | number | WktNode)[];
}

export interface PrjReading {
  info: CrsInfo;
  /** How the system was recognised, for messages. */
  name: string;
  /** Datum that is not CGCS2000/WGS84 (Xian 1980, Beijing 1954): positions may be off by tens of metres. */
  foreignDatum?: string;
}

/** Parses WKT1 into a tree; returns undefined on malformed text. */
export function parseWkt(text: string): WktNode | undefined {
  let position = 0;
  const source = text.trim();
  const skipSpace = (): void => {
    while (position < source.length && /\s/.test(source[position])) position++;
  };
  const parseNode = (): WktNode | undefined => {
    skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(position, position + 64));
    if (!match) return undefined;
    position += match[0].length;
    skipSpace();
    const open = source[position];
    if (open !== '[' && open !== '(') return { keyword: match[0].toUpperCase(), args: [] };
    position++;
    const args: WktNode['args'] = [];
    for (;;) {
      skipSpace();
      const c = source[position];
      if (c === undefined) return undefined;
      if (c === ']' || c === ')') {
        position++;
        break;
      }
      if (c === ',') {
        position++;
        continue;
      }
      if (c === '"') {
        const end = source.indexOf('"', position + 1);
        if (end < 0) return undefined;
        args.push(source.slice(position + 1, end));
        position = end + 1;
      } else if (/[-+\d.]/.test(c)) {
        const number = /^[-+]?[\d.]+(?:[eE][-+]?\d+)?/.exec(source.slice(position, position + 40));
        if (!number) return undefined;
        args.push(Number(number[0]));
        position += number[0].length;
      } else {
        const child = parseNode();
        if (!child) return undefined;
        args.push(child);
      }
    }
    return { keyword: match[0].toUpperCase(), args };
  };
  const node = parseNode();
  return node;
}

const children = (node: WktNode, keyword: string): WktNode[] =>
  node.args.filter((arg): arg is WktNode => typeof arg === 'object' && arg.keyword === keyword);
const child = (node: WktNode, keyword: string): WktNode | undefined => children(node, keyword)[0];
const nameOf = (node: WktNode | undefined): string => (node && typeof node.args[0] === 'string' ? node.args[0] : '');

function authorityCode(node: WktNode): string | undefined {
  const authority = child(node, 'AUTHORITY') ?? child(node, 'ID');
  if (!authority) return undefined;
  const [name, code] = authority.args;
  return typeof name === 'string' && name.toUpperCase() === 'EPSG' ? `EPSG:${code}` : undefined;
}

function classifyDatum(geogcs: WktNode | undefined): 'cgcs2000' | 'wgs84' | string {
  const datum = nameOf(child(geogcs ?? { keyword: '', args: [] }, 'DATUM'));
  const text = `${nameOf(geogcs)} ${datum}`.toLowerCase().replace(/[\s_-]/g, '');
  if (/china2000|cgcs2000|chinageodeticcoordinatesystem2000/.test(text)) return 'cgcs2000';
  if (/wgs1984|wgs84|worldgeodeticsystem1984/.test(text)) return 'wgs84';
  return datum || nameOf(geogcs) || 'unknown';
}

function ellipsoidProj4(geogcs: WktNode | undefined): string {
  const spheroid = geogcs ? child(child(geogcs, 'DATUM') ?? geogcs, 'SPHEROID') ?? child(child(geogcs, 'DATUM') ?? geogcs, 'ELLIPSOID') : undefined;
  const a = spheroid?.args[1];
  const rf = spheroid?.args[2];
  if (typeof a === 'number' && typeof rf === 'number' && a > 6e6) return rf > 0 ? `+a=${a} +rf=${rf}` : `+a=${a} +b=${a}`;
  return '+ellps=GRS80';
}

function parameters(projcs: WktNode): Map<string, number> {
  const out = new Map<string, number>();
  for (const parameter of children(projcs, 'PARAMETER')) {
    const [name, value] = parameter.args;
    if (typeof name === 'string' && typeof value === 'number') out.set(name.toLowerCase().replace(/[\s-]/g, '_'), value);
  }
  return out;
}

export function readPrj(text: string): PrjReading | undefined {
  const root = parseWkt(text);
  if (!root) return undefined;
  const code = authorityCode(root);
  const known = code ? describeCrs(code) : undefined;
  if (root.keyword === 'GEOGCS' || root.keyword === 'GEOGCRS') {
    const datum = classifyDatum(root);
    if (datum === 'cgcs2000') return { info: describeCrs('EPSG:4490') as CrsInfo, name: nameOf(root) };
    if (datum === 'wgs84') return { info: describeCrs('EPSG:4326') as CrsInfo, name: nameOf(root) };
    return { info: describeCrs('EPSG:4490') as CrsInfo, name: nameOf(root), foreignDatum: datum };
  }
  if (root.keyword !== 'PROJCS' && root.keyword !== 'PROJCRS') return undefined;
  if (known) return { info: known, name: nameOf(root) };
  const geogcs = child(root, 'GEOGCS') ?? child(root, 'BASEGEOGCRS');
  const datum = classifyDatum(geogcs);
  const projection = nameOf(child(root, 'PROJECTION')).toLowerCase().replace(/[\s-]/g, '_');
  const values = parameters(root);
  const unit = child(root, 'UNIT');
  const metresPerUnit = typeof unit?.args[1] === 'number' ? unit.args[1] : 1;
  if (/mercator_auxiliary_sphere|popular_visualisation|pseudo_mercator/.test(projection) || /web_mercator|pseudo_mercator/i.test(nameOf(root))) {
    return { info: describeCrs('EPSG:3857') as CrsInfo, name: nameOf(root) };
  }
  if (/gauss|transverse_mercator|tmerc/.test(projection)) {
    const centralMeridian = values.get('central_meridian') ?? values.get('longitude_of_center') ?? values.get('longitude_of_origin') ?? 0;
    const falseEasting = (values.get('false_easting') ?? 0) * metresPerUnit;
    const falseNorthing = (values.get('false_northing') ?? 0) * metresPerUnit;
    const scale = values.get('scale_factor') ?? 1;
    const latitudeOfOrigin = values.get('latitude_of_origin') ?? 0;
    if (datum === 'cgcs2000' && scale === 1 && falseNorthing === 0 && latitudeOfOrigin === 0) {
      const family = findGaussKrugerCode(centralMeridian, falseEasting);
      if (family) return { info: family, name: nameOf(root) };
    }
    const proj4 = `+proj=tmerc +lat_0=${latitudeOfOrigin} +lon_0=${centralMeridian} +k=${scale} +x_0=${falseEasting} +y_0=${falseNorthing} ${ellipsoidProj4(geogcs)} +units=m +no_defs`;
    const info = describeCrs(proj4) as CrsInfo;
    return {
      info: { ...info, centralMeridian, falseEasting, zonePrefix: falseEasting >= 1e6 ? Math.floor(falseEasting / 1e6) : undefined },
      name: nameOf(root),
      foreignDatum: datum === 'cgcs2000' || datum === 'wgs84' ? undefined : datum,
    };
  }
  // Another projection: let proj4 read the WKT itself (it knows many ESRI and OGC spellings).
  return {
    info: { id: nameOf(root) || 'prj', kind: 'projected', label: { zh: nameOf(root), en: nameOf(root) }, proj4: text.trim() },
    name: nameOf(root),
    foreignDatum: datum === 'cgcs2000' || datum === 'wgs84' ? undefined : datum,
  };
}
