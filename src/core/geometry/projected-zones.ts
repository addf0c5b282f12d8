// Polygonal zones (townships, counties, areas of interest) in projected metres, in flat typed
// arrays with spatial indexes: the shape every area computation and point lookup works on.
// Rings are normalised so that every zone's interior lies to the LEFT of each of its edges
// (outer rings counter-clockwise, holes clockwise), whatever the input winding was; that is
// what makes the Green's-theorem area sums in disc-union-area.ts orientation-free.
import Flatbush from 'flatbush';
import type { AreaGeometry, PolygonCoordinates } from '../types.ts';
import type { LocalProjection } from '../geodesy/local-projection.ts';

/**
 * A zone's edges bucketed into horizontal bands (CSR layout): a point's crossing count only
 * looks at the edges of its own band. Hand-written rather than a Flatbush query per point
 * because a band lookup is an array index: about 10× faster for the million-cell assignment.
 */
export interface ZoneBands {
  minY: number;
  bandHeight: number;
  bandCount: number;
  /** Edges of band b are edges[offsets[b] .. offsets[b + 1]) (global start vertices). */
  offsets: Uint32Array;
  edges: Uint32Array;
}

/** A uniform grid over all zones (CSR): cell (i, j) lists the zones whose box overlaps it. */
export interface ZoneGrid {
  minX: number;
  minY: number;
  cellSize: number;
  columns: number;
  rows: number;
  offsets: Uint32Array;
  zones: Uint32Array;
}

export interface ProjectedZones {
  readonly count: number;
  /** Interleaved x, y of every ring vertex (no closing duplicate). */
  readonly coords: Float64Array;
  /** For vertex g: the vertex that ends the edge starting at g (wraps within its ring). */
  readonly edgeEnd: Uint32Array;
  /** For vertex g: the zone its ring belongs to. */
  readonly vertexZone: Uint32Array;
  /** Index over every edge (item id = its start vertex). */
  readonly edgeIndex: Flatbush;
  /** Zones whose bounding box overlaps each cell of a uniform grid, for point location. */
  readonly zoneGrid: ZoneGrid;
  /** Per zone: its edges bucketed by horizontal band, for point-in-zone tests. */
  readonly zoneBands: ZoneBands[];
  /** Per zone: projected area (m², holes subtracted). */
  readonly projectedArea: Float64Array;
  /** Per zone: point scale factor at its area centroid; ellipsoidal area = projected / k². */
  readonly scale: Float64Array;
  /** Per zone bounding boxes [minX, minY, maxX, maxY] * count. */
  readonly bounds: Float64Array;
  /** Bounding box of all zones [minX, minY, maxX, maxY]. */
  readonly extent: Float64Array;
}

function ringSignedArea(coords: Float64Array, start: number, end: number): number {
  let sum = 0;
  for (let g = start; g < end; g++) {
    const h = g + 1 < end ? g + 1 : start;
    sum += coords[2 * g] * coords[2 * h + 1] - coords[2 * h] * coords[2 * g + 1];
  }
  return sum / 2;
}

