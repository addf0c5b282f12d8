// Once per road layer: the road graph in the dataset's projection and a regular grid over the
// region (for isochrones and the reachable area). Once per mode: the mode's graph and every
// population cell, target place, grid cell and facility snapped onto it. A request (a service and
// a time) then only searches the graph and reads the snaps.
import KDBush from 'kdbush';
import { locateZone } from '../geometry/projected-zones.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { throwIfAborted, type RunOptions } from '../types.ts';
import { buildModeGraph, type ModeGraph } from './build-mode-graph.ts';
import { buildRoadGraph, type BuildRoadGraphOptions, type RoadGraph } from './build-road-graph.ts';
import type { RoadLines } from './road-lines.ts';
import { findDirectWalks, type SourceSet, type TravelPoints } from './search-network.ts';
import { snapToNetwork } from './snap-to-network.ts';
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
  const useZones = prepared.townships.count > 0;
  const active: number[] = [];
  const township: number[] = [];
  for (let r = 0; r < rows; r++) {
    if ((r & 63) === 0) {
      throwIfAborted(run.signal);
      run.onProgress?.(r / rows, 'grid');
    }
    const cy = minY + (r + 0.5) * cellMetres;
    for (let c = 0; c < columns; c++) {
      const cx = minX + (c + 0.5) * cellMetres;
      const zone = useZones ? locateZone(prepared.townships, cx, cy) : -1;
      if (useZones && zone < 0) continue;
      active.push(c + r * columns);
      township.push(zone);
    }
  }
  const n = active.length;
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
  const townshipOf = Int32Array.from(township);
  const county = prepared.townshipCounty
    ? Int32Array.from(townshipOf, (t) => (t >= 0 ? prepared.townshipCounty![t] : -1))
    : Int32Array.from({ length: n }, (_, i) => (prepared.counties.count > 0 ? locateZone(prepared.counties, x[i], y[i]) : -1));
  const area = Int32Array.from({ length: n }, (_, i) => (prepared.areas.count > 0 ? locateZone(prepared.areas, x[i], y[i]) : -1));
  return { originX: minX, originY: minY, cellMetres, columns, rows, active: Uint32Array.from(active), x, y, scale, township: townshipOf, county, area };
}

export function prepareRoadNetwork(prepared: PreparedDataset, lines: RoadLines, options: PrepareRoadNetworkOptions = {}, run: RunOptions = {}): RoadNetwork {
  const graph = buildRoadGraph(lines, prepared.projection, options, { signal: run.signal, onProgress: run.onProgress && ((f, stage) => run.onProgress!(0.6 * f, stage)) });
  const grid = buildTravelGrid(prepared, graph, options, { signal: run.signal, onProgress: run.onProgress && ((f, stage) => run.onProgress!(0.6 + 0.4 * f, stage)) });
  return { graph, grid };
}

function indexPoints(x: Float64Array, y: Float64Array): KDBush {
  const index = new KDBush(Math.max(1, x.length), 64, Float64Array);
  for (let i = 0; i < x.length; i++) index.add(x[i], y[i]);
  if (x.length === 0) index.add(Infinity, Infinity);
  index.finish();
  return index;
}

function travelPoints(
  graph: ModeGraph,
  points: { x: Float64Array; y: Float64Array; scale: Float64Array },
  index: KDBush | undefined,
  facilities: { x: Float64Array; y: Float64Array; scale: Float64Array },
  maxSnapMetres: number,
  directWalkMetres: number,
  run: RunOptions,
): TravelPoints {
  const snapped = snapToNetwork(graph, points, maxSnapMetres, run);
  const E = graph.road.edgeCount;
  const pointsOnEdgeStart = new Uint32Array(E + 1);
  for (const e of snapped.edge) if (e >= 0) pointsOnEdgeStart[e + 1]++;
  for (let e = 0; e < E; e++) pointsOnEdgeStart[e + 1] += pointsOnEdgeStart[e];
  const cursor = pointsOnEdgeStart.slice(0, E);
  const pointsOnEdge = new Uint32Array(pointsOnEdgeStart[E]);
  snapped.edge.forEach((e, i) => {
    if (e >= 0) pointsOnEdge[cursor[e]++] = i;
  });
  const located = { x: points.x, y: points.y, scale: points.scale, index: index ?? indexPoints(points.x, points.y) };
  return { ...located, snapped, pointsOnEdgeStart, pointsOnEdge, ...findDirectWalks(facilities, located, directWalkMetres) };
}

/**
 * The same mode over a dataset that differs only in its facilities (a what-if edit, an import of
 * facilities): graph, grid and the snaps of cells, places and grid cells are kept; the facilities
 * are snapped anew and the direct walks found for them.
 */
export function retargetTravelMode(previous: TravelModeNetwork, prepared: PreparedDataset): TravelModeNetwork {
  const walks = (points: TravelPoints, index: KDBush): TravelPoints => ({ ...points, index, ...findDirectWalks(prepared.facilities, { ...points, index }, previous.directWalkMetres) });
  return {
    ...previous,
    cells: walks(previous.cells, prepared.cellIndex),
    places: walks(previous.places, prepared.placeIndex),
    grid: walks(previous.grid, previous.grid.index),
    facilities: { ...prepared.facilities, snapped: snapToNetwork(previous.graph, prepared.facilities, previous.maxSnapMetres) },
  };
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
  const stage = (from: number, to: number): RunOptions => ({ signal: run.signal, onProgress: run.onProgress && ((f, s) => run.onProgress!(from + (to - from) * f, s)) });
  const cells = travelPoints(graph, prepared.cells, prepared.cellIndex, prepared.facilities, maxSnapMetres, directWalkMetres, stage(0, 0.4));
  const places = travelPoints(graph, prepared.places, prepared.placeIndex, prepared.facilities, maxSnapMetres, directWalkMetres, stage(0.4, 0.45));
  const grid = travelPoints(graph, network.grid, undefined, prepared.facilities, maxSnapMetres, directWalkMetres, stage(0.45, 0.95));
  const facilities: SourceSet = { ...prepared.facilities, snapped: snapToNetwork(graph, prepared.facilities, maxSnapMetres, stage(0.95, 1)) };
  return { network, graph, maxSnapMetres, directWalkMetres, cells, places, grid, facilities };
}
