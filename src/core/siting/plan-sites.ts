// One entry point for every siting question: builds the demand and the coverage structure from the
// prepared dataset and a reach engine, runs the solver the problem asks for, and returns the
// proposal — sites, new facilities, the answer with its bound and method — as a value. Bad input
// (unknown cohort, travel time without a network, no candidates) comes back as an error value.

import type { Facility, Result, RunOptions } from '../types.ts';
import { fail, ok } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { FacilityFilter, Reach } from '../coverage/coverage-types.ts';
import type { Bilingual, Rule, RuleResult } from '../rules/rule-types.ts';
import type { CandidateReach, CandidateSet, CoverageMatrix, SitingSolution } from './siting-types.ts';
import { demandWeights } from './demand-weights.ts';
import { buildCoverageMatrix } from './build-coverage-matrix.ts';
import { spacingConflicts } from './spacing-conflicts.ts';
import { solveMclp } from './solve-mclp.ts';
import { solveSetCover } from './solve-set-cover.ts';
import { solveCapacitatedCoverage } from './solve-capacitated-coverage.ts';
import { buildMedianMatrix, solvePMedian } from './solve-p-median.ts';
import { reachUnavailableMessage, reachEngine, type ReachEngine } from './reach-engine.ts';
import type { LinearSolver } from './highs-models.ts';
import type { ExactLimits } from './exact-limits.ts';
import { facilityMatching } from './add-facilities.ts';
import { siteForRule } from './site-for-rule.ts';

export type SitingProblem =
  | { kind: 'max-coverage'; k: number }
  | { kind: 'capacitated'; k: number; capacity: number }
  | { kind: 'set-cover'; sharePercent: number }
  | { kind: 'cover-places'; placeKinds: string[]; sharePercent?: number }
  /**
   * `cap` is in the reach's own unit — metres for a distance, minutes for a travel time: a cell's
   * cost (distance or time to its nearest facility) counts at most `cap`, and a candidate serves a
   * cell only within it (p-median's costs are measured by the same reach, out to the cap).
   */
  | { kind: 'p-median'; k: number; cap: number }
  | { kind: 'rule'; ruleId: string };

export interface SitingRequest {
  /** Facility type of the new sites. */
  service: string;
  /** Existing facilities that stay where they are and already cover demand; default: every `service` facility. */
  fixed?: FacilityFilter;
  reach: Reach;
  /** Per-facility radius of the fixed facilities from this property (e.g. audible_radius_m). */
  radiusField?: string;
  cohort?: string;
  areaCode?: string;
  /** Minimum distance between new sites (metres). */
  spacingMetres?: number;
  /** Capacity of each new facility (places, beds) — capacity rules and the capacitated problem use it. */
  siteCapacity?: number;
  problem: SitingProblem;
}

export interface SitingEnvironment {
  prepared: PreparedDataset;
  candidates: CandidateSet;
  /** Rules the 'rule' problem looks its rule up in. */
  rules?: Rule[];
  /** Covering sets; default straight line. */
  engine?: ReachEngine;
  solver?: LinearSolver;
  limits?: Partial<ExactLimits>;
}

export interface ProposedSite {
  candidate: number;
  id: string;
  lon: number;
  lat: number;
  township: number;
  county: number;
  /** Objective lost if this site alone were left out of the answer. */
  marginal: number;
}

export interface SitingProposal {
  request: SitingRequest;
  solution: SitingSolution;
  sites: ProposedSite[];
  /** The new facilities to add to the dataset (ids 'new-1', …). */
  facilities: Facility[];
  /** What the objective counts, e.g. people aged 60+ newly within 1,000 m. */
  objectiveLabel: Bilingual;
  /** Demand weight: total, already covered before, newly covered by the answer, out of every candidate's reach. */
  demand: { total: number; coveredBefore: number; coveredAfter: number; unreachable: number; kind: 'cells' | 'places' };
  /** Reach of the new sites (and cells they reach), for the per-site report. */
  candidateReach: CandidateReach;
  matrixStats: CoverageMatrix['stats'] | null;
  /** p-median: population-weighted distance (capped) before and after, metres × weight. */
  weightedDistance?: { before: number; after: number };
  /** The rule a 'rule' problem targets, and its result once the new facilities are added. */
  rule?: Rule;
  ruleAfter?: RuleResult;
}

export const siteError = (code: string, zh: string, en: string) => fail<never>({ code, message: { zh, en } });

export function newFacilities(env: SitingEnvironment, request: SitingRequest, sites: number[], specs?: { filter?: FacilityFilter; capacity?: number }[]): Facility[] {
  const { candidates } = env;
  return sites.map((j, n) => {
    const spec = specs?.[n];
    const { type, properties } = facilityMatching(spec?.filter ?? { types: [request.service] }, request.service);
    const capacity = spec?.capacity ?? request.siteCapacity;
    const id = `new-${n + 1}`;
    return {
      id,
      type,
      name: `新址 ${n + 1} / New site ${n + 1}`,
      lon: candidates.lon[j],
      lat: candidates.lat[j],
      ...(capacity !== undefined ? { capacity } : {}),
      properties: { ...properties, id, type, proposed: true, candidate_id: candidates.ids[j], ...(capacity !== undefined ? { capacity } : {}) },
    };
  });
}

