// An identity "projection" for kernel tests that work in plane metres directly.
import type { LocalProjection } from '../../src/core/geodesy/local-projection.ts';

export const PLANE: LocalProjection = {
  centralMeridian: 0,
  centralLatitude: 0,
  originNorthing: 0,
  proj4Definition: 'identity',
  forward: (x, y) => [x, y],
  inverse: (x, y) => [x, y],
  forwardArrays: (x, y) => ({ x: Float64Array.from(x), y: Float64Array.from(y) }),
  scaleFactor: () => 1,
};
