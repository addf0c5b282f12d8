// Shapefile geometry (.shp) and its index (.shx), per the ESRI Shapefile Technical Description
// (1998): big-endian file code/length and record headers, little-endian shape content. Written here
// alongside the DBF (see write-dbf.ts for why the common writer is not used). Polygons get the
// Shapefile's ring order: outer rings clockwise, holes counter-clockwise (GeoJSON has them the other
// way round), every ring closed.

import type { GeoJsonGeometry, GeoJsonPosition } from '../../geojson-types.ts';
import { emptyBoundingBox, extendBoundingBox, type BoundingBox } from '../../geometry/bounding-box.ts';

export type ShapeType = 'point' | 'polyline' | 'polygon' | 'multipoint';
const SHAPE_CODE: Record<ShapeType, number> = { point: 1, polyline: 3, polygon: 5, multipoint: 8 };

export type ProjectPosition = (position: GeoJsonPosition) => [number, number];

export interface ShpFiles {
  shp: Uint8Array;
  shx: Uint8Array;
}

/** The Shapefile shape type a geometry belongs to. */
export function shapeTypeOf(geometry: GeoJsonGeometry): ShapeType {
  switch (geometry.type) {
    case 'Point':
      return 'point';
    case 'MultiPoint':
      return 'multipoint';
    case 'LineString':
    case 'MultiLineString':
      return 'polyline';
    default:
      return 'polygon';
  }
}

function signedArea(ring: [number, number][]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[i][0] - ring[j][0]) * (ring[i][1] + ring[j][1]);
  return sum / 2; // > 0 for clockwise in x-east / y-north
}

function closed(ring: [number, number][]): [number, number][] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

/** Parts of a geometry as projected point lists, rings oriented the Shapefile way. */
function partsOf(geometry: GeoJsonGeometry, project: ProjectPosition): [number, number][][] {
  const line = (positions: GeoJsonPosition[]) => positions.map(project);
  const ring = (positions: GeoJsonPosition[], outer: boolean) => {
    const points = closed(line(positions));
    const clockwise = signedArea(points) > 0;
    return clockwise === outer ? points : points.reverse();
  };
  const polygon = (rings: GeoJsonPosition[][]) => rings.filter((r) => r.length >= 3).map((r, index) => ring(r, index === 0));
  switch (geometry.type) {
    case 'Point':
      return [[project(geometry.coordinates)]];
    case 'MultiPoint':
      return [line(geometry.coordinates)];
    case 'LineString':
      return [line(geometry.coordinates)];
    case 'MultiLineString':
      return geometry.coordinates.map(line);
    case 'Polygon':
      return polygon(geometry.coordinates);
    case 'MultiPolygon':
      return geometry.coordinates.flatMap(polygon);
  }
}

type Box = BoundingBox;

function boxOf(points: [number, number][], box: Box = emptyBoundingBox()): Box {
  extendBoundingBox(box, points);
  return box;
}

/** Record content (without the 8-byte record header) of one shape. */
function encodeShape(type: ShapeType, parts: [number, number][][] | null): Uint8Array {
  if (!parts || parts.length === 0 || parts.every((p) => p.length === 0)) {
    return new Uint8Array(4); // null shape: type 0
  }
  if (type === 'point') {
    const bytes = new Uint8Array(20);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, 1, true);
    view.setFloat64(4, parts[0][0][0], true);
    view.setFloat64(12, parts[0][0][1], true);
    return bytes;
  }
  const points = parts.flat();
  if (type === 'multipoint') {
    const bytes = new Uint8Array(40 + 16 * points.length);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, SHAPE_CODE.multipoint, true);
    boxOf(points).forEach((value, i) => view.setFloat64(4 + 8 * i, value, true));
    view.setInt32(36, points.length, true);
    points.forEach(([x, y], i) => {
      view.setFloat64(40 + 16 * i, x, true);
      view.setFloat64(48 + 16 * i, y, true);
    });
    return bytes;
  }
  const bytes = new Uint8Array(44 + 4 * parts.length + 16 * points.length);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, SHAPE_CODE[type], true);
  const box = boxOf(points);
  box.forEach((value, i) => view.setFloat64(4 + 8 * i, value, true));
  view.setInt32(36, parts.length, true);
  view.setInt32(40, points.length, true);
  let start = 0;
  parts.forEach((part, i) => {
    view.setInt32(44 + 4 * i, start, true);
    start += part.length;
  });
  let at = 44 + 4 * parts.length;
  for (const [x, y] of points) {
    view.setFloat64(at, x, true);
    view.setFloat64(at + 8, y, true);
    at += 16;
  }
  return bytes;
}

function writeHeader(view: DataView, type: ShapeType, lengthBytes: number, box: Box) {
  view.setInt32(0, 9994, false);
  view.setInt32(24, lengthBytes / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, SHAPE_CODE[type], true);
  const finite = box.every(Number.isFinite);
  box.forEach((value, i) => view.setFloat64(36 + 8 * i, finite ? value : 0, true));
}

/** .shp and .shx for geometries of one shape type (nulls allowed); coordinates projected by `project`. */
export function writeShp(type: ShapeType, geometries: (GeoJsonGeometry | null)[], project: ProjectPosition): ShpFiles {
  const records = geometries.map((geometry) => {
    if (geometry && shapeTypeOf(geometry) !== type) throw new Error(`a ${geometry.type} in a ${type} Shapefile`);
    const parts = geometry ? partsOf(geometry, project) : null;
    return { parts, content: encodeShape(type, parts) };
  });
  const box = emptyBoundingBox();
  for (const record of records) if (record.parts) boxOf(record.parts.flat(), box);
  const shpLength = 100 + records.reduce((sum, r) => sum + 8 + r.content.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * records.length);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  writeHeader(shpView, type, shpLength, box);
  writeHeader(shxView, type, shx.length, box);
  let offset = 100;
  records.forEach((record, i) => {
    shpView.setInt32(offset, i + 1, false);
    shpView.setInt32(offset + 4, record.content.length / 2, false);
    shp.set(record.content, offset + 8);
    shxView.setInt32(100 + 8 * i, offset / 2, false);
    shxView.setInt32(104 + 8 * i, record.content.length / 2, false);
    offset += 8 + record.content.length;
  });
  return { shp, shx };
}
