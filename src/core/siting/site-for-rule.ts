// Target-driven siting: the fewest new sites that make one rule of the rule set pass, checked by
// adding them to the data and re-evaluating the rule with the rule engine.
//   unit-presence            each new facility can lift one unit by one facility, so the fewest
//                            sites is the sum of the smallest deficits over the units still needed
//                            (exact, a counting argument); among units with equal deficits those
//                            with the most unserved people (demand not within reach of a matching
//                            facility) come first; each site is the unit's candidate reaching most
//                            unserved demand.
//   population-within,       partial set covering with the rule's facilities, reach, cohort, area
//   points-covered           of interest and target share.
//   capacity-per-population  (ratio method) capacity still needed per failing unit (or the region)
//                            / the capacity of one new site = sites, each at the unit's best
//                            candidate; the last site of a unit gets only the places still needed.
//   count                    shortfall sites at the maximal-covering answer.

import type { Result, RunOptions } from '../types.ts';
import { fail, ok } from '../types.ts';
import type { FacilityFilter } from '../coverage/coverage-types.ts';
import type { Bilingual, CapacityPerPopulationRule, Rule, UnitPresenceRule } from '../rules/rule-types.ts';
import { RuleContext } from '../rules/rule-context.ts';
import { evaluateRule } from '../rules/evaluate-rules.ts';
import { countShortfall, isUpperBound } from '../rules/compare-target.ts';
import { selectFacilities } from '../coverage/select-facilities.ts';
import type { SitingSolution } from './siting-types.ts';
import { demandWeights } from './demand-weights.ts';
import { addFacilities } from './add-facilities.ts';
import { reachUnavailableMessage, reachEngine } from './reach-engine.ts';
import { thinBySpacing } from './filter-candidates.ts';
import { newFacilities, planSites, proposedSites, siteError, type SitingEnvironment, type SitingProposal, type SitingRequest } from './plan-sites.ts';

interface Placement {
  sites: number[];
  specs: { filter: FacilityFilter; capacity?: number }[];
  notes: Bilingual[];
  /** Exact fewest sites (counting argument) or the solver's answer. */
  solution?: SitingSolution;
}

/** Demand not reached by the rule's facilities, per cell, and each candidate's unserved demand in reach. */
function unservedDemand(env: SitingEnvironment, request: SitingRequest, filter: FacilityFilter) {
  const engine = env.engine ?? reachEngine(env.prepared);
  const weights = demandWeights(env.prepared, { cohort: request.cohort, areaCode: request.areaCode });
  if (!weights.ok) return weights;
  const fixed = engine.fixedCoverage(request.reach, filter);
  const reach = engine.candidateReach(request.reach, env.candidates);
  if (!fixed || !reach) return fail<never>({ code: 'reach-unavailable', message: reachUnavailableMessage(request.reach) });
  const cell = Float64Array.from(weights.value, (w, i) => (fixed.cells[i] ? 0 : w));
  const gain = Float64Array.from(env.candidates.x, (_, j) => {
    let sum = 0;
    for (const c of reach.cellsOf(j)) sum += cell[c];
    return sum;
  });
  return ok({ cell, gain, reach });
}

/** The `count` best candidates inside unit u (by gain, spaced apart). */
function bestInUnit(env: SitingEnvironment, unitOf: Int32Array, u: number, gain: Float64Array, count: number, spacing: number, taken: Set<number>): number[] {
  const inside: number[] = [];
  unitOf.forEach((unit, j) => {
    if (unit === u && !taken.has(j)) inside.push(j);
  });
  inside.sort((a, b) => gain[b] - gain[a] || a - b);
  return thinBySpacing(env.candidates, inside, spacing).slice(0, count);
}

