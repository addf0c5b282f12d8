// Covered areas computed in another thread are given back only for the zones, discs and centre
// zones they were computed from (equal values, not just the same objects), else null.
import { describe, expect, it } from 'vitest';
import { createLocalProjection } from '../../src/core/geodesy/local-projection.ts';
import { projectZones } from '../../src/core/geometry/projected-zones.ts';
import { rememberDiscUnionArea, rememberedDiscUnionArea } from '../../src/core/coverage/remember-disc-union-area.ts';
import type { AreaGeometry } from '../../src/core/types.ts';

const square = (x: number, y: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]],
});

describe('rememberDiscUnionArea', () => {
  const projection = createLocalProjection(102.5, 24.3);
  const zones = projectZones([square(102.4, 24.2), square(102.5, 24.2)], projection);
  const discs = { x: Float64Array.of(0, 100), y: Float64Array.of(0, 50), r: Float64Array.of(1500, 1500) };
  const centreZone = Int32Array.of(0, 1);
  const area = Float64Array.of(1.5, 2.5);

  it('gives the remembered area back for equal discs and centre zones only', () => {
    expect(rememberedDiscUnionArea(zones, discs, centreZone)).toBeNull();
    rememberDiscUnionArea(zones, discs, centreZone, area);
    const copy = { x: discs.x.slice(), y: discs.y.slice(), r: discs.r.slice() };
    expect(rememberedDiscUnionArea(zones, copy, centreZone.slice())).toBe(area);
    expect(rememberedDiscUnionArea(zones, { ...copy, r: Float64Array.of(1500, 1501) }, centreZone)).toBeNull();
    expect(rememberedDiscUnionArea(zones, { ...copy, x: Float64Array.of(0) }, centreZone)).toBeNull();
    expect(rememberedDiscUnionArea(zones, copy, Int32Array.of(0, 0))).toBeNull();
    expect(rememberedDiscUnionArea(zones, copy, undefined)).toBeNull();
    expect(rememberedDiscUnionArea(projectZones([square(102.4, 24.2), square(102.5, 24.2)], projection), copy, centreZone)).toBeNull();
  });

  it('refuses an area per zone that does not match the zones', () => {
    expect(() => rememberDiscUnionArea(zones, discs, centreZone, Float64Array.of(1))).toThrow(RangeError);
  });
});
