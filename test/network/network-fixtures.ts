// Small road networks laid out in projected metres (the dataset's own local transverse Mercator),
// so shortest paths can be worked out by hand: every fixture converts its metres to lon/lat with
// the same projection the engine will use.
import { createProjectionForExtent, type LocalProjection } from '../../src/core/geodesy/local-projection.ts';
import { prepareDataset, type PreparedDataset } from '../../src/core/prepare/prepare-dataset.ts';
import type { Dataset } from '../../src/core/types.ts';
import { ROAD_CLASS_IDS, type RoadClassId } from '../../src/core/network/road-classes.ts';
import { createRoadLinesBuilder, FORBID_FOOT, type RoadLines } from '../../src/core/network/road-lines.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';
import { facility, makeDataset, populationCells, township } from '../helpers/make-dataset.ts';

/** The fixtures' region: a square township of ±0.1° around (102.5°E, 24.3°N), about ±10 km. */
const EXTENT: [number, number, number, number] = [102.4, 24.2, 102.6, 24.4];
export const projection: LocalProjection = createProjectionForExtent(...EXTENT);

export interface RoadSpec {
  points: Array<[number, number]>;
  roadClass?: RoadClassId;
  oneway?: -1 | 0 | 1;
  forbidden?: number;
  maxspeed?: number;
}

export function toLonLat(x: number, y: number): [number, number] {
  return projection.inverse(x, y);
}

export function roadLines(roads: RoadSpec[]): RoadLines {
  const builder = createRoadLinesBuilder();
  for (const road of roads) {
    const flat: number[] = [];
    for (const [x, y] of road.points) flat.push(...toLonLat(x, y));
    builder.add(flat, { roadClass: ROAD_CLASS_IDS.indexOf(road.roadClass ?? 'urban'), maxspeed: road.maxspeed ?? 0, oneway: road.oneway ?? 0, forbidden: road.forbidden ?? 0 });
  }
  return builder.finish();
}

export interface PointSpec {
  x: number;
  y: number;
}

/** A prepared dataset with one township covering EXTENT, facilities and people at metre positions. */
export function preparedAt(facilities: Array<PointSpec & { capacity?: number; type?: string }>, cells: Array<PointSpec & { population?: number }>, places: PointSpec[] = [], roads?: RoadSpec[]): PreparedDataset {
  const [west, south, east, north] = EXTENT;
  const dataset: Dataset = makeDataset({
    townships: [township('T1', { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] })],
    facilities: facilities.map((f, k) => facility(`F${k}`, ...toLonLat(f.x, f.y), f.type ?? 'clinic', f.capacity)),
    population: populationCells(cells.map((c) => [...toLonLat(c.x, c.y), c.population ?? 1] as [number, number, number])),
    places: places.map((p, k) => ({ id: `P${k}`, kind: 'village', name: `P${k}`, lon: toLonLat(p.x, p.y)[0], lat: toLonLat(p.x, p.y)[1], properties: {} })),
    ...(roads ? { roads: { name: 'test roads', lines: roadLines(roads) } } : {}),
  });
  const prepared = prepareDataset(dataset);
  if (prepared.projection.proj4Definition !== projection.proj4Definition || prepared.projection.originNorthing !== projection.originNorthing) {
    throw new Error('fixture projection differs from the prepared one');
  }
  return prepared;
}

/** Seeded random numbers in [0, 1) (the demo generator's mulberry32). */
export function seeded(seed: number): () => number {
  return createRandom(seed).next;
}

const CLASSES = ['motorway', 'trunk', 'village', 'urban', 'footway', 'cycleway'] as const;

/** A random road network: each of nodeCount random points joined to its 3 nearest by a bent line of a random class, some one-way, some capped, some closed to walkers. */
export function randomRoads(seed: number, nodeCount: number, size: number): RoadSpec[] {
  const random = seeded(seed);
  const points = Array.from({ length: nodeCount }, () => [random() * size, random() * size] as [number, number]);
  const roads: RoadSpec[] = [];
  const seen = new Set<string>();
  points.forEach((p, i) => {
    const nearest = points
      .map((q, j) => ({ j, d: Math.hypot(q[0] - p[0], q[1] - p[1]) }))
      .filter((o) => o.j !== i)
      .sort((a, b) => a.d - b.d)
      .slice(0, 3);
    for (const { j } of nearest) {
      const key = i < j ? `${i}-${j}` : `${j}-${i}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const q = points[j];
      // a bent line: a middle vertex pushed sideways
      const bend = (random() - 0.5) * 0.4;
      const mid: [number, number] = [(p[0] + q[0]) / 2 - bend * (q[1] - p[1]), (p[1] + q[1]) / 2 + bend * (q[0] - p[0])];
      const r = random();
      roads.push({
        points: [p, mid, q],
        roadClass: CLASSES[Math.floor(random() * CLASSES.length)],
        oneway: r < 0.1 ? 1 : r < 0.15 ? -1 : 0,
        maxspeed: random() < 0.2 ? 30 : 0,
        forbidden: random() < 0.05 ? FORBID_FOOT : 0,
      });
    }
  });
  return roads;
}

