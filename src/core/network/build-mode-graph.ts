// A road graph as one mode sees it: travel time (s) on every edge in each direction it may be used
// (Infinity where a class, a restriction or a one-way forbids it), reversed adjacency in CSR
// layout for searching from facilities towards travellers. Points snap onto the edges it may use
// through the road graph's one segment index (snap-to-network.ts).
import { ROAD_CLASSES } from './road-classes.ts';
import type { RoadGraph } from './build-road-graph.ts';
import { FORBID_BIKE, FORBID_FOOT, FORBID_MOTOR } from './road-lines.ts';
import type { ModeSpeeds, TravelMode } from './travel-modes.ts';

export interface ModeGraph {
  mode: TravelMode;
  speeds: ModeSpeeds;
  road: RoadGraph;
  /** Seconds to traverse edge e from → to, and to → from (Infinity: not allowed). */
  timeForward: Float64Array;
  timeBackward: Float64Array;
  /** Reversed arcs: for node v, arcs u → v are reverseSource/reverseTime[reverseStart[v] .. reverseStart[v + 1]). */
  reverseStart: Uint32Array;
  reverseSource: Uint32Array;
  reverseTime: Float64Array;
  /** Edges incident to node v (either direction, usable by the mode): incidentEdge[incidentStart[v] .. incidentStart[v + 1]). */
  incidentStart: Uint32Array;
  incidentEdge: Uint32Array;
  /** Off-network walking speed, m/s. */
  offRoadMetresPerSecond: number;
}

const FORBID_BIT: Record<TravelMode, number> = { walk: FORBID_FOOT, 'elderly-walk': FORBID_FOOT, ebike: FORBID_BIKE, drive: FORBID_MOTOR };

/** km/h the mode travels at on edge e (0: may not use it). */
function edgeSpeed(road: RoadGraph, e: number, mode: TravelMode, speeds: ModeSpeeds): number {
  if (road.forbidden[e] & FORBID_BIT[mode]) return 0;
  const classSpeed = speeds.roads[ROAD_CLASSES[road.roadClass[e]].id];
  if (!(classSpeed > 0)) return 0;
  return speeds.capsAtMaxspeed && road.maxspeed[e] > 0 ? Math.min(classSpeed, road.maxspeed[e]) : classSpeed;
}

function csr(count: number, keys: Uint32Array, size: number): { start: Uint32Array; order: Uint32Array } {
  const start = new Uint32Array(count + 1);
  for (let i = 0; i < size; i++) start[keys[i] + 1]++;
  for (let v = 0; v < count; v++) start[v + 1] += start[v];
  const cursor = start.slice(0, count);
  const order = new Uint32Array(size);
  for (let i = 0; i < size; i++) order[cursor[keys[i]]++] = i;
  return { start, order };
}

export function buildModeGraph(road: RoadGraph, mode: TravelMode, speeds: ModeSpeeds): ModeGraph {
  const E = road.edgeCount;
  const timeForward = new Float64Array(E).fill(Infinity);
  const timeBackward = new Float64Array(E).fill(Infinity);
  let arcCount = 0;
  let usableCount = 0;
  for (let e = 0; e < E; e++) {
    const speed = edgeSpeed(road, e, mode, speeds);
    if (speed <= 0) continue;
    usableCount++;
    const seconds = road.edgeLength[e] / (speed / 3.6);
    const oneway = speeds.respectsOneway ? road.oneway[e] : 0;
    if (oneway >= 0) {
      timeForward[e] = seconds;
      arcCount++;
    }
    if (oneway <= 0) {
      timeBackward[e] = seconds;
      arcCount++;
    }
  }
  // reversed arcs keyed by their head
  const head = new Uint32Array(arcCount);
  const tail = new Uint32Array(arcCount);
  const time = new Float64Array(arcCount);
  let a = 0;
  for (let e = 0; e < E; e++) {
    if (timeForward[e] < Infinity) {
      head[a] = road.edgeTo[e];
      tail[a] = road.edgeFrom[e];
      time[a++] = timeForward[e];
    }
    if (timeBackward[e] < Infinity) {
      head[a] = road.edgeFrom[e];
      tail[a] = road.edgeTo[e];
      time[a++] = timeBackward[e];
    }
  }
  const reverse = csr(road.nodeCount, head, arcCount);
  const reverseSource = new Uint32Array(arcCount);
  const reverseTime = new Float64Array(arcCount);
  for (let k = 0; k < arcCount; k++) {
    reverseSource[k] = tail[reverse.order[k]];
    reverseTime[k] = time[reverse.order[k]];
  }

  // incidence (each usable edge at both ends)
  const incidentKeys = new Uint32Array(2 * usableCount);
  const incidentEdges = new Uint32Array(2 * usableCount);
  let m = 0;
  for (let e = 0; e < E; e++) {
    if (timeForward[e] === Infinity && timeBackward[e] === Infinity) continue;
    incidentKeys[m] = road.edgeFrom[e];
    incidentEdges[m++] = e;
    incidentKeys[m] = road.edgeTo[e];
    incidentEdges[m++] = e;
  }
  const incident = csr(road.nodeCount, incidentKeys, m);
  const incidentEdge = new Uint32Array(m);
  for (let k = 0; k < m; k++) incidentEdge[k] = incidentEdges[incident.order[k]];

  return {
    mode,
    speeds,
    road,
    timeForward,
    timeBackward,
    reverseStart: reverse.start,
    reverseSource,
    reverseTime,
    incidentStart: incident.start,
    incidentEdge,
    offRoadMetresPerSecond: speeds.offRoad / 3.6,
  };
}
