// The uncovered cells' raster kept between analyses (src/app/map/cell-image.ts): after every change
// of the set shown its pixels equal the whole raster drawn afresh (cellPixels) for that set — also
// where several cells share a pixel and one of them leaves — and the rectangle it reports holds
// every pixel that differs from the step before.
import { describe, expect, it } from 'vitest';
import { CellImage } from '../../src/app/map/cell-image.ts';
import { cellFrame, cellPixel, cellPixels } from '../../src/app/map/render-cell-image.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';

describe('the cell raster kept between analyses', () => {
  it('equals the raster drawn afresh after each change, within the rectangle it reports', () => {
    const { next: random } = createRandom(7);
    // A 30 × 20 grid of 250 m cells, drawn two cells a pixel, with empty cells among them.
    const lon: number[] = [], lat: number[] = [], weight: number[] = [];
    for (let row = 0; row < 20; row++) for (let column = 0; column < 30; column++) {
      lon.push(102.5 + column * 0.0025);
      lat.push(24.3 + row * 0.00225);
      weight.push(random() < 0.2 ? 0 : Math.round(1 + 500 * random()));
    }
    const frame = cellFrame(lon, lat, 500)!;
    const perPixel = new Map<number, number>();
    for (let i = 0; i < lon.length; i++) perPixel.set(cellPixel(frame, lon[i], lat[i]), (perPixel.get(cellPixel(frame, lon[i], lat[i])) ?? 0) + 1);
    expect(Math.max(...perPixel.values())).toBeGreaterThanOrEqual(3);
    const input = { lon, lat, weight, rgb: [200, 30, 30] as [number, number, number] };
    const image = new CellImage(frame, input);
    let before = new Uint8ClampedArray(image.pixels);
    let shown = new Set<number>();
    for (let step = 0; step < 40; step++) {
      // A few cells in or out, as an edit near one facility changes them (the first step: a third of all).
      const next = new Set(shown);
      const changes = step === 0 ? 200 : 1 + Math.floor(random() * 12);
      for (let k = 0; k < changes; k++) {
        const cell = Math.floor(random() * lon.length);
        if (next.has(cell)) next.delete(cell);
        else next.add(cell);
      }
      const indices = Uint32Array.from([...next].sort((a, b) => a - b));
      const rectangle = image.show(indices);
      expect(image.pixels).toEqual(cellPixels(frame, { ...input, indices }));
      if (next.size === shown.size && [...next].every((cell) => shown.has(cell))) expect(rectangle).toBeNull();
      for (let pixel = 0; pixel < frame.width * frame.height; pixel++) {
        const differs = [0, 1, 2, 3].some((c) => image.pixels[4 * pixel + c] !== before[4 * pixel + c]);
        if (!differs) continue;
        const x = pixel % frame.width, y = Math.floor(pixel / frame.width);
        expect(rectangle).not.toBeNull();
        const [left, top, width, height] = rectangle!;
        expect(x >= left && x < left + width && y >= top && y < top + height).toBe(true);
      }
      before = new Uint8ClampedArray(image.pixels);
      shown = next;
    }
  });
});