function polygonsOf(geometry: AreaGeometry): PolygonCoordinates[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Projects and indexes zones. Zone i is geometries[i]. */
export function projectZones(geometries: AreaGeometry[], projection: LocalProjection): ProjectedZones {
  // Count vertices first so the arrays are allocated once.
  let vertexCount = 0;
  for (const geometry of geometries) {
    for (const polygon of polygonsOf(geometry)) {
      for (const ring of polygon) vertexCount += Math.max(0, openRingLength(ring));
    }
  }
  const coords = new Float64Array(vertexCount * 2);
  const edgeEnd = new Uint32Array(vertexCount);
  const vertexZone = new Uint32Array(vertexCount);
  const projectedArea = new Float64Array(geometries.length);
  const scale = new Float64Array(geometries.length);
  const bounds = new Float64Array(geometries.length * 4);
  const zoneRanges: Array<Array<[number, number]>> = [];

  let g = 0;
  geometries.forEach((geometry, zone) => {
    const ranges: Array<[number, number]> = [];
    let area = 0;
    let momentX = 0;
    let momentY = 0;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const polygon of polygonsOf(geometry)) {
      polygon.forEach((ring, ringIndex) => {
        const n = openRingLength(ring);
        if (n < 3) return;
        const start = g;
        for (let v = 0; v < n; v++, g++) {
          const [x, y] = projection.forward(ring[v][0], ring[v][1]);
          coords[2 * g] = x;
          coords[2 * g + 1] = y;
          vertexZone[g] = zone;
          if (x < minX) minX = x;
          if (y < minY) minY = y;
          if (x > maxX) maxX = x;
          if (y > maxY) maxY = y;
        }
        const end = g;
        const signed = ringSignedArea(coords, start, end);
        const wantPositive = ringIndex === 0;
        if (signed > 0 !== wantPositive) reverseRing(coords, start, end);
        for (let v = start; v < end; v++) edgeEnd[v] = v + 1 < end ? v + 1 : start;
        const oriented = Math.abs(signed) * (wantPositive ? 1 : -1);
        area += oriented;
        const [cx, cy] = ringCentroid(coords, start, end);
        momentX += cx * oriented;
        momentY += cy * oriented;
        ranges.push([start, end]);
      });
    }
    zoneRanges.push(ranges);
    projectedArea[zone] = area;
    const centroidX = area !== 0 ? momentX / area : (minX + maxX) / 2;
    const centroidY = area !== 0 ? momentY / area : (minY + maxY) / 2;
    const [, lat] = projection.inverse(centroidX, centroidY);
    scale[zone] = projection.scaleFactor(centroidX, lat);
    bounds.set([minX, minY, maxX, maxY], zone * 4);
  });

  let edgeIndex: Flatbush | undefined;
  const zoneGrid = gridZones(bounds, geometries.length);
  const zoneBands = zoneRanges.map((ranges, zone) => bandEdges(coords, edgeEnd, ranges, bounds[4 * zone + 1], bounds[4 * zone + 3]));

  return {
    count: geometries.length,
    coords,
    edgeEnd,
    vertexZone,
    // Built on first use: the area kernel and the gaps need it, point location (the offset
    // check's lon/lat zones, counties summed from townships) does not.
    get edgeIndex() {
      return (edgeIndex ??= indexEdges(coords, edgeEnd));
    },
    zoneGrid,
    extent: Float64Array.of(zoneGrid.minX, zoneGrid.minY, zoneGrid.minX + zoneGrid.columns * zoneGrid.cellSize, zoneGrid.minY + zoneGrid.rows * zoneGrid.cellSize),
    zoneBands,
    projectedArea,
    scale,
    bounds,
  };
}

/** Ring length without the closing duplicate vertex (GeoJSON rings repeat the first vertex). */
function openRingLength(ring: number[][]): number {
  const n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) return n - 1;
  return n;
}

function reverseRing(coords: Float64Array, start: number, end: number): void {
  for (let i = start, j = end - 1; i < j; i++, j--) {
    const x = coords[2 * i];
    const y = coords[2 * i + 1];
    coords[2 * i] = coords[2 * j];
    coords[2 * i + 1] = coords[2 * j + 1];
    coords[2 * j] = x;
    coords[2 * j + 1] = y;
  }
}

