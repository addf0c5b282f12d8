// Turns a partition into polygons: fractal shared borders, then township, county and
// area-of-interest polygons assembled from the same edges, in WGS84 lon/lat rounded to 6 decimals
// (RFC 7946 winding: outer rings counter-clockwise, holes clockwise), plus the projected rings of
// the rounded geometry for rasterising the population grid.
import type { AreaGeometry, PolygonCoordinates } from '../../src/core/types.ts';
import { assembleUnits, ringPoints, type EdgePolygon } from './assemble-units.ts';
import { collectBorderEdges, untangleBorders, type BorderEdge } from './fractal-borders.ts';
import { round6, toGeographic, toProjected } from './gauss-kruger.ts';
import type { Partition } from './partition-region.ts';

export interface RegionGeometry {
  edges: BorderEdge[];
  /** Edges whose fractal detail had to be damped to stop borders crossing. */
  dampedEdgeCount: number;
  townships: AreaGeometry[];
  counties: AreaGeometry[];
  /** Union of the townships in `areaTownships`. */
  area: AreaGeometry | null;
  /** Projected rings (of the rounded lon/lat geometry) per township: outer rings and holes alike. */
  townshipProjectedRings: number[][][][];
}

export interface GeometryOptions {
  seed: number;
  amplitude: number;
  segmentMetres: number;
  /** Township indices forming the area of interest. */
  areaTownships: number[];
}

function toGeometry(polygons: EdgePolygon[], edgePoints: (edge: number) => number[][]): AreaGeometry {
  const coordinates: PolygonCoordinates[] = polygons.map((polygon) => [
    ringPoints(polygon.outer, edgePoints),
    ...polygon.holes.map((hole) => ringPoints(hole, edgePoints)),
  ]);
  return coordinates.length === 1 ? { type: 'Polygon', coordinates: coordinates[0] } : { type: 'MultiPolygon', coordinates };
}

export function buildRegionGeometry(partition: Partition, options: GeometryOptions): RegionGeometry {
  const { atoms, townshipOfAtom, countyOfTownship } = partition;
  const borderOptions = { seed: options.seed, amplitude: options.amplitude, segmentMetres: options.segmentMetres };
  const edges = collectBorderEdges(atoms, townshipOfAtom, borderOptions);
  const dampedEdgeCount = untangleBorders(atoms, edges, borderOptions);
  const lonLat: number[][][] = edges.map((edge) => {
    const out: number[][] = [];
    for (let i = 0; i < edge.points.length; i += 2) {
      const [lon, lat] = toGeographic(edge.points[i], edge.points[i + 1]);
      out.push([round6(lon), round6(lat)]);
    }
    return out;
  });
  const projected: number[][][] = lonLat.map((points) => points.map(([lon, lat]) => toProjected(lon, lat)));
  const townshipCount = countyOfTownship.length;
  const countyCount = Math.max(...countyOfTownship) + 1;
  const townshipPolygons = assembleUnits(edges, (atom) => townshipOfAtom[atom], townshipCount);
  const countyPolygons = assembleUnits(edges, (atom) => (townshipOfAtom[atom] >= 0 ? countyOfTownship[townshipOfAtom[atom]] : -1), countyCount);
  const inArea = new Set(options.areaTownships);
  const areaPolygons = assembleUnits(edges, (atom) => (inArea.has(townshipOfAtom[atom]) ? 0 : -1), 1)[0];
  const byEdge = (edge: number): number[][] => lonLat[edge];
  const byProjectedEdge = (edge: number): number[][] => projected[edge];
  return {
    edges,
    dampedEdgeCount,
    townships: townshipPolygons.map((polygons) => toGeometry(polygons, byEdge)),
    counties: countyPolygons.map((polygons) => toGeometry(polygons, byEdge)),
    area: areaPolygons.length > 0 ? toGeometry(areaPolygons, byEdge) : null,
    townshipProjectedRings: townshipPolygons.map((polygons) =>
      polygons.flatMap((polygon) => [polygon.outer, ...polygon.holes].map((ring) => ringPoints(ring, byProjectedEdge))),
    ),
  };
}
