// Builds each unit's polygons from the shared border edges: the unit's directed edges (unit on the
// left) chain into rings; counter-clockwise rings are outer rings, clockwise ones are holes and go
// to the outer ring that contains them. Because every level (township, county, area of interest)
// is assembled from the same edges, a county is exactly the union of its townships.
import type { BorderEdge } from './fractal-borders.ts';
import { pointInRing, ringSignedArea2 } from '../../src/core/geometry/ring-geometry.ts';

/** A ring as a sequence of border edges, each walked forwards or reversed. */
export type EdgeRing = Array<{ edge: number; reversed: boolean }>;
export interface EdgePolygon {
  outer: EdgeRing;
  holes: EdgeRing[];
}

/** Concatenated coordinates of a ring (closed: last point equals first), from per-edge point lists. */
export function ringPoints(ring: EdgeRing, edgePoints: (edge: number) => number[][]): number[][] {
  const out: number[][] = [];
  for (const { edge, reversed } of ring) {
    const points = edgePoints(edge);
    const n = points.length;
    for (let k = 0; k < n; k++) {
      const point = points[reversed ? n - 1 - k : k];
      const last = out[out.length - 1];
      if (last && last[0] === point[0] && last[1] === point[1]) continue;
      out.push(point);
    }
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) out.push(first);
  return out;
}

/**
 * Polygons of every unit 0..unitCount-1, where `unitOfAtom` maps an atom to its unit (negative:
 * not in any unit). Projected points are used to classify and nest rings.
 */
export function assembleUnits(edges: BorderEdge[], unitOfAtom: (atom: number) => number, unitCount: number): EdgePolygon[][] {
  const outgoing: Array<Map<number, { edge: number; reversed: boolean }>> = Array.from({ length: unitCount }, () => new Map());
  edges.forEach((edge, k) => {
    const left = unitOfAtom(edge.leftAtom);
    const right = unitOfAtom(edge.rightAtom);
    if (left === right) return;
    if (left >= 0) addOutgoing(outgoing[left], edge.from, { edge: k, reversed: false });
    if (right >= 0) addOutgoing(outgoing[right], edge.to, { edge: k, reversed: true });
  });
  const projected = (edge: number): number[][] => {
    const p = edges[edge].points;
    const out: number[][] = [];
    for (let i = 0; i < p.length; i += 2) out.push([p[i], p[i + 1]]);
    return out;
  };
  return outgoing.map((starts) => {
    const rings: EdgeRing[] = [];
    const used = new Set<number>();
    for (const [start] of starts) {
      if (used.has(start)) continue;
      const ring: EdgeRing = [];
      let vertex = start;
      while (!used.has(vertex)) {
        used.add(vertex);
        const step = starts.get(vertex);
        if (!step) throw new Error('assembleUnits: open ring');
        ring.push(step);
        const edge = edges[step.edge];
        vertex = step.reversed ? edge.from : edge.to;
      }
      if (vertex !== start) throw new Error('assembleUnits: ring does not close at its start');
      rings.push(ring);
    }
    const withPoints = rings.map((ring) => {
      const points = ringPoints(ring, projected);
      return { ring, points, area: ringSignedArea2(points) };
    });
    const outers = withPoints.filter((r) => r.area > 0).sort((a, b) => b.area - a.area);
    const polygons: EdgePolygon[] = outers.map((r) => ({ outer: r.ring, holes: [] }));
    for (const hole of withPoints.filter((r) => r.area < 0)) {
      const [x, y] = hole.points[0];
      let target = -1;
      outers.forEach((outer, k) => {
        if (pointInRing(x, y, outer.points) && (target < 0 || outer.area < outers[target].area)) target = k;
      });
      if (target < 0) throw new Error('assembleUnits: hole outside every outer ring');
      polygons[target].holes.push(hole.ring);
    }
    return polygons;
  });
}

function addOutgoing(map: Map<number, { edge: number; reversed: boolean }>, vertex: number, step: { edge: number; reversed: boolean }): void {
  if (map.has(vertex)) throw new Error(`assembleUnits: vertex ${vertex} has two outgoing border edges`);
  map.set(vertex, step);
}
