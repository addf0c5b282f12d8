// The demo region's synthetic road network (data/demo/roads.geojson), grown on a 250 m raster in
// the demo's Gauss–Krüger plane: expressways along a spanning tree of the county seats and
// national roads between neighbouring seats, routed by A* around the lakes (no raster cell outside
// the townships may be crossed) and over the cheaper, lower ground of the same terrain noise the
// population grid uses (mountains force detours); urban street grids in the populated parts of the
// urban streets (a few of them one-way, some pedestrian); then every township seat and village
// grows a road to the nearest road it can reach (provincial roads from towns, county roads from
// townships, township and village roads from villages). Roads meet where they share a raster cell
// centre; expressways pass 20 m off the lattice and meet other roads only at the county seats.
// Its own random stream (hashSeed(seed, 'roads')): the other demo layers are unchanged.
import FlatQueue from 'flatqueue';
import { createLocalProjection } from '../../src/core/geodesy/local-projection.ts';
import { locateZone, projectZones } from '../../src/core/geometry/projected-zones.ts';
import type { Feature, FeatureCollection } from '../../src/core/geojson-types.ts';
import { round6 } from './gauss-kruger.ts';
import type { GeneratedRegion } from './generate-region.ts';
import { SYNTHETIC_NOTICE } from './generate-region.ts';
import { partitionRegion } from './partition-region.ts';
import { createRandom, hashSeed } from './seeded-random.ts';
import { createNoiseField } from './value-noise.ts';

export { DEMO_ROADS_FILE } from '../../src/core/dataset/demo-files.ts';

const CELL = 250;
/** The demo's GK plane is this transverse Mercator plus a 500 km false easting. */
const FALSE_EASTING = 500000;

type Highway = 'motorway' | 'trunk' | 'primary' | 'secondary' | 'tertiary' | 'unclassified' | 'residential' | 'footway';
const CHINESE_CLASS: Record<Highway, string> = {
  motorway: '高速公路', trunk: '国道', primary: '省道', secondary: '县道', tertiary: '乡道', unclassified: '村道', residential: '城市道路', footway: '步行道',
};

interface Road {
  cells: number[];
  highway: Highway;
  properties: Record<string, string | number>;
  /** Interior vertices shifted off the lattice (expressways: no junction where they cross). */
  offLattice?: boolean;
}

export interface DemoRoadOptions {
  seed: number;
  enclaveCount: number;
}

