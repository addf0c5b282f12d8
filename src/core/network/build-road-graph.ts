// RoadLines → a road graph in the dataset's projected plane (the local transverse Mercator, so
// lengths are ellipsoidal: projected length / k, never haversine). Nodes are placed where lines
// share a vertex and at line ends; a line end that misses another road by at most the snap
// tolerance is joined to it (to its vertex when one is that close, else by splitting the segment
// it nearly touches). Edges keep their polyline so points can be snapped to them later.
import Flatbush from 'flatbush';
import type { LocalProjection } from '../geodesy/local-projection.ts';
import { throwIfAborted, type RunOptions } from '../types.ts';
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
  const keys = pointKeys(x, y);
  const pointOfVertex = new Int32Array(vertexCount);
  const firstVertexOfPoint: number[] = [];
  const byKey = new Map<number, number>();
  for (let v = 0; v < vertexCount; v++) {
    let p = byKey.get(keys[v]);
    if (p === undefined) {
      p = firstVertexOfPoint.length;
      byKey.set(keys[v], p);
      firstVertexOfPoint.push(v);
    }
    pointOfVertex[v] = p;
  }
  const pointCount = firstVertexOfPoint.length;
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
    const index = new Flatbush(segmentLine.length);
    let s = 0;
    for (let k = 0; k < lineCount; k++) {
      for (let v = lines.lineStart[k]; v < lines.lineStart[k + 1] - 1; v++) {
        segmentStart[s] = v;
        segmentLine[s] = k;
        index.add(Math.min(x[v], x[v + 1]), Math.min(y[v], y[v + 1]), Math.max(x[v], x[v + 1]), Math.max(y[v], y[v + 1]));
        s++;
      }
    }
    index.finish();
    for (let k = 0; k < lineCount; k++) {
      for (const v of [lines.lineStart[k], lines.lineStart[k + 1] - 1]) {
        const p = findRoot(parent, pointOfVertex[v]);
        if (uses[p] !== 1) continue;
        const k0 = projection.scaleFactor(x[v], lines.lat[v]);
        const reach = tolerance * k0;
        let best = -1, bestDistance = Infinity, bestT = 0;
        for (const candidate of index.search(x[v] - reach, y[v] - reach, x[v] + reach, y[v] + reach)) {
          const a = segmentStart[candidate];
          if (a === v || a + 1 === v) continue; // the segment this end belongs to
          const dx = x[a + 1] - x[a], dy = y[a + 1] - y[a];
          const length2 = dx * dx + dy * dy;
          const t = length2 > 0 ? Math.max(0, Math.min(1, ((x[v] - x[a]) * dx + (y[v] - y[a]) * dy) / length2)) : 0;
          const distance = Math.hypot(x[a] + t * dx - x[v], y[a] + t * dy - y[v]);
          if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
            bestT = t;
          }
        }
        if (best < 0 || bestDistance > reach) continue;
        const a = segmentStart[best];
        const near = [a, a + 1].find((w) => Math.hypot(x[w] - x[v], y[w] - y[v]) <= reach);
        if (near !== undefined) {
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
  const nodeX: number[] = [];
  const nodeY: number[] = [];
  const nodeOf = (p: number): number => {
    const root = findRoot(parent, p);
    if (nodeOfPoint[root] < 0) {
      nodeOfPoint[root] = nodeX.length;
      const v = firstVertexOfPoint[root];
      nodeX.push(x[v]);
      nodeY.push(y[v]);
    }
    return nodeOfPoint[root];
  };
  const isNode = (p: number): boolean => {
    const root = findRoot(parent, p);
    return isEnd[root] === 1 || uses[root] > 1;
  };
  // splits by segment (segment index = vertex index − line index, since each line has one fewer segment than vertices)
  splits.sort((a, b) => a.segment - b.segment || a.t - b.t);
  let splitCursor = 0;

  const edgeFrom: number[] = [], edgeTo: number[] = [], edgeLength: number[] = [], edgeLine: number[] = [];
  const geometryStart: number[] = [];
  const geometryX: number[] = [], geometryY: number[] = [];
  let zeroLengthEdges = 0;
  let segmentIndex = 0;
  for (let k = 0; k < lineCount; k++) {
    if ((k & 8191) === 0) throwIfAborted(run.signal);
    const first = lines.lineStart[k];
    const last = lines.lineStart[k + 1] - 1;
    let from = nodeOf(pointOfVertex[first]);
    let geometryBegin = geometryX.length;
    geometryX.push(x[first]);
    geometryY.push(y[first]);
    let length = 0;
    let px = x[first], py = y[first];
    const close = (to: number) => {
      if (length > 0) {
        geometryX.push(nodeX[to]);
        geometryY.push(nodeY[to]);
        edgeFrom.push(from);
        edgeTo.push(to);
        edgeLength.push(length);
        edgeLine.push(k);
        geometryStart.push(geometryBegin);
      } else {
        zeroLengthEdges++;
        geometryX.length = geometryBegin;
        geometryY.length = geometryBegin;
      }
      from = to;
      length = 0;
      geometryBegin = geometryX.length;
      geometryX.push(nodeX[to]);
      geometryY.push(nodeY[to]);
      px = nodeX[to];
      py = nodeY[to];
    };
    const step = (qx: number, qy: number, lat: number) => {
      const segment = Math.hypot(qx - px, qy - py);
      length += segment / projection.scaleFactor((px + qx) / 2, lat);
      px = qx;
      py = qy;
    };
    for (let v = first + 1; v <= last; v++, segmentIndex++) {
      while (splitCursor < splits.length && splits[splitCursor].segment === segmentIndex) {
        const split = splits[splitCursor++];
        const node = nodeOf(split.point);
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
        geometryX.push(x[v]);
        geometryY.push(y[v]);
      }
    }
    // the last close() pushed a dangling start point for an edge that never comes
    geometryX.length = geometryBegin;
    geometryY.length = geometryBegin;
  }
  geometryStart.push(geometryX.length);
  const edgeCount = edgeFrom.length;
  const lineOf = Uint32Array.from(edgeLine);
  run.onProgress?.(1, 'build edges');
  return {
    nodeCount: nodeX.length,
    edgeCount,
    nodeX: Float64Array.from(nodeX),
    nodeY: Float64Array.from(nodeY),
    edgeFrom: Uint32Array.from(edgeFrom),
    edgeTo: Uint32Array.from(edgeTo),
    edgeLength: Float64Array.from(edgeLength),
    roadClass: Uint8Array.from(lineOf, (k) => lines.roadClass[k]),
    maxspeed: Float32Array.from(lineOf, (k) => lines.maxspeed[k]),
    oneway: Int8Array.from(lineOf, (k) => lines.oneway[k]),
    forbidden: Uint8Array.from(lineOf, (k) => lines.forbidden[k]),
    edgeLine: lineOf,
    geometryStart: Uint32Array.from(geometryStart),
    geometryX: Float64Array.from(geometryX),
    geometryY: Float64Array.from(geometryY),
    build: { lines: lineCount, snappedToVertex, snappedToSegment, zeroLengthEdges, toleranceMetres: tolerance },
  };
}
