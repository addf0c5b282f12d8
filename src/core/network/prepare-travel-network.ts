// Once per road layer: the road graph in the dataset's projection and a regular grid over the
// region (for isochrones and the reachable area). Once per mode: the mode's graph and every
// population cell, target place, grid cell and facility snapped onto it. A request (a service and
// a time) then only searches the graph and reads the snaps.
import type { ProjectedZones } from '../geometry/projected-zones.ts';
import { rasterizeZones } from '../geometry/rasterize-zones.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { throwIfAborted, type RunOptions } from '../types.ts';
import { buildModeGraph, type ModeGraph } from './build-mode-graph.ts';
import { buildRoadGraph, type BuildRoadGraphOptions, type RoadGraph } from './build-road-graph.ts';
import type { RoadLines } from './road-lines.ts';
import { findDirectWalks, type PointsWithin, type SourceSet, type TravelPoints } from './search-network.ts';
import { snapToNetwork, type GridLayout } from './snap-to-network.ts';
import { DEFAULT_MODE_SPEEDS, type ModeSpeeds, type TravelMode } from './travel-modes.ts';

/** A regular grid of square cells over the region; `active` cells (inside a township) carry travel times. */
export interface TravelGrid {
  originX: number;
  originY: number;
  cellMetres: number;
  columns: number;
  rows: number;
  /** Full-grid index (column + row · columns) of each active cell. */
  active: Uint32Array;
  x: Float64Array;
  y: Float64Array;
  scale: Float64Array;
  township: Int32Array;
  county: Int32Array;
  area: Int32Array;
}

export interface RoadNetwork {
  graph: RoadGraph;
  grid: TravelGrid;
}

export interface TravelModeNetwork {
  network: RoadNetwork;
  graph: ModeGraph;
  maxSnapMetres: number;
  directWalkMetres: number;
  cells: TravelPoints;
  places: TravelPoints;
  grid: TravelPoints;
  /** Every facility of the dataset, snapped (a request selects some). */
  facilities: SourceSet;
}

export interface PrepareRoadNetworkOptions extends BuildRoadGraphOptions {
  /** Grid cell size (m); default: the region's box split into about `gridCells` cells, at least 100 m. */
  gridCellMetres?: number;
  gridCells?: number;
}

function regionBox(prepared: PreparedDataset, graph: RoadGraph): [number, number, number, number] {
  if (prepared.townships.count > 0) {
    const e = prepared.townships.extent;
    return [e[0], e[1], e[2], e[3]];
  }
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let v = 0; v < graph.nodeCount; v++) {
    minX = Math.min(minX, graph.nodeX[v]);
    maxX = Math.max(maxX, graph.nodeX[v]);
    minY = Math.min(minY, graph.nodeY[v]);
    maxY = Math.max(maxY, graph.nodeY[v]);
  }
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : [0, 0, 1, 1];
}

export function buildTravelGrid(prepared: PreparedDataset, graph: RoadGraph, options: PrepareRoadNetworkOptions = {}, run: RunOptions = {}): TravelGrid {
  const [minX, minY, maxX, maxY] = regionBox(prepared, graph);
  const boxArea = Math.max(1, (maxX - minX) * (maxY - minY));
  const cellMetres = options.gridCellMetres ?? Math.max(100, Math.ceil(Math.sqrt(boxArea / (options.gridCells ?? 500_000)) / 10) * 10);
  const columns = Math.max(1, Math.ceil((maxX - minX) / cellMetres));
  const rows = Math.max(1, Math.ceil((maxY - minY) / cellMetres));
  const projection = prepared.projection;
  const box = { originX: minX, originY: minY, cellSize: cellMetres, columns, rows };
  run.onProgress?.(0, 'grid');
  throwIfAborted(run.signal);
  const zoneOfCell = prepared.townships.count > 0 ? rasterizeZones(prepared.townships, box) : null;
  let n = 0;
  if (zoneOfCell) for (let cell = 0; cell < columns * rows; cell++) n += zoneOfCell[cell] >= 0 ? 1 : 0;
  else n = columns * rows;
  const active = new Uint32Array(n);
  const townshipOf = new Int32Array(n);
  for (let cell = 0, i = 0; cell < columns * rows; cell++) {
    const zone = zoneOfCell ? zoneOfCell[cell] : -1;
    if (zoneOfCell && zone < 0) continue;
    active[i] = cell;
    townshipOf[i++] = zone;
  }
  const x = new Float64Array(n), y = new Float64Array(n), scale = new Float64Array(n);
  let rowLatitude = NaN, lastRow = -1;
  for (let i = 0; i < n; i++) {
    const c = active[i] % columns, r = Math.floor(active[i] / columns);
    x[i] = minX + (c + 0.5) * cellMetres;
    y[i] = minY + (r + 0.5) * cellMetres;
    // k depends on the latitude only through ρν (1e-7 of k over a row): one inverse per row
    if (r !== lastRow) {
      rowLatitude = projection.inverse(0, y[i])[1];
      lastRow = r;
    }
    scale[i] = projection.scaleFactor(x[i], rowLatitude);
  }
  const zoneOfActive = (zones: ProjectedZones): Int32Array => {
    if (zones.count === 0) return new Int32Array(n).fill(-1);
    const zoneOf = rasterizeZones(zones, box);
    return Int32Array.from(active, (cell) => zoneOf[cell]);
  };
  const county = prepared.townshipCounty ? Int32Array.from(townshipOf, (t) => (t >= 0 ? prepared.townshipCounty![t] : -1)) : zoneOfActive(prepared.counties);
  const area = zoneOfActive(prepared.areas);
  return { originX: minX, originY: minY, cellMetres, columns, rows, active, x, y, scale, township: townshipOf, county, area };
}

