// A scenario beside the baseline: every rule and every township before and after, for the
// side-by-side table and the difference map. Both sides come from the same engines on the same
// prepared data; the scenario side is the baseline with its facility edits applied.

import type { RunOptions } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { CoverageRequest } from '../coverage/coverage-types.ts';
import { computeCoverage } from '../coverage/compute-coverage.ts';
import type { Rule } from '../rules/rule-types.ts';
import { evaluateRules } from '../rules/evaluate-rules.ts';
import { applyFacilityEdits, type FacilityEdit } from './apply-facility-edits.ts';
import { ruleChanges, type RuleChange } from './summarise-proposal.ts';

export interface ScenarioComparison {
  rules: RuleChange[];
  /** Per township: population within reach of the service before / after, and the population. */
  townshipPopulation: Float64Array;
  coveredBefore: Float64Array;
  coveredAfter: Float64Array;
  /** Region: population within reach before / after. */
  region: { population: number; before: number; after: number };
}

export function compareScenario(base: PreparedDataset, edits: FacilityEdit[], rules: Rule[], request: CoverageRequest, run: RunOptions = {}): ScenarioComparison {
  const edited = applyFacilityEdits(base, edits);
  const before = computeCoverage(base, request, run);
  const after = computeCoverage(edited, request, run);
  return {
    rules: ruleChanges(evaluateRules(base, rules, run), evaluateRules(edited, rules, run)),
    townshipPopulation: before.townships.population,
    coveredBefore: before.townships.coveredPopulation,
    coveredAfter: after.townships.coveredPopulation,
    region: { population: before.region.population[0], before: before.region.coveredPopulation[0], after: after.region.coveredPopulation[0] },
  };
}
