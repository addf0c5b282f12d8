// The "atoms" of the synthetic geography: a Lloyd-relaxed Voronoi tessellation of seeded points
// (denser around towns) in projected metres. Townships and counties are unions of atoms; their
// borders are chains of Voronoi edges, later made fractal. Vertex ids are Delaunay triangle ids
// (the Voronoi vertex is the triangle's circumcentre), so neighbours share vertices exactly.
import { Delaunay } from 'd3-delaunay';
import type { Random } from './seeded-random.ts';

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Where the tessellation gets finer: a Gaussian bump of extra points around (x, y). */
export interface DensityBump {
  x: number;
  y: number;
  sigmaMetres: number;
  extraPoints: number;
}

export interface Atoms {
  count: number;
  x: Float64Array;
  y: Float64Array;
  /** Cell area, m². */
  area: Float64Array;
  /** True for points whose cell is open or clipped by the box: never part of the region. */
  onHull: Uint8Array;
  /** Neighbour lists (CSR): neighbours of i are neighbourIndex[neighbourStart[i] .. neighbourStart[i+1]). */
  neighbourStart: Uint32Array;
  neighbourIndex: Uint32Array;
  /** Voronoi vertices (triangle circumcentres), x/y interleaved. */
  vertices: Float64Array;
  /** Delaunay triangulation, for the dual edges. */
  triangles: Uint32Array;
  halfedges: Int32Array;
}

export interface AtomOptions {
  box: Box;
  spacingMetres: number;
  bumps: DensityBump[];
  lloydIterations: number;
  random: Random;
}

function polygonAreaAndCentroid(polygon: ArrayLike<number[]>): [number, number, number] {
  let area = 0;
  let cx = 0;
  let cy = 0;
  const n = polygon.length - 1; // d3 closes its polygons
  for (let i = 0; i < n; i++) {
    const [x0, y0] = polygon[i];
    const [x1, y1] = polygon[i + 1];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  area /= 2;
  return [Math.abs(area), cx / (6 * area), cy / (6 * area)];
}

export function buildAtoms(options: AtomOptions): Atoms {
  const { box, spacingMetres, bumps, lloydIterations, random } = options;
  const width = box.maxX - box.minX;
  const height = box.maxY - box.minY;
  const coords: number[] = [];
  const uniformCount = Math.round((width * height) / (spacingMetres * spacingMetres));
  for (let i = 0; i < uniformCount; i++) {
    coords.push(box.minX + random.next() * width, box.minY + random.next() * height);
  }
  for (const bump of bumps) {
    for (let i = 0; i < bump.extraPoints; i++) {
      const x = bump.x + random.normal() * bump.sigmaMetres;
      const y = bump.y + random.normal() * bump.sigmaMetres;
      if (x > box.minX && x < box.maxX && y > box.minY && y < box.maxY) coords.push(x, y);
    }
  }
  const points = Float64Array.from(coords);
  const count = points.length / 2;
  const delaunay = new Delaunay(points);
  const bounds: [number, number, number, number] = [box.minX, box.minY, box.maxX, box.maxY];
  let voronoi = delaunay.voronoi(bounds);
  const area = new Float64Array(count);
  for (let iteration = 0; iteration <= lloydIterations; iteration++) {
    for (let i = 0; i < count; i++) {
      const polygon = voronoi.cellPolygon(i);
      if (!polygon) continue;
      const [cellArea, cx, cy] = polygonAreaAndCentroid(polygon);
      area[i] = cellArea;
      if (iteration < lloydIterations && Number.isFinite(cx) && Number.isFinite(cy)) {
        points[2 * i] = cx;
        points[2 * i + 1] = cy;
      }
    }
    if (iteration < lloydIterations) {
      delaunay.update();
      voronoi = delaunay.voronoi(bounds);
    }
  }
  const onHull = new Uint8Array(count);
  const { triangles, halfedges } = delaunay;
  for (let e = 0; e < halfedges.length; e++) {
    if (halfedges[e] === -1) {
      onHull[triangles[e]] = 1;
      onHull[triangles[e % 3 === 2 ? e - 2 : e + 1]] = 1;
    }
  }
  // Cells touching the box edge are clipped: keep them (and their neighbours) out of the region.
  const margin = spacingMetres * 1.5;
  for (let i = 0; i < count; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    if (x < box.minX + margin || x > box.maxX - margin || y < box.minY + margin || y > box.maxY - margin) onHull[i] = 1;
  }
  const neighbourStart = new Uint32Array(count + 1);
  const lists: number[][] = [];
  for (let i = 0; i < count; i++) lists.push([...delaunay.neighbors(i)]);
  let total = 0;
  for (let i = 0; i < count; i++) {
    neighbourStart[i] = total;
    total += lists[i].length;
  }
  neighbourStart[count] = total;
  const neighbourIndex = new Uint32Array(total);
  for (let i = 0; i < count; i++) neighbourIndex.set(lists[i], neighbourStart[i]);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    x[i] = points[2 * i];
    y[i] = points[2 * i + 1];
  }
  return {
    count,
    x,
    y,
    area,
    onHull,
    neighbourStart,
    neighbourIndex,
    vertices: Float64Array.from(voronoi.circumcenters),
    triangles: Uint32Array.from(triangles),
    halfedges: Int32Array.from(halfedges),
  };
}

/** Index of the atom nearest to (x, y) among those accepted by `accept` (linear scan). */
export function nearestAtom(atoms: Atoms, x: number, y: number, accept: (i: number) => boolean): number {
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < atoms.count; i++) {
    if (!accept(i)) continue;
    const d = (atoms.x[i] - x) ** 2 + (atoms.y[i] - y) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}
