// The uncovered cells' raster kept between analyses: a what-if edit changes the cells near one
// facility, so only the pixels of the cells that entered or left the set are written again, and
// only their rectangle needs to go to the canvas (putImageData's dirty rectangle) — not the whole
// raster allocated, drawn and put again. A pixel holds several cells (two a side): its opacity is
// the heaviest shown cell's, found among the cells of that pixel (cells ordered by pixel, once).
// The pixels equal `cellPixels` of the same cells (tested).
import { cellAlpha, cellPixel, logMaxWeight, type CellFrame } from './render-cell-image.ts';

export interface CellImageInput {
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
  weight: ArrayLike<number>;
  rgb: [number, number, number];
}

/** The pixels a `show` changed, as a rectangle of the frame (x, y, width, height). */
export type DirtyRectangle = [number, number, number, number];

export class CellImage {
  /** RGBA, the frame's size: what the canvas shows. */
  readonly pixels: Uint8ClampedArray<ArrayBuffer>;
  private readonly pixelOf: Int32Array;
  private readonly alphaOf: Uint8Array;
  /** Cells ordered by pixel, and each cell's place in that order (its pixel's other cells are beside it). */
  private readonly byPixel: Int32Array;
  private readonly rankOf: Int32Array;
  private shown: Uint8Array;
  private next: Uint8Array;

  constructor(readonly frame: CellFrame, private readonly input: CellImageInput) {
    const count = input.lon.length;
    const logMax = logMaxWeight(input.weight);
    this.pixelOf = new Int32Array(count);
    this.alphaOf = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      this.pixelOf[i] = cellPixel(frame, input.lon[i], input.lat[i]);
      this.alphaOf[i] = cellAlpha(input.weight[i], logMax);
    }
    this.byPixel = Int32Array.from({ length: count }, (_, i) => i).sort((a, b) => this.pixelOf[a] - this.pixelOf[b] || a - b);
    this.rankOf = new Int32Array(count);
    this.byPixel.forEach((cell, rank) => (this.rankOf[cell] = rank));
    this.shown = new Uint8Array(count);
    this.next = new Uint8Array(count);
    this.pixels = new Uint8ClampedArray(frame.width * frame.height * 4);
  }

  /** The opacity of a cell's pixel: its heaviest cell among those to show (`flags`). */
  private pixelAlpha(cell: number, flags: Uint8Array): number {
    const { pixelOf, byPixel, alphaOf } = this;
    const pixel = pixelOf[cell];
    let alpha = 0;
    for (let rank = this.rankOf[cell]; rank >= 0 && pixelOf[byPixel[rank]] === pixel; rank--) if (flags[byPixel[rank]]) alpha = Math.max(alpha, alphaOf[byPixel[rank]]);
    for (let rank = this.rankOf[cell] + 1; rank < byPixel.length && pixelOf[byPixel[rank]] === pixel; rank++) if (flags[byPixel[rank]]) alpha = Math.max(alpha, alphaOf[byPixel[rank]]);
    return alpha;
  }

  /**
   * Shows exactly the cells `indices` (the others cleared): the pixels of the cells that changed are
   * written again. Returns the rectangle they lie in, or null when no cell changed.
   */
  show(indices: ArrayLike<number>): DirtyRectangle | null {
    const { shown, next, pixels } = this;
    next.fill(0);
    for (let k = 0; k < indices.length; k++) next[indices[k]] = 1;
    const { width } = this.frame;
    const [red, green, blue] = this.input.rgb;
    let left = Infinity, top = Infinity, right = -1, bottom = -1;
    for (let cell = 0; cell < next.length; cell++) {
      if (next[cell] === shown[cell]) continue;
      const pixel = this.pixelOf[cell];
      const alpha = this.pixelAlpha(cell, next);
      const offset = pixel * 4;
      pixels[offset] = alpha ? red : 0;
      pixels[offset + 1] = alpha ? green : 0;
      pixels[offset + 2] = alpha ? blue : 0;
      pixels[offset + 3] = alpha;
      const x = pixel % width, y = (pixel - x) / width;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
    this.shown = next;
    this.next = shown;
    return right < 0 ? null : [left, top, right - left + 1, bottom - top + 1];
  }
}
