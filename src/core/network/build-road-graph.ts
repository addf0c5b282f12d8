// RoadLines → a road graph in the dataset's projected plane (the local transverse Mercator, so
// lengths are ellipsoidal: projected length / k, never haversine). Nodes are placed where lines
// share a vertex and at line ends; a line end that misses another road by at most the snap
// tolerance is joined to it (to its vertex when one is that close, else by splitting the segment
// it nearly touches). Edges keep their polyline so points can be snapped to them later.
import type { LocalProjection } from '../geodesy/local-projection.ts';
import { throwIfAborted, type RunOptions } from '../types.ts';
import { bucketSegments, nearestSegment, type NearestSegment } from './bucket-segments.ts';
import { hashPoints } from './hash-points.ts';
import { roadLineCount, type RoadLines } from './road-lines.ts';

export interface RoadGraph {
  nodeCount: number;
  edgeCount: number;
  nodeX: Float64Array;
  nodeY: Float64Array;
  edgeFrom: Uint32Array;
  edgeTo: Uint32Array;
  /** Ellipsoidal length (m). */
  edgeLength: Float64Array;
  roadClass: Uint8Array;
  maxspeed: Float32Array;
  /** 0 both ways, 1 from → to only, −1 to → from only. */
  oneway: Int8Array;
  forbidden: Uint8Array;
  /** Road line each edge comes from. */
  edgeLine: Uint32Array;
  /** Edge e's polyline is geometryX/Y[geometryStart[e] .. geometryStart[e + 1]), from its from-node to its to-node. */
  geometryStart: Uint32Array;
  geometryX: Float64Array;
  geometryY: Float64Array;
  /** What building found and repaired. */
  build: { lines: number; snappedToVertex: number; snappedToSegment: number; zeroLengthEdges: number; toleranceMetres: number };
}

export interface BuildRoadGraphOptions {
  /** Line ends closer than this (m) to another road are joined to it (default 3 m; 0 turns it off). */
  snapToleranceMetres?: number;
}

/** Union–find over point ids (path halving). */
function findRoot(parent: Int32Array, p: number): number {
  while (parent[p] !== p) {
    parent[p] = parent[parent[p]];
    p = parent[p];
  }
  return p;
}

/** Quantises projected coordinates to a number key: identical input vertices meet at one point. */
function pointKeys(x: Float64Array, y: Float64Array): Float64Array {
  let extent = 1;
  for (let i = 0; i < x.length; i++) extent = Math.max(extent, Math.abs(x[i]), Math.abs(y[i]));
  // 2^25 steps each side of the origin per axis, so the key fits a double's 53-bit mantissa:
  // 1 cm steps up to 335 km from the centre, coarser beyond (still sub-metre to 3,000 km).
  const step = Math.max(0.01, extent / 2 ** 25);
  const keys = new Float64Array(x.length);
  const half = 2 ** 25;
  for (let i = 0; i < x.length; i++) keys[i] = (Math.round(x[i] / step) + half) * 2 ** 26 + (Math.round(y[i] / step) + half);
  return keys;
}

interface Split {
  segment: number;
  t: number;
  point: number;
}

