// A cell raster on a canvas, kept between analyses (the uncovered cells, the unreachable ones): the
// same cells as before (a what-if edit, a new reach on the same data) change only the pixels of the
// cells that entered or left the set, put on the canvas by their rectangle (cell-image.ts); new
// cells (another dataset) start a new raster, put whole.
import { CellImage, type DirtyRectangle } from './cell-image.ts';
import { cellFrame, fitCanvas, type CellFrame } from './render-cell-image.ts';

export interface CellSet {
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
  population: ArrayLike<number>;
}

export class CellCanvas {
  readonly canvas = document.createElement('canvas');
  private kept: { cells: CellSet; image: CellImage } | null = null;

  constructor(private readonly rgb: [number, number, number]) {}

  /**
   * Shows exactly the cells `indices` of `cells`, `pixelMetres` a pixel (fixed per `cells`). Returns
   * the frame and whether the canvas changed; null when the cells have no extent.
   */
  show(cells: CellSet, pixelMetres: number, indices: ArrayLike<number>): { frame: CellFrame; changed: boolean } | null {
    const fresh = this.kept?.cells !== cells;
    if (fresh) {
      const frame = cellFrame(cells.lon, cells.lat, pixelMetres);
      this.kept = frame ? { cells, image: new CellImage(frame, { ...cells, weight: cells.population, rgb: this.rgb }) } : null;
      if (!frame) return null;
      fitCanvas(this.canvas, frame);
    }
    const { image } = this.kept!;
    const { width, height } = image.frame;
    const changed = image.show(indices);
    // A new raster is put whole (the canvas may hold the last dataset's); then only what changed.
    const rectangle: DirtyRectangle | null = fresh ? [0, 0, width, height] : changed;
    if (rectangle) this.canvas.getContext('2d', { willReadFrequently: true })!.putImageData(new ImageData(image.pixels, width, height), 0, 0, ...rectangle);
    return { frame: image.frame, changed: rectangle !== null };
  }
}