export function generateDemoRoads(region: GeneratedRegion, options: DemoRoadOptions): FeatureCollection {
  const { seed } = options;
  const random = createRandom(hashSeed(seed, 'roads'));
  const projection = createLocalProjection(102);
  const { dataset, layout } = region;
  const zones = projectZones(dataset.townships.map((t) => t.geometry), projection);
  const [minX, minY, maxX, maxY] = zones.extent;
  const columns = Math.ceil((maxX - minX) / CELL) + 1;
  const rows = Math.ceil((maxY - minY) / CELL) + 1;
  const centreX = (c: number) => minX + (c + 0.5) * CELL;
  const centreY = (r: number) => minY + (r + 0.5) * CELL;
  const cellAt = (x: number, y: number) => Math.min(columns - 1, Math.max(0, Math.floor((x - minX) / CELL))) + Math.min(rows - 1, Math.max(0, Math.floor((y - minY) / CELL))) * columns;
  const count = columns * rows;

  // where roads may go, and what it costs: outside the townships (lakes, beyond the border) is closed
  const township = new Int32Array(count);
  const cost = new Float32Array(count);
  const terrain = createNoiseField(hashSeed(seed, 'terrain'), 14000, 5);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const i = c + r * columns;
      township[i] = locateZone(zones, centreX(c), centreY(r));
      cost[i] = township[i] < 0 ? Infinity : 1 + 12 * terrain(centreX(c) + FALSE_EASTING, centreY(r)) ** 3;
    }
  }
  // people per raster cell
  const people = new Float32Array(count);
  const { x: px, y: py } = projection.forwardArrays(dataset.population.lon, dataset.population.lat);
  dataset.population.population.forEach((p, k) => (people[cellAt(px[k], py[k])] += p));

  const roadAt = new Int8Array(count); // 1 where a road (other than an expressway's interior) runs
  const roads: Road[] = [];
  const add = (road: Road) => {
    roads.push(road);
    road.cells.forEach((cell, k) => {
      if (!road.offLattice || k === 0 || k === road.cells.length - 1) roadAt[cell] = 1;
    });
  };

  // A* (or, with no target, Dijkstra to the nearest road cell) over 8 neighbours
  const queue = new FlatQueue<number>();
  const distance = new Float64Array(count).fill(Infinity);
  const previous = new Int32Array(count).fill(-1);
  const touched: number[] = [];
  const route = (from: number, to: number | null): number[] | null => {
    for (const i of touched) {
      distance[i] = Infinity;
      previous[i] = -1;
    }
    touched.length = 0;
    queue.clear();
    const tx = to === null ? 0 : to % columns, ty = to === null ? 0 : Math.floor(to / columns);
    const heuristic = (i: number) => (to === null ? 0 : Math.hypot((i % columns) - tx, Math.floor(i / columns) - ty));
    distance[from] = 0;
    touched.push(from);
    queue.push(from, heuristic(from));
    while (queue.length > 0) {
      const u = queue.pop()!;
      if (to === null ? roadAt[u] === 1 && u !== from : u === to) {
        const path = [u];
        for (let v = previous[u]; v >= 0; v = previous[v]) path.push(v);
        return path.reverse();
      }
      const uc = u % columns, ur = Math.floor(u / columns);
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          if (dr === 0 && dc === 0) continue;
          const c = uc + dc, r = ur + dr;
          if (c < 0 || r < 0 || c >= columns || r >= rows) continue;
          const v = c + r * columns;
          if (cost[v] === Infinity) continue;
          const next = distance[u] + (dr !== 0 && dc !== 0 ? Math.SQRT2 : 1) * (cost[u] + cost[v]) / 2;
          if (next < distance[v]) {
            if (distance[v] === Infinity) touched.push(v);
            distance[v] = next;
            previous[v] = u;
            queue.push(v, next + heuristic(v));
          }
        }
      }
    }
    return null;
  };

  /** The cell itself, or the nearest one roads may use (a seat whose cell centre falls just outside its township). */
  const nearestOpen = (cell: number): number => {
    const c0 = cell % columns, r0 = Math.floor(cell / columns);
    for (let ring = 0; ring < 20; ring++) {
      for (let r = r0 - ring; r <= r0 + ring; r++) for (let c = c0 - ring; c <= c0 + ring; c++) {
        if (c >= 0 && r >= 0 && c < columns && r < rows && cost[c + r * columns] < Infinity) return c + r * columns;
      }
    }
    return cell;
  };

  // 1. county seats: expressways on a spanning tree (Prim, straight distance), national roads to the two nearest
  const seats = layout.counties.map((county) => {
    const [x, y] = projection.forward(county.seat[0], county.seat[1]);
    return nearestOpen(cellAt(x, y));
  });
  const seatDistance = (a: number, b: number) => Math.hypot((seats[a] % columns) - (seats[b] % columns), Math.floor(seats[a] / columns) - Math.floor(seats[b] / columns));
  const inTree = [0];
  const treePairs: Array<[number, number]> = [];
  while (inTree.length < seats.length) {
    let best: [number, number] | null = null;
    for (const a of inTree) for (let b = 0; b < seats.length; b++) if (!inTree.includes(b) && (!best || seatDistance(a, b) < seatDistance(best[0], best[1]))) best = [a, b];
    treePairs.push(best!);
    inTree.push(best![1]);
  }
  const shortName = (c: number) => layout.counties[c].name.replace(/(彝族|哈尼族|傣族|自治县|县|市|区)+$/u, '').slice(0, 2);
  let nationalNumber = 213;
  const nationalPairs = new Set<string>();
  for (let a = 0; a < seats.length; a++) {
    const nearest = seats.map((_, b) => b).filter((b) => b !== a).sort((p, q) => seatDistance(a, p) - seatDistance(a, q)).slice(0, 2);
    for (const b of nearest) nationalPairs.add(a < b ? `${a}-${b}` : `${b}-${a}`);
  }
  for (const key of [...nationalPairs].sort()) {
    const [a, b] = key.split('-').map(Number);
    const cells = route(seats[a], seats[b]);
    if (cells) add({ cells, highway: 'trunk', properties: { ref: `G${nationalNumber}`, name: `${shortName(a)}${shortName(b)}公路` } });
    nationalNumber += 110;
  }
  treePairs.forEach(([a, b], k) => {
    const cells = route(seats[a], seats[b]);
    if (cells) add({ cells, highway: 'motorway', offLattice: true, properties: { ref: `G${85 + k}`, name: `${shortName(a)}${shortName(b)}高速`, maxspeed: 100 } });
  });

  // 2. urban street grids: every raster row and column through the populated part of an urban street
  const urban = dataset.townships.map((t) => t.properties.urban === true);
  const dense = (i: number) => township[i] >= 0 && urban[township[i]] && people[i] >= 120;
  let oneWayCount = 0;
  for (const horizontal of [true, false]) {
    const lines = horizontal ? rows : columns;
    const length = horizontal ? columns : rows;
    for (let a = 0; a < lines; a++) {
      let run: number[] = [];
      const flush = () => {
        if (run.length >= 3) {
          const footway = a % 9 === 4 && run.length <= 12;
          const oneway = !footway && oneWayCount < 12 && a % 11 === 5 && run.length >= 6;
          if (oneway) oneWayCount++;
          add({ cells: run, highway: footway ? 'footway' : 'residential', properties: oneway ? { oneway: a % 2 === 0 ? 'yes' : '-1' } : {} });
        }
        run = [];
      };
      for (let b = 0; b < length; b++) {
        const i = horizontal ? b + a * columns : a + b * columns;
        if (dense(i)) run.push(i);
        else flush();
      }
      flush();
    }
  }

  // 3. township seats grow a road to the nearest road: towns (镇) a provincial road, the rest a county road
  const layoutTownships = layout.counties.flatMap((county) => county.townships);
  const partition = partitionRegion({ seed, layout, enclaveCount: options.enclaveCount });
  const seatOrder = layoutTownships
    .map((t, k) => ({ t, cell: nearestOpen(cellAt(partition.townshipSeats[k][0] - FALSE_EASTING, partition.townshipSeats[k][1])) }))
    .sort((p, q) => p.t.code.localeCompare(q.t.code));
  let provincial = 101, county = 101;
  for (const { t, cell } of seatOrder) {
    if (roadAt[cell] === 1) continue;
    const cells = route(cell, null);
    if (!cells) continue;
    const town = t.type === '镇';
    add({ cells, highway: town ? 'primary' : 'secondary', properties: town ? { ref: `S${provincial++}` } : { ref: `X${county++}` } });
  }

  // 4. villages and facilities: each populated cell (most people first) and each facility more
  // than 500 m from every road grows a road to the nearest one, up to 15 km long
  const nearRoad = (cell: number, reach: number): boolean => {
    const c0 = cell % columns, r0 = Math.floor(cell / columns);
    for (let r = Math.max(0, r0 - reach); r <= Math.min(rows - 1, r0 + reach); r++) {
      for (let c = Math.max(0, c0 - reach); c <= Math.min(columns - 1, c0 + reach); c++) if (roadAt[c + r * columns] === 1) return true;
    }
    return false;
  };
  const { x: fx, y: fy } = projection.forwardArrays(dataset.facilities.map((f) => f.lon), dataset.facilities.map((f) => f.lat));
  const facilityCells = Array.from(fx, (x, k) => nearestOpen(cellAt(x, fy[k])));
  const populated: number[] = [];
  for (let i = 0; i < count; i++) if (people[i] >= 10 && cost[i] < Infinity) populated.push(i);
  populated.sort((a, b) => people[b] - people[a] || a - b);
  let villageRoads = 0;
  for (const cell of [...facilityCells, ...populated]) {
    if (nearRoad(cell, 2)) continue;
    const cells = route(cell, null);
    if (!cells || cells.length > 60) continue;
    add({ cells, highway: people[cell] >= 150 || random.next() < 0.15 ? 'tertiary' : 'unclassified', properties: {} });
    villageRoads++;
  }

  // 5. every road joins the main network: a part that does not (an urban grid no road reached)
  // grows a road to it
  const roadOfCell = new Int32Array(count).fill(-1);
  const parent = roads.map((_, k) => k);
  const root = (k: number): number => (parent[k] === k ? k : (parent[k] = root(parent[k])));
  roads.forEach((road, k) => {
    road.cells.forEach((cell, m) => {
      if (road.offLattice && m > 0 && m < road.cells.length - 1) return;
      if (roadOfCell[cell] >= 0) parent[root(k)] = root(roadOfCell[cell]);
      else roadOfCell[cell] = k;
    });
  });
  const main = root(roads.findIndex((road) => road.highway === 'trunk'));
  const parts = [...new Set(roads.map((_, k) => root(k)))].filter((r) => r !== main).sort((a, b) => a - b);
  for (const part of parts) {
    if (root(part) === root(main)) continue;
    for (let i = 0; i < count; i++) roadAt[i] = roadOfCell[i] >= 0 && root(roadOfCell[i]) === root(main) ? 1 : 0;
    const cells = route(roads[part].cells[0], null);
    if (!cells) continue;
    add({ cells, highway: 'tertiary', properties: {} });
    parent[root(part)] = root(main);
  }

  // vertices: ends, bends and cells another road also uses (junctions)
  const uses = new Uint16Array(count);
  for (const road of roads) {
    for (let k = 0; k < road.cells.length; k++) if (!road.offLattice || k === 0 || k === road.cells.length - 1) uses[road.cells[k]]++;
  }
  const features: Feature[] = roads.map((road) => {
    const coordinates: number[][] = [];
    const cells = road.cells;
    for (let k = 0; k < cells.length; k++) {
      const i = cells[k];
      const end = k === 0 || k === cells.length - 1;
      if (!end && !road.offLattice) {
        const before = cells[k - 1], after = cells[k + 1];
        if (uses[i] < 2 && i - before === after - i) continue; // straight on, nobody else here
      }
      if (!end && road.offLattice && k % 2 === 1) continue;
      const shift = road.offLattice && !end ? 20 : 0;
      const [lon, lat] = projection.inverse(centreX(i % columns) + shift, centreY(Math.floor(i / columns)) + shift);
      coordinates.push([round6(lon), round6(lat)]);
    }
    return {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates },
      properties: { highway: road.highway, 道路等级: CHINESE_CLASS[road.highway], ...road.properties },
    };
  });
  return {
    type: 'FeatureCollection',
    name: `${layout.cityName} 道路网 / road network`,
    description: `${SYNTHETIC_NOTICE}. 道路为虚构：高速公路、国道、省道、县道、乡道、村道、城市道路（含少量单行道）与步行道，沿 250 m 栅格绕开湖泊和山地生成 / fictional roads grown on a 250 m raster around the lakes and mountains (${villageRoads} village links)`,
    features,
  };
}
