// Evaluates a list of plan-target rules against a prepared dataset. Rules with the same filter +
// reach share one coverage computation (RuleContext caches by key); disabled rules are skipped.
// Progress is reported per rule; the signal is checked between rules and inside the engine.

import type { RunOptions } from '../types.ts';
import { throwIfAborted } from '../types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { FacilityFilter } from '../coverage/coverage-types.ts';
import type { Rule, RuleResult } from './rule-types.ts';
import { RuleContext } from './rule-context.ts';
import { notAvailable } from './build-rule-result.ts';
import { translateBoth } from '../i18n/translate.ts';
import { serviceDefinition } from '../analysis/service-catalog.ts';
import { estimatedCohortNote } from '../dataset/estimate-cohorts.ts';
import { evaluateUnitPresence } from './evaluate-unit-presence.ts';
import { evaluateAreaWithin, evaluatePopulationWithin, unsupportedReach } from './evaluate-reach-share.ts';
import { UnsupportedReachError } from '../coverage/compute-coverage.ts';
import { evaluatePointsCovered } from './evaluate-points-covered.ts';
import { evaluateCapacityPerPopulation } from './evaluate-capacity-per-population.ts';
import { evaluateCount } from './evaluate-count.ts';
import { evaluateAttributeShare } from './evaluate-attribute-share.ts';
import { evaluateUnitAttribute } from './evaluate-unit-attribute.ts';

/**
 * One rule. A reach the engine does not support yet (travel time, until the network engine lands)
 * comes back from computeCoverage as UnsupportedReachError and becomes 'not-available'; once the
 * engine computes it, travel-time rules evaluate with no change here.
 */
export function evaluateRule(rule: Rule, context: RuleContext, run?: RunOptions): RuleResult {
  const missing = missingService(rule, context);
  if (missing) return missing;
  try {
    return withEstimateNote(rule, context, evaluateRuleKind(rule, context, run));
  } catch (error) {
    if (error instanceof UnsupportedReachError && (rule.kind === 'population-within' || rule.kind === 'area-within' || rule.kind === 'points-covered')) {
      return unsupportedReach(rule);
    }
    throw error;
  }
}

/** The facility filters a rule counts with. */
function ruleFilters(rule: Rule): FacilityFilter[] {
  if (rule.kind === 'unit-presence') return rule.require.map((requirement) => requirement.filter);
  if (rule.kind === 'unit-attribute') return [];
  return [rule.filter];
}

/**
 * A rule on a service the data has no facility of cannot be judged: "data missing", not a 0 %
 * failure (the planner has not loaded that layer, or has not mapped their type values to it).
 */
function missingService(rule: Rule, context: RuleContext): RuleResult | null {
  const present = context.facilityTypes();
  for (const filter of ruleFilters(rule)) {
    const types = filter.types ?? [];
    if (types.length === 0 || types.some((type) => present.has(type))) continue;
    const names = types.map((type) => serviceDefinition(type).name);
    const service = { zh: names.map((n) => n.zh).join('、'), en: names.map((n) => n.en).join(' / ') };
    return notAvailable(rule, translateBoth('rule.data-missing', { service, type: types.join(', ') }));
  }
  return null;
}

/** A rule over a cohort estimated from an entered share says so in its provenance. */
function withEstimateNote(rule: Rule, context: RuleContext, result: RuleResult): RuleResult {
  const cohort = rule.kind === 'population-within' || rule.kind === 'capacity-per-population' ? rule.cohort : undefined;
  const share = cohort ? context.dataset.population.estimatedShares?.[cohort] : undefined;
  if (cohort === undefined || share === undefined || result.status === 'not-available') return result;
  const note = estimatedCohortNote(cohort, share);
  return { ...result, provenance: { zh: `${result.provenance.zh}${note.zh}。`, en: `${result.provenance.en} ${note.en}.` } };
}

function evaluateRuleKind(rule: Rule, context: RuleContext, run?: RunOptions): RuleResult {
  switch (rule.kind) {
    case 'unit-presence':
      return evaluateUnitPresence(rule, context);
    case 'population-within':
      return evaluatePopulationWithin(rule, context, run);
    case 'area-within':
      return evaluateAreaWithin(rule, context, run);
    case 'points-covered':
      return evaluatePointsCovered(rule, context, run);
    case 'capacity-per-population':
      return evaluateCapacityPerPopulation(rule, context, run);
    case 'count':
      return evaluateCount(rule, context);
    case 'attribute-share':
      return evaluateAttributeShare(rule, context);
    case 'unit-attribute':
      return evaluateUnitAttribute(rule, context);
  }
}

export function evaluateRules(prepared: PreparedDataset, rules: Rule[], run: RunOptions = {}): RuleResult[] {
  const context = new RuleContext(prepared);
  const active = rules.filter((rule) => rule.enabled);
  const results: RuleResult[] = [];
  active.forEach((rule, i) => {
    throwIfAborted(run.signal);
    run.onProgress?.(i / active.length, `rule ${rule.id}`);
    const inner: RunOptions = {
      signal: run.signal,
      onProgress: run.onProgress && ((fraction, stage) => run.onProgress!((i + fraction) / active.length, `rule ${rule.id}: ${stage}`)),
    };
    results.push(evaluateRule(rule, context, inner));
  });
  run.onProgress?.(1, 'rules done');
  return results;
}
