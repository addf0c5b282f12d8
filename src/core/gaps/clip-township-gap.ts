// One township minus the disc polygons that touch it, with Clipper2 (clipper2-ts, integer
// coordinates in centimetres around a local origin so every product stays exact in a double).
// The fallback for townships that tracing declines (trace-township-gap.ts). Measured on the 10×
// region (scripts/bench/compare-gap-engines.ts): clipper2-ts 5.9 s CPU for all 1,000 townships,
// clipper-lib 8.1 s, geos-wasm 7.5 s, polygon-clipping ~110 s (scaled from 20), clipper2-wasm 2.9 s —
// kept the pure-TypeScript port because the WebAssembly build needs an asynchronous start and a
// .wasm asset in the app, for the few townships that reach this path.
import { Clipper, Clipper64, ClipType, FillRule, PolyTree64, type Path64, type PolyPath64 } from 'clipper2-ts';

const UNITS_PER_METRE = 100;

/** A polygon as flat x, y rings (no closing vertex): the outer ring counter-clockwise, then its holes clockwise. */
export type FlatPolygon = Float64Array[];

function toPath(ring: Float64Array): Path64 {
  const n = ring.length / 2;
  const path: Path64 = new Array(n);
  for (let i = 0; i < n; i++) path[i] = { x: Math.round(ring[2 * i] * UNITS_PER_METRE), y: Math.round(ring[2 * i + 1] * UNITS_PER_METRE) };
  return path;
}

function fromPath(path: Path64): Float64Array {
  const ring = new Float64Array(2 * path.length);
  for (let i = 0; i < path.length; i++) {
    ring[2 * i] = path[i].x / UNITS_PER_METRE;
    ring[2 * i + 1] = path[i].y / UNITS_PER_METRE;
  }
  return ring;
}

/** Outer rings of a polygon tree with their holes; islands inside holes become polygons of their own. */
function collectPolygons(node: PolyPath64, out: FlatPolygon[]): void {
  for (let i = 0; i < node.count; i++) {
    const outer = node.child(i);
    const polygon: FlatPolygon = [fromPath(outer.poly!)];
    for (let j = 0; j < outer.count; j++) {
      const hole = outer.child(j);
      polygon.push(fromPath(hole.poly!));
      collectPolygons(hole, out);
    }
    out.push(polygon);
  }
}

/**
 * subject: the township's rings (outer counter-clockwise, holes clockwise); discs: convex disc
 * polygons (counter-clockwise). Township rings are first simplified by Ramer–Douglas–Peucker
 * with `simplifyMetres` (0: none). Coordinates are metres around a local origin.
 */
export function clipTownshipGap(subject: Float64Array[], discs: Float64Array[], simplifyMetres: number): FlatPolygon[] {
  const clipper = new Clipper64();
  const epsilon = simplifyMetres * UNITS_PER_METRE;
  clipper.addSubject(subject.map((ring) => (epsilon > 0 && ring.length > 8 ? Clipper.ramerDouglasPeucker(toPath(ring), epsilon) : toPath(ring))));
  if (discs.length > 0) clipper.addClip(discs.map(toPath));
  const tree = new PolyTree64();
  clipper.execute(ClipType.Difference, FillRule.NonZero, tree);
  const polygons: FlatPolygon[] = [];
  collectPolygons(tree, polygons);
  return polygons;
}
