// The local projection goes through proj4's projection object directly (no per-point transform
// wrapper), for single points and for arrays: it must give exactly what proj4's full transform
// gives, both ways, and refuse what the transform refuses.
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { createProjectionForExtent } from '../../src/core/geodesy/local-projection.ts';

describe('local projection', () => {
  const projection = createProjectionForExtent(97.5, 21.1, 106.2, 29.3);
  const transform = proj4('EPSG:4326', projection.proj4Definition);
  let seed = 1;
  const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const lon = Float64Array.from({ length: 20_000 }, () => 95 + next() * 14);
  const lat = Float64Array.from({ length: 20_000 }, () => 18 + next() * 15);

  it('projects points and arrays as proj4\'s transform does, to the bit, across a province and beyond its meridian band', () => {
    const { x, y } = projection.forwardArrays(lon, lat);
    let compared = 0;
    for (let i = 0; i < lon.length; i++) {
      const [tx, ty] = transform.forward([lon[i], lat[i]]);
      const expected = [tx, ty - projection.originNorthing];
      const [px, py] = projection.forward(lon[i], lat[i]);
      if (x[i] !== expected[0] || y[i] !== expected[1]) expect([x[i], y[i]]).toEqual(expected);
      if (px !== expected[0] || py !== expected[1]) expect([px, py]).toEqual(expected);
      compared++;
    }
    expect(compared).toBe(20_000);
  });

  it('inverts as proj4\'s transform does, to the bit', () => {
    for (let i = 0; i < lon.length; i++) {
      const [tx, ty] = transform.forward([lon[i], lat[i]]);
      const expected = transform.inverse([tx, ty]);
      const actual = projection.inverse(tx, ty - projection.originNorthing);
      if (actual[0] !== expected[0] || actual[1] !== expected[1]) expect(actual).toEqual(expected);
    }
  });

  it('throws on a coordinate that is not a finite number, as the transform does', () => {
    expect(() => transform.forward([NaN, 24])).toThrow(TypeError);
    expect(() => projection.forward(NaN, 24)).toThrow(TypeError);
    expect(() => projection.inverse(0, Infinity)).toThrow(TypeError);
  });
});
