// rasterizeZones against locateZone at every cell centre (the point-in-polygon test it replaces),
// on random star-shaped zones with holes and multi-part zones that overlap, on grids whose centre
// rows and columns pass exactly through vertices, and by hand on a square.
import { describe, expect, it } from 'vitest';
import { PLANE } from '../helpers/plane-projection.ts';
import { createRandom } from '../../scripts/demo/seeded-random.ts';
import { locateZone, projectZones } from '../../src/core/geometry/projected-zones.ts';
import { rasterizeZones, type RegularGrid } from '../../src/core/geometry/rasterize-zones.ts';
import type { AreaGeometry } from '../../src/core/types.ts';

function star(random: ReturnType<typeof createRandom>, cx: number, cy: number, radius: number, points: number, snap: number): number[][] {
  const ring: number[][] = [];
  for (let k = 0; k < points; k++) {
    const angle = (2 * Math.PI * k) / points;
    const r = radius * random.range(0.4, 1);
    // vertices on the grid's centre lines (multiples of `snap` offset by half a cell) for some zones
    const x = cx + r * Math.cos(angle), y = cy + r * Math.sin(angle);
    ring.push(snap > 0 ? [Math.round(x / snap - 0.5) * snap + snap / 2, Math.round(y / snap - 0.5) * snap + snap / 2] : [x, y]);
  }
  ring.push(ring[0]);
  return ring;
}

function everyCentre(geometries: AreaGeometry[], grid: RegularGrid): { raster: Int32Array; located: Int32Array } {
  const zones = projectZones(geometries, PLANE);
  const located = new Int32Array(grid.columns * grid.rows);
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.columns; c++) {
      located[c + r * grid.columns] = locateZone(zones, grid.originX + (c + 0.5) * grid.cellSize, grid.originY + (r + 0.5) * grid.cellSize);
    }
  }
  return { raster: rasterizeZones(zones, grid), located };
}

describe('rasterizeZones', () => {
  it('a 10 × 10 square on a 1 m grid holds exactly the 100 cells whose centres are inside', () => {
    const square: AreaGeometry = { type: 'Polygon', coordinates: [[[2, 3], [12, 3], [12, 13], [2, 13], [2, 3]]] };
    const raster = rasterizeZones(projectZones([square], PLANE), { originX: 0, originY: 0, cellSize: 1, columns: 20, rows: 20 });
    let inside = 0;
    raster.forEach((zone, cell) => {
      const c = cell % 20, r = Math.floor(cell / 20);
      const expected = c >= 2 && c < 12 && r >= 3 && r < 13 ? 0 : -1;
      expect(zone).toBe(expected);
      if (zone === 0) inside++;
    });
    expect(inside).toBe(100);
  });

  it('equals locateZone at every cell centre on random zones with holes, parts and overlaps', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const random = createRandom(seed);
      const cellSize = random.pick([7, 10, 25]);
      const snap = seed % 3 === 0 ? cellSize : 0;
      const geometries: AreaGeometry[] = [];
      for (let z = 0; z < 8; z++) {
        const cx = random.range(100, 900), cy = random.range(100, 900), radius = random.range(60, 250);
        const outer = star(random, cx, cy, radius, random.int(3, 40), snap);
        if (z % 3 === 0) {
          const hole = star(random, cx, cy, radius * 0.3, random.int(3, 12), snap);
          geometries.push({ type: 'Polygon', coordinates: [outer, hole] });
        } else if (z % 3 === 1) {
          const other = star(random, random.range(100, 900), random.range(100, 900), random.range(40, 120), random.int(3, 20), snap);
          geometries.push({ type: 'MultiPolygon', coordinates: [[outer], [other]] });
        } else geometries.push({ type: 'Polygon', coordinates: [outer] });
      }
      const grid = { originX: random.range(-50, 0), originY: random.range(-50, 0), cellSize, columns: Math.ceil(1100 / cellSize), rows: Math.ceil(1000 / cellSize) };
      if (snap > 0) {
        grid.originX = 0;
        grid.originY = 0;
      }
      const { raster, located } = everyCentre(geometries, grid);
      expect(raster).toEqual(located);
      expect(raster.some((z) => z >= 0)).toBe(true);
    }
  });

  it('no zones: every cell −1', () => {
    expect([...rasterizeZones(projectZones([], PLANE), { originX: 0, originY: 0, cellSize: 1, columns: 3, rows: 2 })]).toEqual([-1, -1, -1, -1, -1, -1]);
  });
});