/**
 * A value built on first use: when a getter reads it (no progress, no cancel), or ahead of that
 * with progress and cancel (prepareTravelGrid). A build that throws (cancelled) is tried again.
 */
type Deferred<T> = (run?: RunOptions) => T;
function defer<T>(build: (run: RunOptions) => T): Deferred<T> {
  let built: { value: T } | undefined;
  return (run = {}) => (built ??= { value: build(run) }).value;
}

/** The deferred grid of each road network and mode network (see prepareTravelGrid). */
const deferredGrids = new WeakMap<object, Deferred<unknown>>();

/**
 * The road graph now; the travel grid when first read. The grid serves the covered area, the
 * isochrones and the gaps: a run that asks only for population figures (the plan's travel-time
 * rules) never builds it, nor snaps its cells (on the demo, three quarters of the points snapped).
 */
export function prepareRoadNetwork(prepared: PreparedDataset, lines: RoadLines, options: PrepareRoadNetworkOptions = {}, run: RunOptions = {}): RoadNetwork {
  const graph = buildRoadGraph(lines, prepared.projection, options, run);
  const grid = defer((gridRun) => buildTravelGrid(prepared, graph, options, gridRun));
  const network: RoadNetwork = {
    graph,
    get grid() {
      return grid();
    },
  };
  deferredGrids.set(network, grid);
  return network;
}

/**
 * Builds a mode's travel grid and its snaps now, with progress and cancel, for a view that will
 * read the covered area, isochrones or gaps (reading them builds them too, silently).
 */
export function prepareTravelGrid(network: TravelModeNetwork, run: RunOptions = {}): void {
  const build = deferredGrids.get(network);
  if (build) build(run);
  else void network.grid;
}

/**
 * The travel grid's active cells within r of a point, for the direct walks: read off the regular
 * grid (the cells of the query's box, kept when within r: KDBush's test, the same set) instead of
 * a k-d tree of its cells, which cost more to build (40 ms for the demo's 223,000 cells) than all
 * the queries together. Built once per grid, shared by the modes.
 */
const gridQueries = new WeakMap<TravelGrid, PointsWithin>();
function gridPointsWithin(grid: TravelGrid): PointsWithin {
  let query = gridQueries.get(grid);
  if (!query) {
    const { originX, originY, cellMetres, columns, rows, active, x, y } = grid;
    const activeOf = new Int32Array(columns * rows).fill(-1);
    for (let i = 0; i < active.length; i++) activeOf[active[i]] = i;
    const first = (from: number, origin: number) => Math.max(0, Math.floor((from - origin) / cellMetres - 0.5));
    const last = (to: number, origin: number, count: number) => Math.min(count - 1, Math.ceil((to - origin) / cellMetres - 0.5));
    query = {
      withinInto(qx, qy, r, out) {
        const r2 = r * r;
        const c0 = first(qx - r, originX), c1 = last(qx + r, originX, columns);
        let count = 0;
        for (let row = first(qy - r, originY), r1 = last(qy + r, originY, rows); row <= r1; row++) {
          for (let c = c0; c <= c1; c++) {
            const i = activeOf[c + row * columns];
            if (i < 0) continue;
            const dx = x[i] - qx, dy = y[i] - qy;
            if (dx * dx + dy * dy <= r2) out[count++] = i;
          }
        }
        return count;
      },
    };
    gridQueries.set(grid, query);
  }
  return query;
}

