// The coverage and 2SFCA computations a rule set needs (straight-line reaches; travel times are
// measured over the road network instead), each once: an engine that computes figures outside the
// built-in evaluators — PostGIS (scripts/postgis), county tiles (scripts/lib/tile-by-county.ts) —
// computes these and hands them to the rules' cache (rule-context.ts remember*).
import type { CoverageRequest } from '../coverage/coverage-types.ts';
import type { TwoStepFcaRequest } from '../coverage/compute-two-step-fca.ts';
import type { Rule } from './rule-types.ts';
import { stableKey } from './rule-context.ts';

export function ruleRequests(rules: Rule[]): { coverage: CoverageRequest[]; twoStepFca: TwoStepFcaRequest[] } {
  const coverage = new Map<string, CoverageRequest>();
  const twoStepFca = new Map<string, TwoStepFcaRequest>();
  for (const rule of rules) {
    if (!rule.enabled) continue;
    if ((rule.kind === 'population-within' || rule.kind === 'area-within' || rule.kind === 'points-covered') && rule.reach.kind === 'distance') {
      const request: CoverageRequest = { filter: rule.filter, reach: rule.reach, ...(rule.radiusField ? { radiusField: rule.radiusField } : {}) };
      coverage.set(stableKey(request), request);
    }
    if (rule.kind === 'capacity-per-population' && rule.method === 'two-step-fca' && rule.catchmentMetres !== undefined) {
      const request = { filter: rule.filter, catchmentMetres: rule.catchmentMetres, cohort: rule.cohort };
      twoStepFca.set(stableKey(request), request);
    }
  }
  return { coverage: [...coverage.values()], twoStepFca: [...twoStepFca.values()] };
}
