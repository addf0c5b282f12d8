// Coverage discs for the map: for each selected facility, the geodesic circle of its reach as a
// polygon. Drawn in the dataset's local transverse Mercator (GRS80), where a geodesic circle of
// radius R is the plane circle of radius R·k (k = point scale factor), then unprojected.
import { createLocalProjection, type LocalProjection } from '../src/core/geodesy/local-projection.ts';
import type { Dataset } from '../src/core/types.ts';

export interface DiscFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: number;
    geometry: { type: 'Polygon'; coordinates: number[][][] };
    properties: { facility: number; radius_m: number };
  }[];
}

const projections = new WeakMap<Dataset, LocalProjection>();

function projectionFor(dataset: Dataset): LocalProjection {
  let projection = projections.get(dataset);
  if (!projection) {
    const facilities = dataset.facilities;
    let sumLon = 0;
    for (const facility of facilities) sumLon += facility.lon;
    const centralMeridian = facilities.length ? sumLon / facilities.length : 102.5;
    projection = createLocalProjection(Math.round(centralMeridian * 10) / 10);
    projections.set(dataset, projection);
  }
  return projection;
}

export function facilityRadiusMetres(properties: Record<string, unknown>, fallback: number, radiusField?: string): number {
  if (!radiusField) return fallback;
  const value = Number(properties[radiusField]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function buildCoverageDiscs(
  dataset: Dataset,
  facilityIndices: ArrayLike<number>,
  metres: number,
  radiusField?: string,
  vertices = 64,
): DiscFeatureCollection {
  const projection = projectionFor(dataset);
  const features: DiscFeatureCollection['features'] = [];
  for (let i = 0; i < facilityIndices.length; i++) {
    const index = facilityIndices[i];
    const facility = dataset.facilities[index];
    const radius = facilityRadiusMetres(facility.properties, metres, radiusField);
    const [x0, y0] = projection.forward(facility.lon, facility.lat);
    const planeRadius = radius * projection.scaleFactor(x0, facility.lat);
    const ring: number[][] = [];
    for (let v = 0; v < vertices; v++) {
      const angle = (2 * Math.PI * v) / vertices;
      const [lon, lat] = projection.inverse(x0 + planeRadius * Math.cos(angle), y0 + planeRadius * Math.sin(angle));
      ring.push([Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6]);
    }
    ring.push(ring[0]);
    features.push({ type: 'Feature', id: index, geometry: { type: 'Polygon', coordinates: [ring] }, properties: { facility: index, radius_m: radius } });
  }
  return { type: 'FeatureCollection', features };
}
