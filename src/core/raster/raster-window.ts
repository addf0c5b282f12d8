// The pixel window of a raster that covers a lon/lat extent, so that only the tiles or strips
// under the boundaries are decoded. For a projected raster the extent's outline is projected
// (densified: a straight lon/lat edge is curved in Mollweide) and its bounds taken, padded by a
// cell so that cells whose centre lies just inside the extent are not lost at the edge.

import type { RasterGrid } from './raster-grid.ts';

/** [west, south, east, north] in degrees. */
export type LonLatExtent = [number, number, number, number];

/** Pixel window [column0, row0, column1, row1), end-exclusive as geotiff.js reads it. */
export type PixelWindow = [number, number, number, number];

export type ForwardTransform = (lon: number, lat: number) => [number, number];

/** Points along the extent's outline: 64 per side, corners included. */
function outline(extent: LonLatExtent): [number, number][] {
  const [w, s, e, n] = extent;
  const points: [number, number][] = [];
  const steps = 64;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    points.push([w + (e - w) * t, s], [w + (e - w) * t, n], [w, s + (n - s) * t], [e, s + (n - s) * t]);
  }
  return points;
}

/** The window over the extent, or null when the raster does not reach it. */
export function windowForExtent(grid: RasterGrid, extent: LonLatExtent | undefined, forward?: ForwardTransform): PixelWindow | null {
  if (!extent) return [0, 0, grid.width, grid.height];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [lon, lat] of outline(extent)) {
    const [x, y] = forward ? forward(lon, lat) : [lon, lat];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  if (!Number.isFinite(minX)) return null;
  const columnA = (minX - grid.originX) / grid.resolutionX;
  const columnB = (maxX - grid.originX) / grid.resolutionX;
  const rowA = (minY - grid.originY) / grid.resolutionY;
  const rowB = (maxY - grid.originY) / grid.resolutionY;
  const column0 = Math.max(0, Math.floor(Math.min(columnA, columnB)) - 1);
  const column1 = Math.min(grid.width, Math.ceil(Math.max(columnA, columnB)) + 1);
  const row0 = Math.max(0, Math.floor(Math.min(rowA, rowB)) - 1);
  const row1 = Math.min(grid.height, Math.ceil(Math.max(rowA, rowB)) + 1);
  if (column0 >= column1 || row0 >= row1) return null;
  return [column0, row0, column1, row1];
}
