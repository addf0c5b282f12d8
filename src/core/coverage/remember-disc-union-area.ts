// Covered areas computed elsewhere, handed to the coverage: the CLI's second thread computes the
// townships' disc-union areas (discUnionAreaByZone, the same function on the same zones, discs and
// centre zones) while this thread projects and locates the population cells, and the coverage
// then takes them instead of computing them again. Remembered per zones object (a WeakMap, as
// rules/rule-context.ts remembers coverages), and given back only for discs and centre zones equal
// to those it was computed from, value for value.
import type { ProjectedZones } from '../geometry/projected-zones.ts';
import type { Discs } from './disc-union-area.ts';

interface RememberedArea {
  discs: Discs;
  centreZone: Int32Array | undefined;
  area: Float64Array;
}

const remembered = new WeakMap<ProjectedZones, RememberedArea>();

function sameValues(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** `area`: discUnionAreaByZone(zones, discs, {}, centreZone), computed in another thread. */
export function rememberDiscUnionArea(zones: ProjectedZones, discs: Discs, centreZone: Int32Array | undefined, area: Float64Array): void {
  if (area.length !== zones.count) throw new RangeError(`${area.length} areas for ${zones.count} zones`);
  remembered.set(zones, { discs, centreZone, area });
}

/** The area remembered for these zones, discs and centre zones, or null (then compute it). */
export function rememberedDiscUnionArea(zones: ProjectedZones, discs: Discs, centreZone: Int32Array | undefined): Float64Array | null {
  const known = remembered.get(zones);
  if (!known || !sameValues(known.centreZone, centreZone)) return null;
  if (!sameValues(known.discs.x, discs.x) || !sameValues(known.discs.y, discs.y) || !sameValues(known.discs.r, discs.r)) return null;
  return known.area;
}
