// What-if edits give the same coverage and rule results as preparing the edited data from scratch.
import { describe, expect, it } from 'vitest';
import { prepareDataset } from '../../src/core/prepare/prepare-dataset.ts';
import { computeCoverage } from '../../src/core/coverage/compute-coverage.ts';
import { evaluateRules } from '../../src/core/rules/evaluate-rules.ts';
import { DEFAULT_RULE_SET } from '../../src/core/rules/default-rules.ts';
import { applyFacilityEdits, editedFacilities, type FacilityEdit } from '../../src/core/siting/apply-facility-edits.ts';
import { facility } from '../helpers/make-dataset.ts';
import { sitingRegion, SOUTH, WEST } from './siting-region.ts';

describe('applyFacilityEdits', () => {
  it('matches a full re-preparation after add, move and remove', () => {
    const dataset = sitingRegion();
    const prepared = prepareDataset(dataset);
    const edits: FacilityEdit[] = [
      { kind: 'add', facility: facility('X1', WEST + 0.03, SOUTH + 0.03, 'elder-daycare', 20) },
      { kind: 'move', id: 'D1', lon: WEST + 0.025, lat: SOUTH + 0.012 },
      { kind: 'remove', id: 'N1' },
      { kind: 'add', facility: facility('X2', WEST + 0.005, SOUTH + 0.035, 'elder-regional-centre', 10, { comprehensive: true }) },
      { kind: 'remove', id: 'X2' },
    ];
    const edited = applyFacilityEdits(prepared, edits);
    const fresh = prepareDataset({ ...dataset, facilities: editedFacilities(dataset.facilities, edits) });
    expect(edited.dataset.facilities.map((f) => f.id)).toEqual(['D1', 'R1', 'B1', 'X1']);
    expect(Array.from(edited.facilityTownship)).toEqual(Array.from(fresh.facilityTownship));
    for (let i = 0; i < 4; i++) expect(edited.facilities.x[i]).toBeCloseTo(fresh.facilities.x[i], 6);
    const request = { filter: { types: ['elder-daycare'] }, reach: { kind: 'distance' as const, metres: 500 } };
    expect(Array.from(computeCoverage(edited, request).cellCovered)).toEqual(Array.from(computeCoverage(fresh, request).cellCovered));
    const strip = (results: ReturnType<typeof evaluateRules>) => results.map((r) => [r.ruleId, r.status, r.value]);
    expect(strip(evaluateRules(edited, DEFAULT_RULE_SET.rules))).toEqual(strip(evaluateRules(fresh, DEFAULT_RULE_SET.rules)));
    // The original is untouched.
    expect(prepared.dataset.facilities.map((f) => f.id)).toEqual(['D1', 'R1', 'N1', 'B1']);
  });
});