function placeForPresence(env: SitingEnvironment, request: SitingRequest, rule: UnitPresenceRule): Result<Placement> {
  const level = rule.level === 'county' ? 'county' : 'township';
  const units = level === 'county' ? env.prepared.dataset.counties : env.prepared.dataset.townships;
  const facilityUnit = level === 'county' ? env.prepared.facilityCounty : env.prepared.facilityTownship;
  const counts = rule.require.map((req) => {
    const perUnit = new Float64Array(units.length);
    for (const f of selectFacilities(env.prepared.dataset, req.filter)) if (facilityUnit[f] >= 0) perUnit[facilityUnit[f]]++;
    return perUnit;
  });
  const passing = units.filter((_, u) => rule.require.every((req, r) => counts[r][u] >= req.minCount)).length;
  const missing = countShortfall(rule.target.op, rule.target.value, units.length, passing);
  const servedBy = rule.require.length === 1 ? rule.require[0].filter : { types: [...new Set(rule.require.flatMap((req) => req.filter.types ?? []))] };
  const unserved = unservedDemand(env, request, servedBy);
  if (!unserved.ok) return unserved;
  const { cell, gain } = unserved.value;
  const cellUnit = level === 'county' ? env.prepared.cellCounty : env.prepared.cellTownship;
  const unservedPeople = new Float64Array(units.length);
  cell.forEach((w, i) => {
    if (cellUnit[i] >= 0) unservedPeople[cellUnit[i]] += w;
  });
  const candidateUnit = level === 'county' ? env.candidates.county : env.candidates.township;
  const hasCandidate = new Uint8Array(units.length);
  candidateUnit.forEach((u) => u >= 0 && (hasCandidate[u] = 1));
  const deficit = (u: number) => rule.require.reduce((sum, req, r) => sum + Math.max(0, req.minCount - counts[r][u]), 0);
  const failing = units.map((_, u) => u).filter((u) => deficit(u) > 0);
  const order = failing.filter((u) => hasCandidate[u]).sort((a, b) => deficit(a) - deficit(b) || unservedPeople[b] - unservedPeople[a] || a - b);
  const notes: Bilingual[] = [];
  const withoutCandidates = failing.length - order.length;
  if (withoutCandidates > 0) notes.push({ zh: `${withoutCandidates} 个未达标单元内没有候选点`, en: `${withoutCandidates} failing units have no candidate inside` });
  const sites: number[] = [];
  const specs: Placement['specs'] = [];
  const taken = new Set<number>();
  let lifted = 0;
  for (const u of order) {
    if (lifted >= missing) break;
    const needs = rule.require.flatMap((req, r) => Array.from({ length: Math.max(0, req.minCount - counts[r][u]) }, () => req.filter));
    const chosen = bestInUnit(env, candidateUnit, u, gain, needs.length, request.spacingMetres ?? 0, taken);
    if (chosen.length < needs.length) continue;
    chosen.forEach((j, n) => {
      taken.add(j);
      sites.push(j);
      specs.push({ filter: needs[n], capacity: request.siteCapacity });
    });
    lifted++;
  }
  if (lifted < missing) notes.push({ zh: `候选点不足：只能使 ${lifted}/${missing} 个单元达标`, en: `not enough candidates: only ${lifted} of ${missing} units can be lifted` });
  return ok({ sites, specs, notes });
}

function siteCapacityFor(env: SitingEnvironment, request: SitingRequest, rule: CapacityPerPopulationRule): number | null {
  if (request.siteCapacity !== undefined && request.siteCapacity > 0) return request.siteCapacity;
  const values = Array.from(selectFacilities(env.prepared.dataset, rule.filter), (f) => env.prepared.dataset.facilities[f].capacity).filter(
    (c): c is number => typeof c === 'number' && c > 0,
  );
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
}

