// The network report a planner needs before trusting travel times: size and length by class,
// connected parts, dangling ends, what graph building joined, and — per mode — how many people
// reach the network only through a long off-road leg or not at all.
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { RoadGraph } from './build-road-graph.ts';
import type { TravelModeNetwork } from './prepare-travel-network.ts';
import { ROAD_CLASSES, type RoadClassId } from './road-classes.ts';
import { TRAVEL_MODE_NAMES, type TravelMode } from './travel-modes.ts';
import { formatNumber } from '../rules/format-figures.ts';

export interface RoadNetworkReport {
  lines: number;
  nodes: number;
  edges: number;
  totalLengthKm: number;
  lengthKmByClass: Partial<Record<RoadClassId, number>>;
  onewayEdges: number;
  /** Connected parts (ignoring direction), the largest one's share of the length, and the parts under 1 km. */
  components: number;
  largestComponentShare: number;
  smallComponents: number;
  /** Nodes where a single edge ends (dead ends and unjoined line ends). */
  danglingEnds: number;
  snappedToVertex: number;
  snappedToSegment: number;
  snapToleranceMetres: number;
}

export interface ModeAccessReport {
  mode: string;
  maxSnapMetres: number;
  longLegMetres: number;
  population: number;
  /** People whose off-road leg to the nearest usable road is longer than longLegMetres (but within the maximum). */
  longLegPopulation: number;
  /** People beyond the maximum snap distance from every usable road. */
  offNetworkPopulation: number;
  /** Facilities beyond the maximum snap distance (reachable only by walking directly). */
  offNetworkFacilities: number;
}

function findRoot(parent: Int32Array, v: number): number {
  while (parent[v] !== v) {
    parent[v] = parent[parent[v]];
    v = parent[v];
  }
  return v;
}

export function describeRoadNetwork(graph: RoadGraph): RoadNetworkReport {
  const parent = new Int32Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) parent[v] = v;
  const degree = new Uint32Array(graph.nodeCount);
  const lengthKmByClass: Partial<Record<RoadClassId, number>> = {};
  let total = 0;
  let onewayEdges = 0;
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = findRoot(parent, graph.edgeFrom[e]);
    const b = findRoot(parent, graph.edgeTo[e]);
    if (a !== b) parent[a] = b;
    degree[graph.edgeFrom[e]]++;
    degree[graph.edgeTo[e]]++;
    const km = graph.edgeLength[e] / 1000;
    const id = ROAD_CLASSES[graph.roadClass[e]].id;
    lengthKmByClass[id] = (lengthKmByClass[id] ?? 0) + km;
    total += km;
    if (graph.oneway[e] !== 0) onewayEdges++;
  }
  const componentLength = new Map<number, number>();
  for (let e = 0; e < graph.edgeCount; e++) {
    const root = findRoot(parent, graph.edgeFrom[e]);
    componentLength.set(root, (componentLength.get(root) ?? 0) + graph.edgeLength[e] / 1000);
  }
  let largest = 0;
  let small = 0;
  for (const km of componentLength.values()) {
    largest = Math.max(largest, km);
    if (km < 1) small++;
  }
  let danglingEnds = 0;
  for (let v = 0; v < graph.nodeCount; v++) if (degree[v] === 1) danglingEnds++;
  return {
    lines: graph.build.lines,
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    totalLengthKm: total,
    lengthKmByClass,
    onewayEdges,
    components: componentLength.size,
    largestComponentShare: total > 0 ? largest / total : 0,
    smallComponents: small,
    danglingEnds,
    snappedToVertex: graph.build.snappedToVertex,
    snappedToSegment: graph.build.snappedToSegment,
    snapToleranceMetres: graph.build.toleranceMetres,
  };
}