export function describeObjective(request: SitingRequest, places: boolean): Bilingual {
  const who = places ? { zh: '目标地点', en: 'target places' } : request.cohort ? { zh: `人口（${request.cohort}）`, en: `people (${request.cohort})` } : { zh: '人口', en: 'people' };
  const reach = request.reach.kind === 'distance' ? { zh: `${request.reach.metres} 米内`, en: `within ${request.reach.metres} m` } : { zh: `${request.reach.minutes} 分钟内`, en: `within ${request.reach.minutes} min` };
  switch (request.problem.kind) {
    case 'p-median':
      return request.reach.kind === 'distance'
        ? { zh: `${who.zh}加权到最近设施距离之和（封顶 ${request.problem.cap} 米）`, en: `${who.en}-weighted distance to the nearest facility (capped at ${request.problem.cap} m)` }
        : { zh: `${who.zh}加权到最近设施出行时间之和（分钟，封顶 ${request.problem.cap} 分钟）`, en: `${who.en}-weighted travel time to the nearest facility (minutes, capped at ${request.problem.cap} min)` };
    case 'set-cover':
    case 'cover-places':
      return { zh: `新址数量（使${who.zh}${reach.zh}达到要求）`, en: `number of new sites (to bring ${who.en} ${reach.en} to the requirement)` };
    case 'capacitated':
      return { zh: `新址服务的${who.zh}（每址容量 ${request.problem.capacity}）`, en: `${who.en} served by the new sites (capacity ${request.problem.capacity} each)` };
    default:
      return { zh: `新增覆盖的${who.zh}（${reach.zh}）`, en: `${who.en} newly ${reach.en}` };
  }
}

export function planSites(env: SitingEnvironment, request: SitingRequest, run: RunOptions = {}): Result<SitingProposal> {
  if (env.candidates.x.length === 0) return siteError('no-candidates', '没有可用的候选点', 'there are no usable candidate sites');
  if (request.problem.kind === 'rule') return siteForRule(env, request, request.problem.ruleId, run);
  const engine = env.engine ?? reachEngine(env.prepared);
  const fixedFilter = request.fixed ?? { types: [request.service] };
  const reach = engine.candidateReach(request.reach, env.candidates);
  if (!reach) return fail({ code: 'reach-unavailable', message: reachUnavailableMessage(request.reach) });
  if (request.problem.kind === 'p-median') return solveMedianProblem(env, request, engine, reach, fixedFilter, request.problem, run);
  const fixed = engine.fixedCoverage(request.reach, fixedFilter, request.radiusField);
  if (!fixed) return fail({ code: 'reach-unavailable', message: reachUnavailableMessage(request.reach) });
  const places = request.problem.kind === 'cover-places';
  let weight: Float64Array;
  if (request.problem.kind === 'cover-places') {
    const kinds = new Set(request.problem.placeKinds);
    const area = request.areaCode === undefined ? -1 : env.prepared.dataset.areas.findIndex((a) => a.code === request.areaCode);
    weight = Float64Array.from(env.prepared.dataset.places, (p, i) => (kinds.has(p.kind) && (area < 0 || env.prepared.placeArea[i] === area) ? 1 : 0));
    if (!weight.some((w) => w > 0)) return siteError('no-places', `没有类型为 ${[...kinds].join(' / ')} 的目标地点`, `there are no target places of kind ${[...kinds].join(' / ')}`);
  } else {
    const weights = demandWeights(env.prepared, { cohort: request.cohort, areaCode: request.areaCode });
    if (!weights.ok) return weights;
    weight = weights.value;
  }
  const demandReach: CandidateReach = places ? { label: reach.label, cellsOf: (j) => reach.placesOf?.(j) ?? new Uint32Array(0) } : reach;
  const spacing = request.spacingMetres ?? 0;
  const capacitated = request.problem.kind === 'capacitated';
  const matrix = buildCoverageMatrix(
    { candidateCount: env.candidates.x.length, reach: demandReach, cellWeight: weight, cellCovered: places ? fixed.places : fixed.cells, dropDominated: spacing <= 0 && !capacitated },
    { signal: run.signal, onProgress: run.onProgress && ((f, s) => run.onProgress!(0.4 * f, s)) },
  );
  const conflicts = spacingConflicts(env.candidates, matrix.columnCandidate, spacing);
  const solverRun = { signal: run.signal, onProgress: run.onProgress && ((f: number, s: string) => run.onProgress!(0.4 + 0.6 * f, s)) };
  const common = { conflicts, solver: env.solver, limits: env.limits, ...solverRun };
  let solution: SitingSolution;
  let newlyCovered: number;
  switch (request.problem.kind) {
    case 'max-coverage':
      solution = solveMclp(matrix, { k: request.problem.k, ...common });
      newlyCovered = solution.objective;
      break;
    case 'capacitated':
      solution = solveCapacitatedCoverage(matrix, { k: request.problem.k, capacity: request.problem.capacity, solver: env.solver, limits: env.limits, ...solverRun });
      newlyCovered = coveredBy(matrix, solution.sites);
      break;
    case 'set-cover':
    case 'cover-places': {
      const share = request.problem.sharePercent ?? 100;
      const required = Math.max(0, (share / 100) * matrix.totalWeight - matrix.coveredWeight);
      const answer = solveSetCover(matrix, { required: Math.min(required, matrix.totalWeight - matrix.coveredWeight - matrix.unreachableWeight), ...common });
      if (required > matrix.totalWeight - matrix.coveredWeight - matrix.unreachableWeight + 1e-9) {
        answer.notes.push({
          zh: `要求的 ${share}% 无法达到：${Math.round(matrix.unreachableWeight)} 不在任何候选点可达范围内；已给出覆盖全部可达需求的方案`,
          en: `the required ${share}% cannot be reached: ${Math.round(matrix.unreachableWeight)} lie beyond every candidate's reach; the answer covers all reachable demand`,
        });
      }
      solution = answer;
      newlyCovered = answer.covered;
      break;
    }
  }
  return ok({
    request,
    solution,
    sites: proposedSites(env, solution),
    facilities: newFacilities(env, request, solution.sites),
    objectiveLabel: describeObjective(request, places),
    demand: { total: matrix.totalWeight, coveredBefore: matrix.coveredWeight, coveredAfter: matrix.coveredWeight + newlyCovered, unreachable: matrix.unreachableWeight, kind: places ? 'places' : 'cells' },
    candidateReach: reach,
    matrixStats: matrix.stats,
  });
}

