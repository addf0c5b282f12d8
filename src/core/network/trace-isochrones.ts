// Isochrones: polygons of "reachable within T minutes" traced with d3-contour on the travel-time
// grid (linear interpolation between cell centres), nested by construction (every band uses the
// same grid), with holes where nothing is reachable in time. For the whole service (nearest
// facility) or for one facility on demand (a search bounded at the largest time, over the grid
// window it reaches).
import { contours } from 'd3-contour';
import type { LocalProjection } from '../geodesy/local-projection.ts';
import type { TravelGrid, TravelModeNetwork } from './prepare-travel-network.ts';
import { pointsReachedFrom, searchNetwork, type PointTimes } from './search-network.ts';

export interface IsochroneFeature {
  type: 'Feature';
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  properties: { minutes: number; areaKm2: number };
}

/**
 * Stands in for "unreachable" in the contoured grid: twice the largest band plus one, so a band's
 * edge between a reachable and an unreachable cell falls between their centres (as it does between
 * two reachable ones) rather than on the reachable centre itself.
 */
export const unreachableMinutes = (bands: number[]): number => 2 * Math.max(...bands) + 1;

function ringArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return sum / 2;
}

/**
 * Grid units → lon/lat by bilinear interpolation in a lattice of exact inverse projections about
 * 1 km apart: the inverse transverse Mercator bends by under 1 mm across a lattice cell at these
 * scales (far below the 1e-6° the output is rounded to), and a proj4 inverse per contour vertex
 * cost seconds on a million-cell grid.
 */
function latticeInverse(projection: LocalProjection, grid: TravelGrid, window: GridWindow): (point: number[]) => number[] {
  const step = Math.max(1, Math.floor(1000 / grid.cellMetres));
  const columns = Math.ceil(window.columns / step) + 1;
  const rows = Math.ceil(window.rows / step) + 1;
  const lon = new Float64Array(columns * rows);
  const lat = new Float64Array(columns * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const [a, b] = projection.inverse(grid.originX + (window.column + c * step) * grid.cellMetres, grid.originY + (window.row + r * step) * grid.cellMetres);
      lon[c + r * columns] = a;
      lat[c + r * columns] = b;
    }
  }
  return (point) => {
    const u = point[0] / step, v = point[1] / step;
    const c = Math.min(columns - 2, Math.max(0, Math.floor(u))), r = Math.min(rows - 2, Math.max(0, Math.floor(v)));
    const fu = u - c, fv = v - r;
    const k = c + r * columns;
    const blend = (values: Float64Array) =>
      (values[k] * (1 - fu) + values[k + 1] * fu) * (1 - fv) + (values[k + columns] * (1 - fu) + values[k + columns + 1] * fu) * fv;
    return [Math.round(blend(lon) * 1e6) / 1e6, Math.round(blend(lat) * 1e6) / 1e6];
  };
}

/** A part of the grid: its first column and row and its size, in cells. */
export interface GridWindow {
  column: number;
  row: number;
  columns: number;
  rows: number;
}

/**
 * The polygons of "value ≤ band" for each band, in grid units of the window (d3-contour puts
 * value (i, j) at (i + 0.5, j + 0.5), the cell centre the time belongs to), with their band.
 */
export function contourBands(values: Float64Array, window: GridWindow, bands: number[]): { band: number; polygons: number[][][][] }[] {
  // contour −t ≥ −T ⇔ t ≤ T
  const negated = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) negated[i] = -values[i];
  const generator = contours().size([window.columns, window.rows]).thresholds(bands.map((b) => -b));
  // d3-contour sorts its thresholds: read each band's back
  return generator(negated as unknown as number[]).map((multi) => ({ band: -multi.value, polygons: multi.coordinates }));
}

/**
 * Contours `minutes` (one value per window cell) at each band, in lon/lat with the ellipsoidal
 * area of each band.
 */
