// Population cells (tens of thousands of points) are drawn as one raster in Web Mercator pixel
// space and shown as a static canvas source, instead of as GeoJSON features. Rows are spaced in
// Mercator y, which makes MapLibre's linear placement between the corners exact. The frame is
// fixed per dataset (all cells), so redrawing reuses the same canvas and texture size.

import { boundingBoxOfPoints } from '../../core/geometry/bounding-box.ts';

export type ImageCorners = [[number, number], [number, number], [number, number], [number, number]];

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const latitudeOf = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(y)) - 90;

export interface CellFrame {
  west: number;
  east: number;
  yTop: number;
  yBottom: number;
  width: number;
  height: number;
  coordinates: ImageCorners;
}

/** The raster frame covering every cell, one pixel per cell (at most 2048 px a side). */
export function cellFrame(lon: ArrayLike<number>, lat: ArrayLike<number>, cellSizeMetres: number): CellFrame | null {
  const box = boundingBoxOfPoints(lon, lat);
  if (!box) return null;
  let [west, south, east, north] = box;
  const degreesPerCell = cellSizeMetres / (111_320 * Math.cos((((south + north) / 2) * Math.PI) / 180));
  west -= degreesPerCell / 2;
  east += degreesPerCell / 2;
  south -= degreesPerCell / 2;
  north += degreesPerCell / 2;
  const yTop = mercatorY(north);
  const yBottom = mercatorY(south);
  const width = Math.min(2048, Math.max(1, Math.ceil((east - west) / degreesPerCell)));
  const height = Math.min(2048, Math.max(1, Math.ceil((yTop - yBottom) / ((degreesPerCell * Math.PI) / 180))));
  const top = latitudeOf(yTop);
  const bottom = latitudeOf(yBottom);
  return {
    west,
    east,
    yTop,
    yBottom,
    width,
    height,
    coordinates: [
      [west, top],
      [east, top],
      [east, bottom],
      [west, bottom],
    ],
  };
}

export interface CellLayerInput {
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
  /** Weight per cell (population); cells with 0 are left transparent. */
  weight: ArrayLike<number>;
  /** Cells to draw (all when absent). */
  indices?: ArrayLike<number>;
  /** RGB of the colour; alpha grows with weight. */
  rgb: [number, number, number];
}

/** Draws the cells into `canvas` (sized to the frame; CPU-backed, so the texture upload needs no GPU read-back). */
export function drawCells(canvas: HTMLCanvasElement, frame: CellFrame, input: CellLayerInput): void {
  const { width, height, west, east, yTop, yBottom } = frame;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const count = input.indices ? input.indices.length : input.lon.length;
  let maxWeight = 0;
  for (let i = 0; i < input.weight.length; i++) if (input.weight[i] > maxWeight) maxWeight = input.weight[i];
  const logMax = Math.log1p(maxWeight) || 1;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let k = 0; k < count; k++) {
    const i = input.indices ? input.indices[k] : k;
    const weight = input.weight[i];
    if (!(weight > 0)) continue;
    const x = Math.min(width - 1, Math.max(0, Math.floor(((input.lon[i] - west) / (east - west)) * width)));
    const y = Math.min(height - 1, Math.max(0, Math.floor(((yTop - mercatorY(input.lat[i])) / (yTop - yBottom)) * height)));
    const offset = (y * width + x) * 4;
    pixels[offset] = input.rgb[0];
    pixels[offset + 1] = input.rgb[1];
    pixels[offset + 2] = input.rgb[2];
    pixels[offset + 3] = Math.max(pixels[offset + 3], 40 + Math.round((170 * Math.log1p(weight)) / logMax));
  }
  canvas.getContext('2d', { willReadFrequently: true })!.putImageData(new ImageData(pixels, width, height), 0, 0);
}
