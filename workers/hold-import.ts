// An import under review stays in the worker. The page gets the report (fields, problems, counts),
// the extent and an evenly spread sample of the features to draw as a preview; it fetches all the
// features only when the planner accepts. Sending a 1 M-feature layer to the page would block the
// page's thread for seconds while it is deserialised (and again when the preview is stringified),
// and the dialog needs none of it to show the validation report.
import type { AnyGeoJsonGeometry, ImportedFeature } from '../src/core/geojson-types.ts';
import type { ImportedLayer } from '../src/core/import/import-layer.ts';
import { emptyBoundingBox, extendBoundingBox, finiteBoundingBox } from '../src/core/geometry/bounding-box.ts';
import type { ReviewedLayer } from './protocol.ts';

/** The preview carries at most about this many vertices (~20,000 points or ~500 40-vertex polygons): a sample that shows where the layer lies and costs the page under ~0.1 s. */
export const PREVIEW_VERTEX_BUDGET = 20_000;

/** Layers under review, by id: the page takes or releases each (reads may overlap after a cancel). */
const held = new Map<number, ImportedFeature[]>();
let nextId = 1;

/** Grows `box` by the geometry's positions; returns how many there were. */
function extendByGeometry(box: ReturnType<typeof emptyBoundingBox>, geometry: AnyGeoJsonGeometry | null): number {
  if (!geometry) return 0;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.reduce((sum, part) => sum + extendByGeometry(box, part), 0);
  return extendBoundingBox(box, geometry.coordinates);
}

/** Keeps the layer's features when they exceed the preview budget and returns what the page needs. */
export function holdImport(layer: ImportedLayer, vertexBudget = PREVIEW_VERTEX_BUDGET): ReviewedLayer {
  const box = emptyBoundingBox();
  let vertices = 0;
  for (const feature of layer.features) vertices += extendByGeometry(box, feature.geometry);
  const extent = finiteBoundingBox(box);
  if (vertices <= vertexBudget) return { ...layer, extent, previewCount: layer.features.length };
  const stride = Math.ceil(vertices / vertexBudget);
  const sample: ImportedFeature[] = [];
  for (let i = 0; i < layer.features.length; i += stride) sample.push(layer.features[i]);
  const heldId = nextId++;
  held.set(heldId, layer.features);
  return { ...layer, features: sample, extent, previewCount: sample.length, heldId };
}

/** All the features of the held import `id`, once (undefined if taken or released before). */
export function takeHeldFeatures(id: number): ImportedFeature[] | undefined {
  const features = held.get(id);
  held.delete(id);
  return features;
}

/** Drops the held import (the dialog closed or read the files again). */
export function releaseHeld(id: number): void {
  held.delete(id);
}