/** Weight of the rows the given candidates cover. */
function coveredBy(matrix: CoverageMatrix, sites: number[]): number {
  const column = new Map(Array.from(matrix.columnCandidate, (j, c) => [j, c]));
  const hit = new Uint8Array(matrix.rowWeight.length);
  let sum = 0;
  for (const j of sites) {
    const c = column.get(j);
    if (c === undefined) continue;
    for (let m = matrix.columnStart[c]; m < matrix.columnStart[c + 1]; m++) {
      const r = matrix.columnRows[m];
      if (!hit[r]) (hit[r] = 1), (sum += matrix.rowWeight[r]);
    }
  }
  return sum;
}

export function proposedSites(env: SitingEnvironment, solution: SitingSolution): ProposedSite[] {
  const { candidates } = env;
  return solution.sites.map((j, n) => ({
    candidate: j,
    id: candidates.ids[j],
    lon: candidates.lon[j],
    lat: candidates.lat[j],
    township: candidates.township[j],
    county: candidates.county[j],
    marginal: solution.marginal[n] ?? NaN,
  }));
}

function solveMedianProblem(
  env: SitingEnvironment,
  request: SitingRequest,
  engine: ReachEngine,
  reach: CandidateReach,
  fixedFilter: FacilityFilter,
  problem: { k: number; cap: number },
  run: RunOptions,
): Result<SitingProposal> {
  const weights = demandWeights(env.prepared, { cohort: request.cohort, areaCode: request.areaCode });
  if (!weights.ok) return weights;
  const base = engine.nearestCost(request.reach, fixedFilter);
  if (!base || !reach.costsOf) return fail({ code: 'reach-unavailable', message: reachUnavailableMessage(request.reach) });
  // Costs come from the reach, so the reach must extend to the cap: the same reach with the cap as its radius (metres) or limit (minutes).
  const capReach: Reach = request.reach.kind === 'distance' ? { kind: 'distance', metres: problem.cap } : { ...request.reach, minutes: problem.cap };
  const costReach = engine.candidateReach(capReach, env.candidates) ?? reach;
  const matrix = buildMedianMatrix(costReach, env.candidates.x.length, weights.value, base, problem.cap);
  const solution = solvePMedian(matrix, { k: problem.k, solver: env.solver, limits: env.limits, ...run });
  let total = 0;
  weights.value.forEach((w) => (total += w));
  return ok({
    request,
    solution,
    sites: proposedSites(env, solution),
    facilities: newFacilities(env, request, solution.sites),
    objectiveLabel: describeObjective(request, false),
    demand: { total, coveredBefore: NaN, coveredAfter: NaN, unreachable: 0, kind: 'cells' },
    weightedDistance: { before: solution.baseCost, after: solution.objective },
    candidateReach: reach,
    matrixStats: null,
  });
}
