// What-if edits that keep the analysis fast: `applyFacilityEdits` (core/siting) gives the edited
// prepared dataset without preparing it again (only the facility arrays change; zones, cells and
// indexes are shared), and this carries the cached nearest distances over to it, edit by edit:
// a filter that selects none of the edited facilities keeps its result (moving a hospital leaves
// the nurseries' distances as they were); one that selects it gets an update that asks the index
// again only for the cells that were nearest to it, and selects the quantiles again in linear
// time. Used by the worker for every scenario on show; `npm run bench:what-if` measures it.
import type { Facility } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import { matchesFilter } from '../coverage/select-facilities.ts';
import { updateNearestDistance } from '../coverage/compute-nearest-distance.ts';
import { carryNearestDistances } from '../reach/analyse-reach.ts';
import { applyFacilityEdits, type FacilityEdit } from '../siting/apply-facility-edits.ts';

export type { FacilityEdit };

/** The one facility with this id and its position in the prepared plane, or null (none, or several). */
function located(prepared: PreparedDataset, id: string): { facility: Facility; at: [number, number] } | null {
  let found = -1;
  for (let i = 0; i < prepared.dataset.facilities.length; i++) {
    if (prepared.dataset.facilities[i].id !== id) continue;
    if (found >= 0) return null;
    found = i;
  }
  return found < 0 ? null : { facility: prepared.dataset.facilities[found], at: [prepared.facilities.x[found], prepared.facilities.y[found]] };
}

/** `applyFacilityEdits`, one edit at a time, carrying the cached nearest distances over. */
export function editFacilities(prepared: PreparedDataset, edits: readonly FacilityEdit[]): PreparedDataset {
  let current = prepared;
  for (const edit of edits) {
    const next = applyFacilityEdits(current, [edit]);
    const before = edit.kind === 'add' ? null : located(current, edit.id);
    const after = edit.kind === 'add' ? located(next, edit.facility.id) : edit.kind === 'move' ? located(next, edit.id) : null;
    // An id that names several facilities (or, for an add, one already present): carry nothing the edit may touch.
    const ambiguous = (edit.kind !== 'add' && !before) || (edit.kind !== 'remove' && !after);
    carryNearestDistances(current, next, (entry) => {
      const { filter } = entry;
      const touches = (facility: Facility | undefined) => facility !== undefined && matchesFilter(facility.type, facility.properties, filter);
      if (ambiguous) return touches(edit.kind === 'add' ? edit.facility : current.dataset.facilities.find((f) => f.id === edit.id)) ? null : entry;
      const removed = before && touches(before.facility) ? before.at : undefined;
      const added = after && touches(after.facility) ? after.at : undefined;
      if (!removed && !added) return entry;
      return { filter, nearest: updateNearestDistance(next, filter, entry.nearest, { removed, added }) };
    });
    current = next;
  }
  return current;
}
