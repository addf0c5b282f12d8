// What a proposal changes: the demand covered before and after (region and every township), every
// rule's status and value before and after (which targets the proposal makes pass), and per site its
// marginal gain and the townships whose unserved people it reaches. The "after" side is the
// dataset with the new facilities added and re-evaluated by the same coverage and rule engines.

import type { RunOptions } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { Bilingual, Rule, RuleResult, RuleStatus } from '../rules/rule-types.ts';
import { evaluateRules } from '../rules/evaluate-rules.ts';
import { METHOD_LABELS } from './siting-types.ts';
import { demandWeights } from './demand-weights.ts';
import { addFacilities } from './add-facilities.ts';
import { reachEngine, type ReachEngine } from './reach-engine.ts';
import type { SitingProposal } from './plan-sites.ts';

export interface RuleChange {
  ruleId: string;
  title: Bilingual;
  before: { status: RuleStatus; value: number | null };
  after: { status: RuleStatus; value: number | null };
  /** The proposal makes the rule pass (it failed before). */
  nowPasses: boolean;
  changed: boolean;
}

export interface TownshipChange {
  code: string;
  name: string;
  /** Demand (people or the cohort) in the township, within reach before and after. */
  demand: number;
  before: number;
  after: number;
}

export interface SiteReport {
  id: string;
  lon: number;
  lat: number;
  township: string | null;
  county: string | null;
  marginal: number;
  capacity: number | null;
  /** Townships whose people (not reached before) this site reaches, most first. */
  serves: { code: string; name: string; people: number }[];
}

export interface SitingSummary {
  objective: { value: number; label: Bilingual; method: Bilingual; bound: number; boundMethod: Bilingual; gap: number; sense: 'max' | 'min' };
  coverage: { total: number; before: number; after: number };
  weightedDistance?: { before: number; after: number };
  rules: RuleChange[];
  townships: TownshipChange[];
  sites: SiteReport[];
  notes: Bilingual[];
  matrix: SitingProposal['matrixStats'];
}

export function ruleChanges(before: RuleResult[], after: RuleResult[]): RuleChange[] {
  const afterById = new Map(after.map((r) => [r.ruleId, r]));
  return before.map((b) => {
    const a = afterById.get(b.ruleId) ?? b;
    return {
      ruleId: b.ruleId,
      title: b.title,
      before: { status: b.status, value: b.value },
      after: { status: a.status, value: a.value },
      nowPasses: b.status !== 'pass' && a.status === 'pass',
      changed: b.status !== a.status || Math.abs((b.value ?? 0) - (a.value ?? 0)) > 1e-9,
    };
  });
}

export function summariseProposal(prepared: PreparedDataset, proposal: SitingProposal, rules: Rule[], engine: ReachEngine = reachEngine(prepared), run: RunOptions = {}): SitingSummary {
  const { request, solution } = proposal;
  const after = addFacilities(prepared, proposal.facilities);
  const rulesBefore = evaluateRules(prepared, rules, run);
  const rulesAfter = evaluateRules(after, rules, run);
  const { dataset } = prepared;
  const weights = demandWeights(prepared, { cohort: request.cohort, areaCode: request.areaCode });
  const weight = weights.ok ? weights.value : new Float64Array(prepared.cells.x.length);
  const fixed = engine.fixedCoverage(request.reach, request.fixed ?? { types: [request.service] }, request.radiusField);
  const coveredBefore = fixed?.cells ?? new Uint8Array(weight.length);
  const coveredAfter = Uint8Array.from(coveredBefore);
  const sites: SiteReport[] = proposal.sites.map((site, n) => {
    const perTownship = new Map<number, number>();
    for (const c of proposal.candidateReach.cellsOf(site.candidate)) {
      coveredAfter[c] = 1;
      const t = prepared.cellTownship[c];
      if (!coveredBefore[c] && weight[c] > 0 && t >= 0) perTownship.set(t, (perTownship.get(t) ?? 0) + weight[c]);
    }
    return {
      id: proposal.facilities[n].id,
      lon: site.lon,
      lat: site.lat,
      township: site.township >= 0 ? dataset.townships[site.township].name : null,
      county: site.county >= 0 ? dataset.counties[site.county].name : null,
      marginal: site.marginal,
      capacity: proposal.facilities[n].capacity ?? null,
      serves: [...perTownship]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .map(([t, people]) => ({ code: dataset.townships[t].code, name: dataset.townships[t].name, people })),
    };
  });
  const townships: TownshipChange[] = dataset.townships.map((t) => ({ code: t.code, name: t.name, demand: 0, before: 0, after: 0 }));
  let total = 0, before = 0, afterSum = 0;
  weight.forEach((w, c) => {
    if (!(w > 0)) return;
    total += w;
    if (coveredBefore[c]) before += w;
    if (coveredAfter[c]) afterSum += w;
    const t = prepared.cellTownship[c];
    if (t < 0) return;
    townships[t].demand += w;
    if (coveredBefore[c]) townships[t].before += w;
    if (coveredAfter[c]) townships[t].after += w;
  });
  return {
    objective: {
      value: solution.objective,
      label: proposal.objectiveLabel,
      method: METHOD_LABELS[solution.method],
      bound: solution.bound.value,
      boundMethod: METHOD_LABELS[solution.bound.method],
      gap: solution.gap,
      sense: solution.sense,
    },
    coverage: { total, before, after: afterSum },
    ...(proposal.weightedDistance ? { weightedDistance: proposal.weightedDistance } : {}),
    rules: ruleChanges(rulesBefore, rulesAfter),
    townships,
    sites,
    notes: solution.notes,
    matrix: proposal.matrixStats,
  };
}
