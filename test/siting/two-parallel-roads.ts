// Two parallel east–west roads 400 m apart, joined only at their west end (x = 0), in the plane
// metres of test/network/network-fixtures.ts: the siting and what-if travel-time tests work their
// answers out by hand on it.
import type { RoadSpec } from '../network/network-fixtures.ts';

export const TWO_PARALLEL_ROADS: RoadSpec[] = [
  { points: [[0, 0], [6000, 0]] },
  { points: [[0, 0], [0, 400]] },
  { points: [[0, 400], [6000, 400]] },
];
