// Catchment polygons for the map: each selected facility's allocated area (the grid cells that
// reach it first, within the limit) traced with d3-contour on an indicator of its cells over the
// window they occupy, at 0.5 — so two neighbouring catchments share the line midway between their
// cell centres. Labelled with the facility and its catchment figures (computeCatchments).
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CatchmentResult } from './compute-catchments.ts';
import type { TravelTimeResult } from './compute-travel-times.ts';
import type { TravelModeNetwork } from './prepare-travel-network.ts';
import { contourWindow, type GridWindow } from './trace-isochrones.ts';

export interface CatchmentFeature {
  type: 'Feature';
  id: number;
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  properties: { facility: number; name: string; servedPopulation: number; allocatedAreaKm2: number };
}

export function traceCatchments(prepared: PreparedDataset, network: TravelModeNetwork, times: TravelTimeResult, catchments: CatchmentResult, limitMinutes = Infinity): CatchmentFeature[] {
  const grid = network.network.grid;
  const limit = limitMinutes * 60;
  const slot = new Map<number, number>();
  catchments.facilityIndices.forEach((f, k) => slot.set(f, k));
  const count = catchments.facilityIndices.length;
  // the window of each facility's cells
  const minC = new Int32Array(count).fill(2 ** 30), minR = new Int32Array(count).fill(2 ** 30), maxC = new Int32Array(count).fill(-1), maxR = new Int32Array(count).fill(-1);
  const label = new Int32Array(grid.columns * grid.rows).fill(-1);
  for (let g = 0; g < grid.active.length; g++) {
    const f = times.grid.source[g];
    if (f < 0 || !(times.grid.seconds[g] <= limit)) continue;
    const k = slot.get(f)!;
    const cell = grid.active[g];
    label[cell] = k;
    const c = cell % grid.columns, r = (cell - c) / grid.columns;
    if (c < minC[k]) minC[k] = c;
    if (c > maxC[k]) maxC[k] = c;
    if (r < minR[k]) minR[k] = r;
    if (r > maxR[k]) maxR[k] = r;
  }
  const features: CatchmentFeature[] = [];
  for (let k = 0; k < count; k++) {
    if (maxC[k] < 0) continue;
    // one cell of margin so the outline closes inside the window
    const window: GridWindow = { column: minC[k] - 1, row: minR[k] - 1, columns: maxC[k] - minC[k] + 3, rows: maxR[k] - minR[k] + 3 };
    const values = new Float64Array(window.columns * window.rows).fill(1);
    for (let r = 1; r < window.rows - 1; r++) {
      const row = (window.row + r) * grid.columns;
      for (let c = 1; c < window.columns - 1; c++) if (label[row + window.column + c] === k) values[c + r * window.columns] = 0;
    }
    const [outline] = contourWindow(values, window, grid, prepared.projection, [0.5]);
    const f = catchments.facilityIndices[k];
    features.push({
      type: 'Feature',
      id: f,
      geometry: outline.geometry,
      properties: { facility: f, name: prepared.dataset.facilities[f].name ?? '', servedPopulation: catchments.servedPopulation[k], allocatedAreaKm2: catchments.allocatedAreaKm2[k] },
    });
  }
  return features;
}