function ringCentroid(coords: Float64Array, start: number, end: number): [number, number] {
  let a = 0, cx = 0, cy = 0;
  for (let g = start; g < end; g++) {
    const h = g + 1 < end ? g + 1 : start;
    const cross = coords[2 * g] * coords[2 * h + 1] - coords[2 * h] * coords[2 * g + 1];
    a += cross;
    cx += (coords[2 * g] + coords[2 * h]) * cross;
    cy += (coords[2 * g + 1] + coords[2 * h + 1]) * cross;
  }
  if (a === 0) return [coords[2 * start], coords[2 * start + 1]];
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * Zones whose arrays came from another thread (a structured clone has no edge index: it is built
 * on first use there, as projectZones does here).
 */
export function withEdgeIndex(parts: Omit<ProjectedZones, 'edgeIndex'>): ProjectedZones {
  let edgeIndex: Flatbush | undefined;
  return {
    ...parts,
    get edgeIndex() {
      return (edgeIndex ??= indexEdges(parts.coords, parts.edgeEnd));
    },
  };
}

function indexEdges(coords: Float64Array, edgeEnd: Uint32Array): Flatbush {
  const vertexCount = edgeEnd.length;
  const index = new Flatbush(Math.max(1, vertexCount));
  for (let v = 0; v < vertexCount; v++) addEdgeBox(index, coords, v, edgeEnd[v]);
  if (vertexCount === 0) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}

function addEdgeBox(index: Flatbush, coords: Float64Array, a: number, b: number): void {
  const ax = coords[2 * a], ay = coords[2 * a + 1], bx = coords[2 * b], by = coords[2 * b + 1];
  index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
}

function bandEdges(coords: Float64Array, edgeEnd: Uint32Array, ranges: Array<[number, number]>, minY: number, maxY: number): ZoneBands {
  let edgeCount = 0;
  for (const [s, e] of ranges) edgeCount += e - s;
  const bandCount = Math.max(1, Math.ceil(Math.sqrt(edgeCount)));
  const bandHeight = (maxY - minY) / bandCount || 1;
  const offsets = new Uint32Array(bandCount + 1);
  // Each edge's first and last band, counted then filled (loops written out: this runs for every
  // vertex of every zone, twice).
  const first = new Uint32Array(edgeCount);
  const last = new Uint32Array(edgeCount);
  let k = 0;
  for (const [s, e] of ranges) {
    for (let v = s; v < e; v++, k++) {
      const y0 = coords[2 * v + 1], y1 = coords[2 * edgeEnd[v] + 1];
      const low = Math.floor(((y0 < y1 ? y0 : y1) - minY) / bandHeight);
      const high = Math.floor(((y0 < y1 ? y1 : y0) - minY) / bandHeight);
      first[k] = Math.min(bandCount - 1, Math.max(0, low));
      last[k] = Math.min(bandCount - 1, Math.max(0, high));
      for (let b = first[k]; b <= last[k]; b++) offsets[b + 1]++;
    }
  }
  for (let b = 0; b < bandCount; b++) offsets[b + 1] += offsets[b];
  const cursor = offsets.slice(0, bandCount);
  const edges = new Uint32Array(offsets[bandCount]);
  k = 0;
  for (const [s, e] of ranges) for (let v = s; v < e; v++, k++) for (let b = first[k]; b <= last[k]; b++) edges[cursor[b]++] = v;
  return { minY, bandHeight, bandCount, offsets, edges };
}

/** Even-odd point-in-zone test (horizontal ray to +x) over the edges of the point's band. */
export function zoneContains(zones: ProjectedZones, zone: number, px: number, py: number): boolean {
  const b = zone * 4;
  if (px < zones.bounds[b] || px > zones.bounds[b + 2] || py < zones.bounds[b + 1] || py > zones.bounds[b + 3]) return false;
  const bands = zones.zoneBands[zone];
  const band = Math.min(bands.bandCount - 1, Math.max(0, Math.floor((py - bands.minY) / bands.bandHeight)));
  const { coords, edgeEnd } = zones;
  let inside = false;
  for (let k = bands.offsets[band], end = bands.offsets[band + 1]; k < end; k++) {
    const a = bands.edges[k];
    const c = edgeEnd[a];
    const ay = coords[2 * a + 1], cy = coords[2 * c + 1];
    if (ay > py !== cy > py) {
      const ax = coords[2 * a], cx = coords[2 * c];
      if (ax + ((py - ay) * (cx - ax)) / (cy - ay) > px) inside = !inside;
    }
  }
  return inside;
}

function gridZones(bounds: Float64Array, count: number): ZoneGrid {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let z = 0; z < count; z++) {
    minX = Math.min(minX, bounds[4 * z]);
    minY = Math.min(minY, bounds[4 * z + 1]);
    maxX = Math.max(maxX, bounds[4 * z + 2]);
    maxY = Math.max(maxY, bounds[4 * z + 3]);
  }
  if (count === 0) return { minX: 0, minY: 0, cellSize: 1, columns: 0, rows: 0, offsets: new Uint32Array(1), zones: new Uint32Array(0) };
  // About four grid cells per zone.
  const cellSize = Math.max(Math.sqrt(((maxX - minX) * (maxY - minY)) / (4 * count)), 1e-6) || 1;
  const columns = Math.max(1, Math.ceil((maxX - minX) / cellSize));
  const rows = Math.max(1, Math.ceil((maxY - minY) / cellSize));
  const column = (x: number) => Math.min(columns - 1, Math.floor((x - minX) / cellSize));
  const row = (y: number) => Math.min(rows - 1, Math.floor((y - minY) / cellSize));
  const offsets = new Uint32Array(columns * rows + 1);
  const visit = (z: number, action: (cell: number) => void) => {
    for (let j = row(bounds[4 * z + 1]); j <= row(bounds[4 * z + 3]); j++) {
      for (let i = column(bounds[4 * z]); i <= column(bounds[4 * z + 2]); i++) action(j * columns + i);
    }
  };
  for (let z = 0; z < count; z++) visit(z, (cell) => offsets[cell + 1]++);
  for (let c = 0; c < columns * rows; c++) offsets[c + 1] += offsets[c];
  const cursor = offsets.slice(0, columns * rows);
  const zones = new Uint32Array(offsets[columns * rows]);
  for (let z = 0; z < count; z++) visit(z, (cell) => (zones[cursor[cell]++] = z));
  return { minX, minY, cellSize, columns, rows, offsets, zones };
}

/** The zone containing a point, or -1. Zones are expected not to overlap; the first match wins. */
export function locateZone(zones: ProjectedZones, px: number, py: number): number {
  const grid = zones.zoneGrid;
  const i = Math.floor((px - grid.minX) / grid.cellSize);
  const j = Math.floor((py - grid.minY) / grid.cellSize);
  if (i < 0 || j < 0 || i > grid.columns || j > grid.rows) return -1;
  const cell = Math.min(j, grid.rows - 1) * grid.columns + Math.min(i, grid.columns - 1);
  for (let k = grid.offsets[cell], end = grid.offsets[cell + 1]; k < end; k++) {
    const zone = grid.zones[k];
    if (zoneContains(zones, zone, px, py)) return zone;
  }
  return -1;
}
