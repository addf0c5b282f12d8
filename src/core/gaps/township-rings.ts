// A zone's rings out of the flat ProjectedZones arrays, as flat x, y arrays (outer rings
// counter-clockwise, holes clockwise, as projectZones normalised them; no closing vertex).
import type { ProjectedZones } from '../geometry/projected-zones.ts';

/** First vertex of each zone (zones' vertices are consecutive); entry `count` is the vertex total. */
export function zoneVertexStarts(zones: ProjectedZones): Uint32Array {
  const starts = new Uint32Array(zones.count + 1);
  const total = zones.vertexZone.length;
  let g = 0;
  for (let z = 0; z <= zones.count; z++) {
    while (g < total && zones.vertexZone[g] < z) g++;
    starts[z] = g;
  }
  return starts;
}

/** The rings of zone z, shifted by (−originX, −originY). */
export function zoneRings(zones: ProjectedZones, starts: Uint32Array, z: number, originX = 0, originY = 0): Float64Array[] {
  const rings: Float64Array[] = [];
  const { coords, edgeEnd } = zones;
  let start = starts[z];
  for (let g = start; g < starts[z + 1]; g++) {
    if (edgeEnd[g] === g + 1) continue;
    const ring = new Float64Array(2 * (g + 1 - start));
    for (let v = start; v <= g; v++) {
      ring[2 * (v - start)] = coords[2 * v] - originX;
      ring[2 * (v - start) + 1] = coords[2 * v + 1] - originY;
    }
    rings.push(ring);
    start = g + 1;
  }
  return rings;
}