function placeForCapacity(env: SitingEnvironment, request: SitingRequest, rule: CapacityPerPopulationRule): Result<Placement> {
  if (rule.method === 'two-step-fca') return siteError('rule-not-sitable', '两步移动搜索法（2SFCA）规则暂不支持自动选址', 'siting for a two-step floating catchment (2SFCA) rule is not supported');
  if (isUpperBound(rule.target.op)) return siteError('rule-not-sitable', '上限型目标不能靠新增设施达到', 'an upper-bound target cannot be met by adding facilities');
  const capacity = siteCapacityFor(env, request, rule);
  if (capacity === null) return siteError('no-capacity', '请给出每个新设施的容量（--capacity）', 'give the capacity of each new facility (--capacity)');
  const context = new RuleContext(env.prepared);
  const level = rule.level === 'region' ? 'county' : rule.level;
  const population = context.unitPopulation(level, rule.cohort);
  if (!population) return siteError('unknown-cohort', `人口数据中没有年龄组“${rule.cohort}”`, `the population data has no cohort "${rule.cohort}"`);
  const facilityUnit = context.facilityUnit(level);
  const supply = new Float64Array(population.length);
  for (const f of context.selected(rule.filter)) {
    const raw = rule.capacityField ? env.prepared.dataset.facilities[f].properties[rule.capacityField] : env.prepared.dataset.facilities[f].capacity;
    if (facilityUnit[f] >= 0 && Number.isFinite(Number(raw))) supply[facilityUnit[f]] += Number(raw);
  }
  const need = (people: number, have: number) => Math.max(0, Math.ceil((rule.target.value * people) / 1000 - have - 1e-9));
  const unserved = unservedDemand(env, { ...request, cohort: rule.cohort }, rule.filter);
  if (!unserved.ok) return unserved;
  const { gain } = unserved.value;
  const sites: number[] = [];
  const specs: Placement['specs'] = [];
  const notes: Bilingual[] = [];
  const spec = (places: number) => ({ filter: rule.filter, capacity: places });
  if (rule.level === 'region') {
    let total = 0, have = 0;
    population.forEach((p, u) => ((total += p), (have += supply[u])));
    // Capacity outside every county still counts for the region.
    for (const f of context.selected(rule.filter)) if (facilityUnit[f] < 0) have += Number(env.prepared.dataset.facilities[f].capacity ?? 0);
    let short = need(total, have);
    const order = Array.from(env.candidates.x, (_, j) => j).sort((a, b) => gain[b] - gain[a] || a - b);
    for (const j of thinBySpacing(env.candidates, order, request.spacingMetres ?? 0)) {
      if (short <= 0) break;
      sites.push(j);
      specs.push(spec(Math.min(capacity, short)));
      short -= capacity;
    }
    if (short > 0) notes.push({ zh: '候选点不足以补足容量缺口', en: 'not enough candidates to close the capacity gap' });
    return ok({ sites, specs, notes });
  }
  const unitOf = level === 'county' ? env.candidates.county : env.candidates.township;
  const taken = new Set<number>();
  population.forEach((people, u) => {
    let short = people > 0 ? need(people, supply[u]) : 0;
    if (short <= 0) return;
    const chosen = bestInUnit(env, unitOf, u, gain, Math.ceil(short / capacity), request.spacingMetres ?? 0, taken);
    for (const j of chosen) {
      taken.add(j);
      sites.push(j);
      specs.push(spec(Math.min(capacity, short)));
      short -= capacity;
    }
    const name = (level === 'county' ? env.prepared.dataset.counties : env.prepared.dataset.townships)[u].name;
    if (short > 0) notes.push({ zh: `${name}内候选点不足`, en: `not enough candidates inside ${name}` });
  });
  return ok({ sites, specs, notes });
}

const NOT_SITABLE: Bilingual = {
  zh: '该类规则取决于设施属性或单元属性，新增选址不能使其达标',
  en: 'this kind of rule depends on facility or unit attributes: new sites cannot make it pass',
};

