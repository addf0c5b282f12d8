// Candidate sites as given (clicked on the map, or loaded as a layer of buildable parcels):
// projected once into the prepared dataset's plane and located in their township and county.

import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { locateZone } from '../geometry/projected-zones.ts';
import type { CandidateSet, CandidateSource } from './siting-types.ts';

export interface CandidatePoint {
  id: string;
  lon: number;
  lat: number;
}

export function projectCandidates(prepared: PreparedDataset, points: CandidatePoint[], source: CandidateSource = 'given'): CandidateSet {
  const lon = Float64Array.from(points, (p) => p.lon);
  const lat = Float64Array.from(points, (p) => p.lat);
  const { x, y } = prepared.projection.forwardArrays(lon, lat);
  return {
    ids: points.map((p) => p.id),
    lon,
    lat,
    x,
    y,
    scale: Float64Array.from(x, (px, i) => prepared.projection.scaleFactor(px, lat[i])),
    township: Int32Array.from(x, (px, i) => locateZone(prepared.townships, px, y[i])),
    county: Int32Array.from(x, (px, i) => locateZone(prepared.counties, px, y[i])),
    source,
  };
}

/** The candidates at the given indices, in that order. */
export function pickCandidates(candidates: CandidateSet, keep: ArrayLike<number>): CandidateSet {
  const take = (values: Float64Array) => Float64Array.from(keep, (i) => values[i]);
  return {
    ids: Array.from(keep, (i) => candidates.ids[i]),
    lon: take(candidates.lon),
    lat: take(candidates.lat),
    x: take(candidates.x),
    y: take(candidates.y),
    scale: take(candidates.scale),
    township: Int32Array.from(keep, (i) => candidates.township[i]),
    county: Int32Array.from(keep, (i) => candidates.county[i]),
    source: candidates.source,
  };
}