function travelPoints(
  graph: ModeGraph,
  points: { x: Float64Array; y: Float64Array; scale: Float64Array; layout?: GridLayout },
  index: PointsWithin,
  facilities: { x: Float64Array; y: Float64Array; scale: Float64Array },
  maxSnapMetres: number,
  directWalkMetres: number,
  run: RunOptions,
): TravelPoints {
  const snapped = snapToNetwork(graph, points, maxSnapMetres, run, true);
  const E = graph.road.edgeCount;
  const pointsOnEdgeStart = new Uint32Array(E + 1);
  for (const e of snapped.edge) if (e >= 0) pointsOnEdgeStart[e + 1]++;
  for (let e = 0; e < E; e++) pointsOnEdgeStart[e + 1] += pointsOnEdgeStart[e];
  const cursor = pointsOnEdgeStart.slice(0, E);
  const pointsOnEdge = new Uint32Array(pointsOnEdgeStart[E]);
  snapped.edge.forEach((e, i) => {
    if (e >= 0) pointsOnEdge[cursor[e]++] = i;
  });
  const located = { x: points.x, y: points.y, scale: points.scale, index };
  return { ...located, snapped, pointsOnEdgeStart, pointsOnEdge, ...findDirectWalks(facilities, located, directWalkMetres) };
}

/**
 * The same mode over a dataset that differs only in its facilities (a what-if edit, an import of
 * facilities): graph, grid and the snaps of cells, places and grid cells are kept; the facilities
 * are snapped anew and the direct walks found for them.
 */
export function retargetTravelMode(previous: TravelModeNetwork, prepared: PreparedDataset): TravelModeNetwork {
  const walks = (points: TravelPoints, index: PointsWithin): TravelPoints => ({ ...points, index, ...findDirectWalks(prepared.facilities, { ...points, index }, previous.directWalkMetres) });
  const grid = defer(() => walks(previous.grid, previous.grid.index));
  const retargeted: TravelModeNetwork = {
    network: previous.network,
    graph: previous.graph,
    maxSnapMetres: previous.maxSnapMetres,
    directWalkMetres: previous.directWalkMetres,
    cells: walks(previous.cells, prepared.cellIndex),
    places: walks(previous.places, prepared.placeIndex),
    get grid() {
      return grid();
    },
    facilities: { ...prepared.facilities, snapped: snapToNetwork(previous.graph, prepared.facilities, previous.maxSnapMetres) },
  };
  deferredGrids.set(retargeted, grid);
  return retargeted;
}

export interface PrepareModeOptions {
  speeds?: ModeSpeeds;
  /** Longest off-network leg (m): points farther from every usable road are unreachable (default 1,000 m). */
  maxSnapMetres?: number;
  /** A home this close (m) to a facility may also walk to it straight, off the roads (default 300 m). */
  directWalkMetres?: number;
}

export function prepareTravelMode(prepared: PreparedDataset, network: RoadNetwork, mode: TravelMode, options: PrepareModeOptions = {}, run: RunOptions = {}): TravelModeNetwork {
  const maxSnapMetres = options.maxSnapMetres ?? 1000;
  const directWalkMetres = options.directWalkMetres ?? 300;
  const graph = buildModeGraph(network.graph, mode, options.speeds ?? DEFAULT_MODE_SPEEDS[mode]);
  const stage = (of: RunOptions, from: number, to: number): RunOptions => ({ signal: of.signal, onProgress: of.onProgress && ((f, s) => of.onProgress!(from + (to - from) * f, s)) });
  const cells = travelPoints(graph, prepared.cells, prepared.cellIndex, prepared.facilities, maxSnapMetres, directWalkMetres, stage(run, 0, 0.9));
  const places = travelPoints(graph, prepared.places, prepared.placeIndex, prepared.facilities, maxSnapMetres, directWalkMetres, stage(run, 0.9, 0.95));
  const facilities: SourceSet = { ...prepared.facilities, snapped: snapToNetwork(graph, prepared.facilities, maxSnapMetres, stage(run, 0.95, 1)) };
  const grid = defer((gridRun) => {
    const roadGrid = deferredGrids.get(network);
    const travelGrid = roadGrid ? (roadGrid(stage(gridRun, 0, 0.3)) as TravelGrid) : network.grid;
    const layout = { originX: travelGrid.originX, originY: travelGrid.originY, cellSize: travelGrid.cellMetres, columns: travelGrid.columns, rows: travelGrid.rows, active: travelGrid.active };
    return travelPoints(graph, { x: travelGrid.x, y: travelGrid.y, scale: travelGrid.scale, layout }, gridPointsWithin(travelGrid), prepared.facilities, maxSnapMetres, directWalkMetres, stage(gridRun, 0.3, 1));
  });
  const modeNetwork: TravelModeNetwork = {
    network,
    graph,
    maxSnapMetres,
    directWalkMetres,
    cells,
    places,
    get grid() {
      return grid();
    },
    facilities,
  };
  deferredGrids.set(modeNetwork, grid);
  return modeNetwork;
}
