// forwardArrays projects through proj4's projection object directly (no per-point transform
// wrapper): it must give exactly what the one-point forward (proj4's full transform) gives.
import { describe, expect, it } from 'vitest';
import { createProjectionForExtent } from '../../src/core/geodesy/local-projection.ts';

describe('local projection, arrays', () => {
  it('equals the one-point forward to the bit, across a province and beyond its meridian band', () => {
    const projection = createProjectionForExtent(97.5, 21.1, 106.2, 29.3);
    let seed = 1;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const lon = Float64Array.from({ length: 20_000 }, () => 95 + next() * 14);
    const lat = Float64Array.from({ length: 20_000 }, () => 18 + next() * 15);
    const { x, y } = projection.forwardArrays(lon, lat);
    for (let i = 0; i < lon.length; i++) {
      const [px, py] = projection.forward(lon[i], lat[i]);
      if (x[i] !== px || y[i] !== py) expect([x[i], y[i]]).toEqual([px, py]);
    }
  });
});
