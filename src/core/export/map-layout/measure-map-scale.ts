// Ground metres per page pixel at a map's centre, on the ellipsoid: two points one row of pixels
// apart (the map's unprojected left and right edge at mid-height) measured in the local transverse
// Mercator centred between them, where the point scale factor is 1 to within 1e-6 at map widths.

import { createLocalProjection } from '../../geodesy/local-projection.ts';

export function measureMetresPerPixel(left: [number, number], right: [number, number], pixels: number): number {
  const projection = createLocalProjection((left[0] + right[0]) / 2, (left[1] + right[1]) / 2);
  const [x1, y1] = projection.forward(left[0], left[1]);
  const [x2, y2] = projection.forward(right[0], right[1]);
  const k = projection.scaleFactor((x1 + x2) / 2, (left[1] + right[1]) / 2);
  return Math.hypot(x2 - x1, y2 - y1) / k / pixels;
}
