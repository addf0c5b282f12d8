// Prepares a dataset for repeated analysis: one local projection, projected zones with edge
// indexes, population cells in a k-d tree (built when first queried), and every cell, facility and
// place assigned to its township, county and area of interest. Done once per dataset (in the
// worker: once per load); every coverage request then only touches discs and the edges they meet.
import KDBush from 'kdbush';
import type { Dataset, RunOptions } from '../types.ts';
import { throwIfAborted } from '../types.ts';
import { createProjectionForExtent, type LocalProjection } from '../geodesy/local-projection.ts';
import { projectZones, type ProjectedZones } from '../geometry/projected-zones.ts';
import { locatePoints } from './locate-points.ts';

export interface ProjectedPoints {
  x: Float64Array;
  y: Float64Array;
  /** Point scale factor of the projection at each point. */
  scale: Float64Array;
}

export interface PreparedDataset {
  dataset: Dataset;
  projection: LocalProjection;
  townships: ProjectedZones;
  counties: ProjectedZones;
  areas: ProjectedZones;
  cells: ProjectedPoints;
  cellIndex: KDBush;
  facilities: ProjectedPoints;
  places: ProjectedPoints;
  placeIndex: KDBush;
  /** Zone assignment (-1: outside every zone of that kind). */
  cellTownship: Int32Array;
  cellCounty: Int32Array;
  cellArea: Int32Array;
  facilityTownship: Int32Array;
  facilityCounty: Int32Array;
  facilityArea: Int32Array;
  placeTownship: Int32Array;
  placeCounty: Int32Array;
  placeArea: Int32Array;
  cohortNames: string[];
  /**
   * County of each township when the townships provably tile the counties (every township names
   * a county, county areas equal the sums of their townships', every cell's county is its
   * township's): county metrics are then sums of township metrics. Otherwise null, and counties
   * are computed as zones of their own.
   */
  townshipCounty: Int32Array | null;
}

function indexPoints(points: ProjectedPoints): KDBush {
  const index = new KDBush(Math.max(1, points.x.length), 64, Float64Array);
  for (let i = 0; i < points.x.length; i++) index.add(points.x[i], points.y[i]);
  if (points.x.length === 0) index.add(Infinity, Infinity);
  index.finish();
  return index;
}

function extentOf(dataset: Dataset): [number, number, number, number] {
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  const visit = (lon: number, lat: number) => {
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  };
  for (const unit of dataset.townships) {
    const polygons = unit.geometry.type === 'Polygon' ? [unit.geometry.coordinates] : unit.geometry.coordinates;
    for (const polygon of polygons) for (const p of polygon[0] ?? []) visit(p[0], p[1]);
  }
  if (!Number.isFinite(minLon)) {
    const { lon, lat } = dataset.population;
    for (let i = 0; i < lon.length; i++) visit(lon[i], lat[i]);
    for (const f of dataset.facilities) visit(f.lon, f.lat);
  }
  if (!Number.isFinite(minLon)) return [0, 0, 0, 0];
  return [minLon, minLat, maxLon, maxLat];
}

function projectPoints(projection: LocalProjection, lon: ArrayLike<number>, lat: ArrayLike<number>): ProjectedPoints {
  const { x, y } = projection.forwardArrays(lon, lat);
  const scale = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) scale[i] = projection.scaleFactor(x[i], lat[i]);
  return { x, y, scale };
}

function assign(zones: ProjectedZones, points: ProjectedPoints, run: RunOptions, stage: string, from: number, to: number): Int32Array {
  return locatePoints(zones, points.x, points.y, run, stage, from, to);
}