export function contourWindow(values: Float64Array, window: GridWindow, grid: TravelGrid, projection: LocalProjection, bands: number[]): IsochroneFeature[] {
  const toLonLat = latticeInverse(projection, grid, window);
  // ellipsoidal area: projected area / k², k at the window's centre (the window is small against the zone)
  const centreX = grid.originX + (window.column + window.columns / 2) * grid.cellMetres;
  const centreY = grid.originY + (window.row + window.rows / 2) * grid.cellMetres;
  const k = projection.scaleFactor(centreX, projection.inverse(centreX, centreY)[1]);
  const cellArea = (grid.cellMetres * grid.cellMetres) / (k * k) / 1e6;
  return contourBands(values, window, bands)
    .map(({ band, polygons }) => {
      let area = 0;
      for (const polygon of polygons) polygon.forEach((ring, r) => (area += (r === 0 ? 1 : -1) * Math.abs(ringArea(ring))));
      return {
        type: 'Feature' as const,
        geometry: { type: 'MultiPolygon' as const, coordinates: polygons.map((polygon) => polygon.map((ring) => ring.map(toLonLat))) },
        properties: { minutes: band, areaKm2: area * cellArea },
      };
    })
    .sort((a, b) => b.properties.minutes - a.properties.minutes);
}

/** Minutes on the full grid from per-active-cell seconds; inactive and unreachable cells far beyond any band. */
export function gridMinutes(grid: TravelGrid, seconds: Float64Array, unreachable: number): Float64Array {
  const values = new Float64Array(grid.columns * grid.rows).fill(unreachable);
  for (let g = 0; g < grid.active.length; g++) if (seconds[g] < Infinity) values[grid.active[g]] = Math.min(unreachable, seconds[g] / 60);
  return values;
}

/** Isochrones of the nearest facility (largest band first, so smaller ones draw on top). */
export function traceIsochrones(network: TravelModeNetwork, projection: LocalProjection, gridSeconds: Float64Array, bands: number[]): IsochroneFeature[] {
  const grid = network.network.grid;
  return contourWindow(gridMinutes(grid, gridSeconds, unreachableMinutes(bands)), { column: 0, row: 0, columns: grid.columns, rows: grid.rows }, grid, projection, [...bands].sort((a, b) => a - b));
}

/** Isochrones of one facility (dataset index), on demand. */
export function traceFacilityIsochrones(network: TravelModeNetwork, projection: LocalProjection, facility: number, bands: number[]): IsochroneFeature[] {
  const sorted = [...bands].sort((a, b) => a - b);
  const limit = sorted[sorted.length - 1] * 60;
  const graph = network.graph;
  const nodes = searchNetwork(graph, network.facilities, { sources: [facility], cutoffSeconds: limit }, []);
  const points = network.grid;
  const out: PointTimes = { seconds: new Float64Array(points.x.length).fill(Infinity), source: new Int32Array(points.x.length).fill(-1) };
  const reached = pointsReachedFrom(graph, nodes, network.facilities, facility, points, limit, out, new Int32Array(graph.road.edgeCount).fill(-1));
  const grid = network.network.grid;
  if (reached.length === 0) return sorted.map((minutes) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [] }, properties: { minutes, areaKm2: 0 } }));
  let minC = Infinity, minR = Infinity, maxC = -Infinity, maxR = -Infinity;
  for (const g of reached) {
    const c = grid.active[g] % grid.columns, r = Math.floor(grid.active[g] / grid.columns);
    minC = Math.min(minC, c);
    maxC = Math.max(maxC, c);
    minR = Math.min(minR, r);
    maxR = Math.max(maxR, r);
  }
  // one empty cell of margin so every band closes inside the window
  const window: GridWindow = { column: minC - 1, row: minR - 1, columns: maxC - minC + 3, rows: maxR - minR + 3 };
  const values = new Float64Array(window.columns * window.rows).fill(unreachableMinutes(sorted));
  for (const g of reached) {
    const c = grid.active[g] % grid.columns, r = Math.floor(grid.active[g] / grid.columns);
    values[c - window.column + (r - window.row) * window.columns] = out.seconds[g] / 60;
  }
  return contourWindow(values, window, grid, projection, sorted);
}