export function siteForRule(env: SitingEnvironment, request: SitingRequest, ruleId: string, run: RunOptions = {}): Result<SitingProposal> {
  const rule = env.rules?.find((r) => r.id === ruleId);
  if (!rule) return siteError('unknown-rule', `规则集中没有规则“${ruleId}”`, `the rule set has no rule "${ruleId}"`);
  const before = evaluateRule(rule, new RuleContext(env.prepared), run);
  if (before.status === 'not-available') return fail({ code: 'rule-not-available', message: before.reason ?? { zh: '规则无法评估', en: 'the rule cannot be evaluated' } });
  let placement: Result<Placement>;
  let inner: SitingProposal | null = null;
  if (before.status === 'pass') placement = ok({ sites: [], specs: [], notes: [{ zh: '该规则已达标，无需新址', en: 'the rule already passes: no new site is needed' }] });
  else {
    switch (rule.kind) {
      case 'unit-presence':
        placement = placeForPresence(env, request, rule);
        break;
      case 'capacity-per-population':
        placement = placeForCapacity(env, request, rule);
        break;
      case 'population-within':
      case 'points-covered':
      case 'count': {
        const base: SitingRequest = { ...request, fixed: rule.filter, service: facilityTypeOf(rule, request.service) };
        const problem: SitingRequest =
          rule.kind === 'population-within'
            ? { ...base, reach: rule.reach, radiusField: rule.radiusField, cohort: rule.cohort, areaCode: rule.areaCode, problem: { kind: 'set-cover', sharePercent: rule.target.value } }
            : rule.kind === 'points-covered'
              ? { ...base, reach: rule.reach, radiusField: rule.radiusField, areaCode: rule.areaCode, problem: { kind: 'cover-places', placeKinds: rule.placeKinds, sharePercent: rule.target.value } }
              : { ...base, problem: { kind: 'max-coverage', k: Math.ceil(before.shortfall?.amount ?? 0) } };
        const answer = planSites(env, problem, run);
        if (!answer.ok) return answer;
        inner = answer.value;
        placement = ok({ sites: inner.solution.sites, specs: inner.solution.sites.map(() => ({ filter: rule.filter, capacity: request.siteCapacity })), notes: [], solution: inner.solution });
        break;
      }
      default:
        return fail({ code: 'rule-not-sitable', message: NOT_SITABLE });
    }
  }
  if (!placement.ok) return placement;
  const { sites, specs, notes } = placement.value;
  const reach = inner?.candidateReach ?? (env.engine ?? reachEngine(env.prepared)).candidateReach(request.reach, env.candidates);
  if (!reach) return fail({ code: 'reach-unavailable', message: reachUnavailableMessage(request.reach) });
  const facilities = newFacilities(env, request, sites, specs);
  const after = evaluateRule(rule, new RuleContext(addFacilities(env.prepared, facilities)), run);
  const exact = rule.kind === 'unit-presence' || rule.kind === 'capacity-per-population' || before.status === 'pass';
  const solution: SitingSolution = placement.value.solution
    ? { ...placement.value.solution, notes: [...placement.value.solution.notes, ...notes] }
    : {
        sites,
        objective: sites.length,
        sense: 'min',
        method: 'counting',
        bound: { value: exact && after.status === 'pass' ? sites.length : 0, method: 'counting' },
        gap: exact && after.status === 'pass' ? 0 : sites.length > 0 ? 1 : 0,
        marginal: specs.map((s) => s.capacity ?? 1),
        notes,
      };
  if (rule.kind === 'count' && inner) {
    // The number of sites is fixed by the shortfall (exact); where they go is a maximal-covering answer.
    solution.notes.push({ zh: '新址数量由缺口直接决定（精确）；位置按最大覆盖求解', en: 'the number of sites is the shortfall (exact); their places are a maximal-covering answer' });
  }
  return ok({
    request,
    solution,
    sites: proposedSites(env, solution),
    facilities,
    objectiveLabel: inner?.objectiveLabel ?? { zh: `使规则“${rule.title.zh}”达标所需新址数量`, en: `new sites needed for the rule "${rule.title.en}" to pass` },
    demand: inner?.demand ?? { total: NaN, coveredBefore: NaN, coveredAfter: NaN, unreachable: NaN, kind: 'cells' },
    candidateReach: reach,
    matrixStats: inner?.matrixStats ?? null,
    rule,
    ruleAfter: after,
  });
}

function facilityTypeOf(rule: Rule, fallback: string): string {
  const types = 'filter' in rule ? rule.filter.types : undefined;
  return types && types.length > 0 ? (types.includes(fallback) ? fallback : types[0]) : fallback;
}