function nestedCounties(
  dataset: Dataset,
  townships: ProjectedZones,
  counties: ProjectedZones,
  cellTownship: Int32Array,
  cellCounty: Int32Array,
): Int32Array | null {
  if (counties.count === 0) return null;
  const countyByCode = new Map(dataset.counties.map((c, i) => [c.code, i]));
  const townshipCounty = Int32Array.from(dataset.townships, (t) => countyByCode.get(t.parentCode ?? '') ?? -1);
  if (townshipCounty.some((c) => c < 0)) return null;
  const summed = new Float64Array(counties.count);
  townshipCounty.forEach((c, t) => (summed[c] += townships.projectedArea[t]));
  for (let c = 0; c < counties.count; c++) {
    if (Math.abs(summed[c] - counties.projectedArea[c]) > 1e-6 * counties.projectedArea[c]) return null;
  }
  for (let i = 0; i < cellTownship.length; i++) {
    const expected = cellTownship[i] >= 0 ? townshipCounty[cellTownship[i]] : -1;
    if (cellCounty[i] !== expected) return null;
  }
  return townshipCounty;
}

/** What the preparation makes before the population cells: the projection, the zones, the facilities and places located in them. */
export type PreparedSites = Omit<PreparedDataset, 'cells' | 'cellIndex' | 'cellTownship' | 'cellCounty' | 'cellArea' | 'townshipCounty'>;

/**
 * The first part of prepareDataset, everything but the cells: quick, and all that the straight-line
 * discs and their areas in the townships need (the CLI hands them to its second thread here, while
 * this one projects and locates the cells: prepareCells). `projection`: by default one centred on
 * the dataset's townships; a part of a larger region (a county tile, core/tiling) passes the
 * region's, so that its figures are the region's to the bit.
 */
export function prepareSites(dataset: Dataset, projection: LocalProjection = createProjectionForExtent(...extentOf(dataset))): PreparedSites {
  const townships = projectZones(dataset.townships.map((u) => u.geometry), projection);
  const counties = projectZones(dataset.counties.map((u) => u.geometry), projection);
  const areas = projectZones(dataset.areas.map((u) => u.geometry), projection);
  const facilities = projectPoints(
    projection,
    dataset.facilities.map((f) => f.lon),
    dataset.facilities.map((f) => f.lat),
  );
  const places = projectPoints(
    projection,
    dataset.places.map((p) => p.lon),
    dataset.places.map((p) => p.lat),
  );
  const none: RunOptions = {};
  return {
    dataset,
    projection,
    townships,
    counties,
    areas,
    facilities,
    places,
    placeIndex: indexPoints(places),
    facilityTownship: assign(townships, facilities, none, 'locate', 0, 0),
    facilityCounty: assign(counties, facilities, none, 'locate', 0, 0),
    facilityArea: assign(areas, facilities, none, 'locate', 0, 0),
    placeTownship: assign(townships, places, none, 'locate', 0, 0),
    placeCounty: assign(counties, places, none, 'locate', 0, 0),
    placeArea: assign(areas, places, none, 'locate', 0, 0),
    cohortNames: Object.keys(dataset.population.cohorts),
  };
}

/** The second part of prepareDataset: the population cells projected, indexed and located in the sites' zones. */
export function prepareCells(sites: PreparedSites, run: RunOptions = {}): PreparedDataset {
  const { dataset, projection, townships, counties, areas } = sites;
  throwIfAborted(run.signal);
  run.onProgress?.(0.1, 'project');
  const cells = projectPoints(projection, dataset.population.lon, dataset.population.lat);
  run.onProgress?.(0.2, 'locate');
  const cellTownship = assign(townships, cells, run, 'locate cells', 0.2, 0.7);
  const cellCounty = assign(counties, cells, run, 'locate cells', 0.7, 0.95);
  const cellArea = assign(areas, cells, run, 'locate cells', 0.95, 1);
  let cellIndex: KDBush | undefined;
  return {
    ...sites,
    cells,
    // Built on first use (0.13–0.19 s of CPU for a million cells): 2SFCA, the what-if edits,
    // siting and the road network query it; straight-line coverage does not (mark-points-in-discs.ts).
    get cellIndex() {
      return (cellIndex ??= indexPoints(cells));
    },
    cellTownship,
    cellCounty,
    cellArea,
    townshipCounty: nestedCounties(dataset, townships, counties, cellTownship, cellCounty),
  };
}

/** See prepareSites for `projection`. */
export function prepareDataset(dataset: Dataset, run: RunOptions = {}, projection?: LocalProjection): PreparedDataset {
  run.onProgress?.(0, 'project');
  return prepareCells(prepareSites(dataset, projection), run);
}
