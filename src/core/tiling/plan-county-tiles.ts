// County tiles for a region too large to analyse in one piece: each tile is one county's
// townships (and the county), all the facilities, places and areas (they are small), and the
// population cells within a halo around the townships wide enough that every figure of those
// townships is what the whole region would give: coverage and gaps need the discs that reach them
// (every facility is in every tile), nearest distances need every facility of the service (the
// same), and 2SFCA needs, for each facility within the catchment of a township's cells, the
// people within the catchment of that facility — so cells up to twice the catchment away.

import type { Dataset, PopulationCells } from '../types.ts';
import type { LonLatExtent } from '../raster/raster-window.ts';

export interface CountyTile {
  /** The county's code (townships' parentCode); '' for townships that name none. */
  code: string;
  /** Indices of the tile's townships in the region's dataset. */
  townships: number[];
  /** Index of the county in the region's dataset, or −1 (no such county polygon). */
  county: number;
  /** The townships' (and county's) lon/lat bounds, widened by the halo: the cells the tile reads. */
  extent: LonLatExtent;
}

/** Metres per degree of latitude at least (110,574 m at the equator) and of longitude at the equator, at least. */
const METRES_PER_DEGREE_LATITUDE = 110_574;
const METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111_319;
/** Widening on top of the halo, relative: the plane distances the engine compares differ from the ellipsoid's by far less. */
const HALO_MARGIN = 1.01;

function boundsOf(units: Dataset['townships'], indices: number[]): LonLatExtent {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const u of indices) {
    const geometry = units[u].geometry;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      for (const [lon, lat] of polygon[0] ?? []) {
        if (lon < west) west = lon;
        if (lon > east) east = lon;
        if (lat < south) south = lat;
        if (lat > north) north = lat;
      }
    }
  }
  return [west, south, east, north];
}

/** A lon/lat extent widened by at least `metres` on every side. */
function widenExtent([west, south, east, north]: LonLatExtent, metres: number): LonLatExtent {
  const dLat = (metres * HALO_MARGIN) / METRES_PER_DEGREE_LATITUDE;
  const farthest = Math.min(89, Math.max(Math.abs(south), Math.abs(north)) + dLat);
  const dLon = (metres * HALO_MARGIN) / (METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR * Math.cos((farthest * Math.PI) / 180));
  return [west - dLon, south - dLat, east + dLon, north + dLat];
}

/** One tile per county code of the townships, in the order the codes first appear. */
export function planCountyTiles(dataset: Dataset, haloMetres: number): CountyTile[] {
  const byCode = new Map<string, number[]>();
  dataset.townships.forEach((township, t) => {
    const code = township.parentCode ?? '';
    const list = byCode.get(code);
    if (list) list.push(t);
    else byCode.set(code, [t]);
  });
  return [...byCode].map(([code, townships]) => {
    const county = code === '' ? -1 : dataset.counties.findIndex((c) => c.code === code);
    const [w, s, e, n] = boundsOf(dataset.townships, townships);
    const [cw, cs, ce, cn] = county >= 0 ? boundsOf(dataset.counties, [county]) : [w, s, e, n];
    return { code, townships, county, extent: widenExtent([Math.min(w, cw), Math.min(s, cs), Math.max(e, ce), Math.max(n, cn)], haloMetres) };
  });
}

/** The tile's dataset: its townships and county, every facility, place and area, and its cells. */
export function tileDataset(region: Dataset, tile: CountyTile, population: PopulationCells): Dataset {
  return {
    ...region,
    townships: tile.townships.map((t) => region.townships[t]),
    counties: tile.county >= 0 ? [region.counties[tile.county]] : [],
    population,
  };
}

/** The cells of `population` whose centre lies in the extent (edges included), as a new set. */
export function cellsInExtent(population: PopulationCells, [west, south, east, north]: LonLatExtent): PopulationCells {
  const { lon, lat } = population;
  const kept: number[] = [];
  for (let i = 0; i < lon.length; i++) if (lon[i] >= west && lon[i] <= east && lat[i] >= south && lat[i] <= north) kept.push(i);
  const pick = (values: Float64Array) => Float64Array.from(kept, (i) => values[i]);
  return {
    ...population,
    lon: pick(lon),
    lat: pick(lat),
    population: pick(population.population),
    cohorts: Object.fromEntries(Object.entries(population.cohorts).map(([name, values]) => [name, pick(values)])),
  };
}
