// Road lines as read from a layer, before any graph is built: flat typed arrays (one entry per
// line, vertices in lon/lat), so a county's roads cross the worker boundary as a few buffers.
// Both readers (GeoJSON/Shapefile features and OSM PBF) fill them through createRoadLinesBuilder.
import { ROAD_CLASSES } from './road-classes.ts';

/** Bits of RoadLines.forbidden: which kinds of traveller may not use a line. */
export const FORBID_FOOT = 1;
export const FORBID_BIKE = 2;
export const FORBID_MOTOR = 4;

export interface RoadLines {
  /** Line k has vertices lineStart[k] .. lineStart[k + 1] − 1. */
  lineStart: Uint32Array;
  lon: Float64Array;
  lat: Float64Array;
  /** Index into ROAD_CLASSES. */
  roadClass: Uint8Array;
  /** Posted speed limit (km/h), 0 when unknown. */
  maxspeed: Float32Array;
  /** 0 both ways, 1 only in the direction of the vertices, −1 only against it. */
  oneway: Int8Array;
  /** FORBID_* bits. */
  forbidden: Uint8Array;
}

export interface RoadLineAttributes {
  roadClass: number;
  maxspeed: number;
  oneway: -1 | 0 | 1;
  forbidden: number;
}

export interface RoadLinesBuilder {
  /** Adds one line from interleaved lon, lat pairs (at least two distinct vertices, else skipped). Returns whether it was added. */
  add(coordinates: ArrayLike<number>, attributes: RoadLineAttributes): boolean;
  readonly lineCount: number;
  finish(): RoadLines;
}

/** Grows typed arrays by doubling (the counts are not known while streaming). */
export function createRoadLinesBuilder(): RoadLinesBuilder {
  let lon = new Float64Array(1024);
  let lat = new Float64Array(1024);
  let vertexCount = 0;
  let lineStart = new Uint32Array(256);
  let roadClass = new Uint8Array(256);
  let maxspeed = new Float32Array(256);
  let oneway = new Int8Array(256);
  let forbidden = new Uint8Array(256);
  let lineCount = 0;
  const grow = <T extends Float64Array | Uint32Array | Uint8Array | Float32Array | Int8Array>(array: T, needed: number): T => {
    if (needed <= array.length) return array;
    const next = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2));
    next.set(array);
    return next;
  };
  return {
    get lineCount() {
      return lineCount;
    },
    add(coordinates, attributes) {
      const n = coordinates.length >> 1;
      lon = grow(lon, vertexCount + n);
      lat = grow(lat, vertexCount + n);
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const x = coordinates[2 * i];
        const y = coordinates[2 * i + 1];
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        if (kept > 0 && lon[vertexCount + kept - 1] === x && lat[vertexCount + kept - 1] === y) continue; // repeated vertex
        lon[vertexCount + kept] = x;
        lat[vertexCount + kept] = y;
        kept++;
      }
      if (kept < 2 || attributes.roadClass < 0 || attributes.roadClass >= ROAD_CLASSES.length) return false;
      lineStart = grow(lineStart, lineCount + 2);
      roadClass = grow(roadClass, lineCount + 1);
      maxspeed = grow(maxspeed, lineCount + 1);
      oneway = grow(oneway, lineCount + 1);
      forbidden = grow(forbidden, lineCount + 1);
      lineStart[lineCount] = vertexCount;
      roadClass[lineCount] = attributes.roadClass;
      maxspeed[lineCount] = attributes.maxspeed > 0 && Number.isFinite(attributes.maxspeed) ? attributes.maxspeed : 0;
      oneway[lineCount] = attributes.oneway;
      forbidden[lineCount] = attributes.forbidden;
      lineCount++;
      vertexCount += kept;
      return true;
    },
    finish() {
      lineStart = grow(lineStart, lineCount + 1);
      lineStart[lineCount] = vertexCount;
      return {
        lineStart: lineStart.slice(0, lineCount + 1),
        lon: lon.slice(0, vertexCount),
        lat: lat.slice(0, vertexCount),
        roadClass: roadClass.slice(0, lineCount),
        maxspeed: maxspeed.slice(0, lineCount),
        oneway: oneway.slice(0, lineCount),
        forbidden: forbidden.slice(0, lineCount),
      };
    },
  };
}

export function roadLineCount(lines: RoadLines): number {
  return lines.lineStart.length - 1;
}
