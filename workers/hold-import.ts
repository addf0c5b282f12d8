// An import under review stays in the worker. The page gets the report (fields, problems, counts),
// the extent and an evenly spread sample of the features to draw as a preview; it fetches all the
// features only when the planner accepts. Sending a 1 M-feature layer to the page would block the
// page's thread for seconds while it is deserialised (and again when the preview is stringified),
// and the dialog needs none of it to show the validation report.
import type { BBox, GeoJSONFeature, GeoJSONGeometry } from '../src/core/import/geojson-types.ts';
import type { ImportedLayer } from '../src/core/import/import-layer.ts';

/** What the page gets: the layer with `features` cut down to the preview sample. */
export interface ReviewedLayer extends ImportedLayer {
  /** Extent of all the features (not only the sample). */
  extent?: BBox;
  /** How many of the features are in `features` (the preview); `loadedCount` is the total. */
  previewCount: number;
  /** Set when the worker holds more features than were sent: fetch them with takeHeldFeatures. */
  heldId?: number;
}

/** The preview carries at most about this many vertices (~20,000 points or ~500 40-vertex polygons): a sample that shows where the layer lies and costs the page under ~0.1 s. */
export const PREVIEW_VERTEX_BUDGET = 20_000;

/** Layers under review, by id: the page takes or releases each (reads may overlap after a cancel). */
const held = new Map<number, GeoJSONFeature[]>();
let nextId = 1;

function visitPositions(geometry: GeoJSONGeometry | null, visit: (x: number, y: number) => void): void {
  if (!geometry) return;
  if (geometry.type === 'GeometryCollection') {
    for (const part of geometry.geometries) visitPositions(part, visit);
    return;
  }
  const walk = (value: unknown): void => {
    if (typeof (value as unknown[])[0] === 'number') visit((value as number[])[0], (value as number[])[1]);
    else for (const item of value as unknown[]) walk(item);
  };
  walk(geometry.coordinates);
}

/** Keeps the layer's features when they exceed the preview budget and returns what the page needs. */
export function holdImport(layer: ImportedLayer, vertexBudget = PREVIEW_VERTEX_BUDGET): ReviewedLayer {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  let vertices = 0;
  for (const feature of layer.features) {
    visitPositions(feature.geometry, (x, y) => {
      vertices++;
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
    });
  }
  const extent: BBox | undefined = Number.isFinite(west) ? [west, south, east, north] : undefined;
  if (vertices <= vertexBudget) return { ...layer, extent, previewCount: layer.features.length };
  const stride = Math.ceil(vertices / vertexBudget);
  const sample: GeoJSONFeature[] = [];
  for (let i = 0; i < layer.features.length; i += stride) sample.push(layer.features[i]);
  const heldId = nextId++;
  held.set(heldId, layer.features);
  return { ...layer, features: sample, extent, previewCount: sample.length, heldId };
}

/** All the features of the held import `id`, once (undefined if taken or released before). */
export function takeHeldFeatures(id: number): GeoJSONFeature[] | undefined {
  const features = held.get(id);
  held.delete(id);
  return features;
}

/** Drops the held import (the dialog closed or read the files again). */
export function releaseHeld(id: number): void {
  held.delete(id);
}
