// The reach discs the map draws: for each selected facility, the geodesic circle of its reach as a
// WGS84 polygon. Built from the discs the coverage kernel measured (centre and radius R·k in the
// prepared dataset's transverse Mercator, k the point scale factor at the facility), so the map
// shows exactly what was counted and the projection is the prepared one.
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { Discs } from '../coverage/disc-union-area.ts';

export type ReachDiscFeature = Feature<Polygon, { facility: number; reachMetres: number }> & { id: number };
export type ReachDiscCollection = FeatureCollection<Polygon, { facility: number; reachMetres: number }> & { features: ReachDiscFeature[] };

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * One polygon per disc: `selected[k]` is the facility index of disc k (also the feature id, so the
 * map can address a facility's disc). `vertices` points on the plane circle, unprojected.
 */
export function buildReachDiscs(prepared: PreparedDataset, selected: Uint32Array, discs: Discs, vertices = 64): ReachDiscCollection {
  const { projection } = prepared;
  const scale = prepared.facilities.scale;
  const features: ReachDiscFeature[] = [];
  for (let k = 0; k < selected.length; k++) {
    const facility = selected[k];
    const x0 = discs.x[k];
    const y0 = discs.y[k];
    const r = discs.r[k];
    const ring: number[][] = [];
    for (let v = 0; v < vertices; v++) {
      const angle = (2 * Math.PI * v) / vertices;
      const [lon, lat] = projection.inverse(x0 + r * Math.cos(angle), y0 + r * Math.sin(angle));
      ring.push([round6(lon), round6(lat)]);
    }
    ring.push(ring[0]);
    features.push({
      type: 'Feature',
      id: facility,
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: { facility, reachMetres: r / scale[facility] },
    });
  }
  return { type: 'FeatureCollection', features };
}