export function buildRoadGraph(lines: RoadLines, projection: LocalProjection, options: BuildRoadGraphOptions = {}, run: RunOptions = {}): RoadGraph {
  const tolerance = options.snapToleranceMetres ?? 3;
  const lineCount = roadLineCount(lines);
  const vertexCount = lines.lon.length;
  run.onProgress?.(0, 'project roads');
  const { x, y } = projection.forwardArrays(lines.lon, lines.lat);
  throwIfAborted(run.signal);

  // 1. points: vertices with the same coordinates are one point
  const { pointOfVertex, firstVertexOfPoint, pointCount } = hashPoints(pointKeys(x, y));
  const parent = new Int32Array(pointCount);
  for (let p = 0; p < pointCount; p++) parent[p] = p;
  const uses = new Uint32Array(pointCount);
  for (let v = 0; v < vertexCount; v++) uses[pointOfVertex[v]]++;
  const isEnd = new Uint8Array(pointCount);
  for (let k = 0; k < lineCount; k++) {
    isEnd[pointOfVertex[lines.lineStart[k]]] = 1;
    isEnd[pointOfVertex[lines.lineStart[k + 1] - 1]] = 1;
  }
  run.onProgress?.(0.3, 'join roads');
  throwIfAborted(run.signal);

  // 2. near misses: a line end used once is joined to the nearest other segment within tolerance
  const splits: Split[] = [];
  let snappedToVertex = 0;
  let snappedToSegment = 0;
  const segmentLine = new Uint32Array(Math.max(0, vertexCount - lineCount));
  if (tolerance > 0 && segmentLine.length > 0) {
    const segmentStart = new Uint32Array(segmentLine.length);
    const ends = new Float64Array(4 * segmentLine.length);
    let s = 0;
    for (let k = 0; k < lineCount; k++) {
      for (let v = lines.lineStart[k]; v < lines.lineStart[k + 1] - 1; v++) {
        segmentStart[s] = v;
        segmentLine[s] = k;
        ends[4 * s] = x[v];
        ends[4 * s + 1] = y[v];
        ends[4 * s + 2] = x[v + 1];
        ends[4 * s + 3] = y[v + 1];
        s++;
      }
    }
    const buckets = bucketSegments(ends, segmentLine.length);
    const nearest: NearestSegment = { segment: -1, distance: Infinity, t: 0 };
    for (let k = 0; k < lineCount; k++) {
      for (let end = 0; end < 2; end++) {
        const v = end === 0 ? lines.lineStart[k] : lines.lineStart[k + 1] - 1;
        const p = findRoot(parent, pointOfVertex[v]);
        if (uses[p] !== 1) continue;
        const reach = tolerance * projection.scaleFactor(x[v], lines.lat[v]);
        // the end's own segment: the line's first segment (number v − k), or its last (v − k − 1)
        nearestSegment(buckets, ends, x[v], y[v], reach, nearest, end === 0 ? v - k : v - k - 1);
        const best = nearest.segment, bestDistance = nearest.distance, bestT = nearest.t;
        if (best < 0 || bestDistance > reach) continue;
        const a = segmentStart[best];
        const near = Math.hypot(x[a] - x[v], y[a] - y[v]) <= reach ? a : Math.hypot(x[a + 1] - x[v], y[a + 1] - y[v]) <= reach ? a + 1 : -1;
        if (near >= 0) {
          const q = findRoot(parent, pointOfVertex[near]);
          if (q === p) continue;
          parent[p] = q;
          uses[q] += uses[p];
          isEnd[q] = 1;
          snappedToVertex++;
        } else {
          splits.push({ segment: best, t: bestT, point: p });
          uses[p] += 1;
          snappedToSegment++;
        }
      }
    }
  }
  run.onProgress?.(0.6, 'build edges');
  throwIfAborted(run.signal);

  // 3. nodes: line ends, points used more than once (shared vertices, joined ends)
  const nodeOfPoint = new Int32Array(pointCount).fill(-1);
  const nodeX = new Float64Array(pointCount);
  const nodeY = new Float64Array(pointCount);
  let nodeCount = 0;
  const nodeOf = (p: number): number => {
    const root = findRoot(parent, p);
    if (nodeOfPoint[root] < 0) {
      const v = firstVertexOfPoint[root];
      nodeX[nodeCount] = x[v];
      nodeY[nodeCount] = y[v];
      nodeOfPoint[root] = nodeCount++;
    }
    return nodeOfPoint[root];
  };
  const isNode = (p: number): boolean => {
    const root = findRoot(parent, p);
    return isEnd[root] === 1 || uses[root] > 1;
  };
  // splits by segment (segments are numbered line by line, in vertex order)
  splits.sort((a, b) => a.segment - b.segment || a.t - b.t);
  let splitCursor = 0;

  // at most one edge per segment and split; each edge's polyline repeats its two end nodes
  const maxEdges = vertexCount - lineCount + splits.length;
  const edgeFrom = new Uint32Array(maxEdges), edgeTo = new Uint32Array(maxEdges), edgeLine = new Uint32Array(maxEdges);
  const edgeLength = new Float64Array(maxEdges);
  const geometryStart = new Uint32Array(maxEdges + 1);
  const geometryX = new Float64Array(vertexCount + 2 * maxEdges + lineCount), geometryY = new Float64Array(geometryX.length);
  let edgeCount = 0, geometryCount = 0, zeroLengthEdges = 0, segmentIndex = 0;
  for (let k = 0; k < lineCount; k++) {
    if ((k & 8191) === 0) throwIfAborted(run.signal);
    const first = lines.lineStart[k];
    const last = lines.lineStart[k + 1] - 1;
    let from = nodeOf(pointOfVertex[first]);
    let geometryBegin = geometryCount;
    let length = 0;
    let px = nodeX[from], py = nodeY[from];
    geometryX[geometryCount] = px;
    geometryY[geometryCount++] = py;
    const close = (to: number) => {
      if (length > 0) {
        geometryX[geometryCount] = nodeX[to];
        geometryY[geometryCount++] = nodeY[to];
        edgeFrom[edgeCount] = from;
        edgeTo[edgeCount] = to;
        edgeLength[edgeCount] = length;
        edgeLine[edgeCount] = k;
        geometryStart[edgeCount++] = geometryBegin;
      } else {
        zeroLengthEdges++;
        geometryCount = geometryBegin;
      }
      from = to;
      length = 0;
      geometryBegin = geometryCount;
      px = nodeX[to];
      py = nodeY[to];
      geometryX[geometryCount] = px;
      geometryY[geometryCount++] = py;
    };
    const step = (qx: number, qy: number, lat: number) => {
      length += Math.hypot(qx - px, qy - py) / projection.scaleFactor((px + qx) / 2, lat);
      px = qx;
      py = qy;
    };
    for (let v = first + 1; v <= last; v++, segmentIndex++) {
      while (splitCursor < splits.length && splits[splitCursor].segment === segmentIndex) {
        const node = nodeOf(splits[splitCursor++].point);
        step(nodeX[node], nodeY[node], lines.lat[v]);
        close(node);
      }
      const p = pointOfVertex[v];
      if (v === last || isNode(p)) {
        const node = nodeOf(p);
        step(nodeX[node], nodeY[node], lines.lat[v]);
        close(node);
      } else {
        step(x[v], y[v], lines.lat[v]);
        geometryX[geometryCount] = x[v];
        geometryY[geometryCount++] = y[v];
      }
    }
    // the last close() began a polyline for an edge that never comes
    geometryCount = geometryBegin;
  }
  geometryStart[edgeCount] = geometryCount;
  const lineOf = edgeLine.slice(0, edgeCount);
  run.onProgress?.(1, 'build edges');
  return {
    nodeCount,
    edgeCount,
    nodeX: nodeX.slice(0, nodeCount),
    nodeY: nodeY.slice(0, nodeCount),
    edgeFrom: edgeFrom.slice(0, edgeCount),
    edgeTo: edgeTo.slice(0, edgeCount),
    edgeLength: edgeLength.slice(0, edgeCount),
    roadClass: Uint8Array.from(lineOf, (k) => lines.roadClass[k]),
    maxspeed: Float32Array.from(lineOf, (k) => lines.maxspeed[k]),
    oneway: Int8Array.from(lineOf, (k) => lines.oneway[k]),
    forbidden: Uint8Array.from(lineOf, (k) => lines.forbidden[k]),
    edgeLine: lineOf,
    geometryStart: geometryStart.slice(0, edgeCount + 1),
    geometryX: geometryX.slice(0, geometryCount),
    geometryY: geometryY.slice(0, geometryCount),
    build: { lines: lineCount, snappedToVertex, snappedToSegment, zeroLengthEdges, toleranceMetres: tolerance },
  };
}
