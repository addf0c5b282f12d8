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

/** The pixel (y · width + x) a cell falls in. */
export function cellPixel(frame: CellFrame, lon: number, lat: number): number {
  const { width, height, west, east, yTop, yBottom } = frame;
  const x = Math.min(width - 1, Math.max(0, Math.floor(((lon - west) / (east - west)) * width)));
  const y = Math.min(height - 1, Math.max(0, Math.floor(((yTop - mercatorY(lat)) / (yTop - yBottom)) * height)));
  return y * width + x;
}

/** A cell's opacity from its weight (on a log scale to the heaviest cell's, `logMax` = log1p(max weight)); 0 for none. */
export function cellAlpha(weight: number, logMax: number): number {
  return weight > 0 ? 40 + Math.round((170 * Math.log1p(weight)) / logMax) : 0;
}

/** log1p of the heaviest weight (1 when every weight is 0), the scale of `cellAlpha`. */
export function logMaxWeight(weight: ArrayLike<number>): number {
  let maxWeight = 0;
  for (let i = 0; i < weight.length; i++) if (weight[i] > maxWeight) maxWeight = weight[i];
  return Math.log1p(maxWeight) || 1;
}

/** Sizes `canvas` to the frame. */
export function fitCanvas(canvas: HTMLCanvasElement, frame: CellFrame): void {
  if (canvas.width !== frame.width) canvas.width = frame.width;
  if (canvas.height !== frame.height) canvas.height = frame.height;
}

/** The cells' pixels (RGBA, the frame's size): each pixel in the colour, as opaque as its heaviest cell. */
export function cellPixels(frame: CellFrame, input: CellLayerInput): Uint8ClampedArray<ArrayBuffer> {
  const count = input.indices ? input.indices.length : input.lon.length;
  const logMax = logMaxWeight(input.weight);
  const pixels = new Uint8ClampedArray(frame.width * frame.height * 4);
  for (let k = 0; k < count; k++) {
    const i = input.indices ? input.indices[k] : k;
    const alpha = cellAlpha(input.weight[i], logMax);
    if (alpha === 0) continue;
    const offset = cellPixel(frame, input.lon[i], input.lat[i]) * 4;
    pixels[offset] = input.rgb[0];
    pixels[offset + 1] = input.rgb[1];
    pixels[offset + 2] = input.rgb[2];
    pixels[offset + 3] = Math.max(pixels[offset + 3], alpha);
  }
  return pixels;
}

/** Draws the cells into `canvas` (sized to the frame; CPU-backed, so the texture upload needs no GPU read-back). */
export function drawCells(canvas: HTMLCanvasElement, frame: CellFrame, input: CellLayerInput): void {
  fitCanvas(canvas, frame);
  canvas.getContext('2d', { willReadFrequently: true })!.putImageData(new ImageData(cellPixels(frame, input), frame.width, frame.height), 0, 0);
}