export function describeModeAccess(prepared: PreparedDataset, network: TravelModeNetwork, longLegMetres = 300): ModeAccessReport {
  const population = prepared.dataset.population.population;
  const off = network.cells.snapped.offMetres;
  let total = 0, longLeg = 0, offNetwork = 0;
  for (let i = 0; i < population.length; i++) {
    total += population[i];
    if (off[i] === Infinity) offNetwork += population[i];
    else if (off[i] > longLegMetres) longLeg += population[i];
  }
  let offNetworkFacilities = 0;
  for (const e of network.facilities.snapped.edge) if (e < 0) offNetworkFacilities++;
  return { mode: network.graph.mode, maxSnapMetres: network.maxSnapMetres, longLegMetres, population: total, longLegPopulation: longLeg, offNetworkPopulation: offNetwork, offNetworkFacilities };
}

const percent = (part: number, whole: number) => (whole > 0 ? ((100 * part) / whole).toFixed(1) : '0.0');
// formatNumber rather than toLocaleString: the same grouping without loading ICU's number data (18 ms on first use)
const figure = (value: number) => formatNumber(Math.round(value));

/** The report as lines of text, in Chinese or English (for the CLI and exports). */
export function formatRoadNetworkReport(report: RoadNetworkReport, access: ModeAccessReport[], language: 'zh' | 'en'): string[] {
  const zh = language === 'zh';
  const classes = ROAD_CLASSES.filter((c) => report.lengthKmByClass[c.id])
    .map((c) => `${zh ? c.zh : c.en} ${report.lengthKmByClass[c.id]!.toFixed(1)} km`)
    .join(zh ? '，' : ', ');
  const lines = zh
    ? [
        `道路网：${figure(report.lines)} 条线，${figure(report.nodes)} 个节点，${figure(report.edges)} 条边，总长 ${report.totalLengthKm.toFixed(1)} km（${classes}）；单行边 ${figure(report.onewayEdges)} 条`,
        `连通性：共 ${figure(report.components)} 个互不相连的部分，最大部分占总长 ${percent(report.largestComponentShare, 1)}%，短于 1 km 的孤立部分 ${figure(report.smallComponents)} 个；断头端点 ${figure(report.danglingEnds)} 个`,
        `接合：${figure(report.snappedToVertex + report.snappedToSegment)} 个近距未接的线端已在 ${report.snapToleranceMetres} m 容差内接合（${figure(report.snappedToVertex)} 个接到节点，${figure(report.snappedToSegment)} 个接到路段中间）`,
      ]
    : [
        `Road network: ${figure(report.lines)} lines, ${figure(report.nodes)} nodes, ${figure(report.edges)} edges, ${report.totalLengthKm.toFixed(1)} km (${classes}); ${figure(report.onewayEdges)} one-way edges`,
        `Connectivity: ${figure(report.components)} connected part(s) not joined to each other, the largest holds ${percent(report.largestComponentShare, 1)}% of the length, ${figure(report.smallComponents)} isolated parts under 1 km; ${figure(report.danglingEnds)} dangling ends`,
        `Joins: ${figure(report.snappedToVertex + report.snappedToSegment)} near-miss line ends joined within ${report.snapToleranceMetres} m (${figure(report.snappedToVertex)} to a vertex, ${figure(report.snappedToSegment)} to the middle of a segment)`,
      ];
  for (const a of access) {
    const mode = TRAVEL_MODE_NAMES[a.mode as TravelMode]?.[language] ?? a.mode;
    lines.push(
      zh
        ? `${mode}：${percent(a.longLegPopulation, a.population)}% 的人口（${figure(a.longLegPopulation)} 人）需步行 ${a.longLegMetres} m 以上才能到达道路；${percent(a.offNetworkPopulation, a.population)}%（${figure(a.offNetworkPopulation)} 人）距道路超过 ${a.maxSnapMetres} m，计为不可达；${figure(a.offNetworkFacilities)} 个设施距道路超过 ${a.maxSnapMetres} m`
        : `${mode}: ${percent(a.longLegPopulation, a.population)}% of the population (${figure(a.longLegPopulation)}) walk over ${a.longLegMetres} m to reach a road; ${percent(a.offNetworkPopulation, a.population)}% (${figure(a.offNetworkPopulation)}) are over ${a.maxSnapMetres} m from one and count as unreachable; ${figure(a.offNetworkFacilities)} facilities are over ${a.maxSnapMetres} m from a road`,
    );
  }
  return lines;
}
