// Map feature ids of facilities that stay the same across what-if edits, so that an edit changes the
// map by a diff (MapLibre's GeoJSONSource.updateData: the features removed and added) instead of
// sending every facility and every reach disc again. A facility of the loaded dataset keeps its index
// there as its id (the facilities layer and the discs are drawn with those ids); a facility an edit
// makes (added, or moved: a new object) gets the next unused id. Facilities are told apart by
// object: applyFacilityEdits keeps every unchanged facility's object.
import type { Facility } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';

class FacilityMapIds {
  private readonly ids = new WeakMap<Facility, number>();
  private next: number;

  constructor(baseline: readonly Facility[]) {
    baseline.forEach((facility, index) => this.ids.set(facility, index));
    this.next = baseline.length;
  }

  idOf(facility: Facility): number {
    let id = this.ids.get(facility);
    if (id === undefined) this.ids.set(facility, (id = this.next++));
    return id;
  }

  /** What turns `before` into `after`: the ids of the facilities gone, and the indices (in `after`) of those new. */
  diff(before: readonly Facility[], after: readonly Facility[]): { removed: number[]; added: number[] } {
    const kept = new Set(after);
    const had = new Set(before);
    const removed = before.filter((facility) => !kept.has(facility)).map((facility) => this.idOf(facility));
    const added: number[] = [];
    after.forEach((facility, index) => {
      if (!had.has(facility)) added.push(index);
    });
    return { removed, added };
  }
}

const byDataset = new WeakMap<PreparedDataset, FacilityMapIds>();

/** The map ids of a loaded dataset's facilities (its own indices), or of the scenario `prepared` shows (shared with its baseline). */
export function facilityMapIds(prepared: PreparedDataset): FacilityMapIds {
  let ids = byDataset.get(prepared);
  if (!ids) byDataset.set(prepared, (ids = new FacilityMapIds(prepared.dataset.facilities)));
  return ids;
}

/** `scenario` (the baseline edited) draws its facilities with the baseline's ids. */
export function shareFacilityMapIds(baseline: PreparedDataset, scenario: PreparedDataset): void {
  byDataset.set(scenario, facilityMapIds(baseline));
}
