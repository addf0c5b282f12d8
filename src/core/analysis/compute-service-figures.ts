// The engine's figures for one service at one reach: coverage (the per-facility radius field of the
// service honoured), population-weighted nearest distance and, when the service's served group is
// in the population layer and its facilities carry a capacity, 2SFCA over that group. Shared with
// the rules through RuleContext's cache, so a rule on the same service and reach reuses them.
import type { RunOptions } from '../types.ts';
import type { CoverageRequest, CoverageResult, NearestDistanceResult, Reach, TwoStepFcaResult } from '../coverage/coverage-types.ts';
import type { PreparedDataset } from '../prepare/prepare-dataset.ts';
import type { Bilingual } from '../rules/rule-types.ts';
import { RuleContext } from '../rules/rule-context.ts';
import { translateBoth } from '../i18n/translate.ts';
import { servedGroupName, serviceCoverageRequest, type ServiceDefinition } from './service-catalog.ts';
import { travelTimeFigures, type TravelTimeFigures } from '../network/travel-time-figures.ts';

export interface ServiceFigures {
  request: CoverageRequest;
  coverage: CoverageResult;
  nearest: NearestDistanceResult;
  /** Null when not computed; `twoStepUnavailable` then says why. */
  twoStepFca: TwoStepFcaResult | null;
  /** Why figures over the served group are missing (no cohort field, no capacity); null when they are there. */
  servedGroupUnavailable: Bilingual | null;
  capacityUnavailable: Bilingual | null;
  /** A travel-time reach: minutes to the nearest facility (the table shows them in place of metres). */
  travel: TravelTimeFigures | null;
}

/** Why the served group cannot be used, or null: "the population layer has no field for children aged 0–3 (age0_3)". */
export function servedGroupProblem(prepared: PreparedDataset, service: ServiceDefinition): Bilingual | null {
  const cohort = service.servedGroup;
  if (!cohort || prepared.cohortNames.includes(cohort)) return null;
  return translateBoth('metric-table.cohort-missing', { group: servedGroupName(cohort), field: cohort });
}

/** The engine's results for a service completed with what is missing and why (the app's worker computes them in one call). */
export function serviceFiguresOf(
  prepared: PreparedDataset,
  service: ServiceDefinition,
  parts: Pick<ServiceFigures, 'request' | 'coverage' | 'nearest' | 'twoStepFca'> & { travel?: TravelTimeFigures | null },
): ServiceFigures {
  const hasCapacity = Array.from(parts.coverage.facilityIndices).some((f) => (prepared.dataset.facilities[f].capacity ?? 0) > 0);
  return {
    ...parts,
    servedGroupUnavailable: servedGroupProblem(prepared, service),
    capacityUnavailable: hasCapacity ? null : translateBoth('metric-table.no-capacity', { service: service.name }),
    travel: parts.travel ?? null,
  };
}

/** `reach`: metres (a straight line), or a travel time over the dataset's roads. */
export function computeServiceFigures(prepared: PreparedDataset, service: ServiceDefinition, reach: number | Reach, run: RunOptions = {}): ServiceFigures {
  const context = new RuleContext(prepared);
  const request = serviceRequest(service, reach);
  const stage = (from: number, to: number): RunOptions => ({
    signal: run.signal,
    onProgress: run.onProgress && ((f, label) => run.onProgress!(from + (to - from) * f, label)),
  });
  const coverage = context.coverage(request, stage(0, 0.6));
  const nearest = context.nearest(request.filter, stage(0.6, 0.85));
  const figures = serviceFiguresOf(prepared, service, { request, coverage, nearest, twoStepFca: null });
  const withTwoStep = !figures.capacityUnavailable && !figures.servedGroupUnavailable;
  if (request.reach.kind === 'travel-time') {
    const travel = travelTimeFigures(prepared, request.filter, request.reach, withTwoStep, service.servedGroup, stage(0.85, 1));
    run.onProgress?.(1, 'service done');
    return { ...figures, twoStepFca: travel.twoStepFca, travel };
  }
  const twoStepFca = withTwoStep ? context.twoStepFca(request.filter, request.reach.metres, service.servedGroup, stage(0.85, 1)) : null;
  run.onProgress?.(1, 'service done');
  return { ...figures, twoStepFca };
}

/** The coverage request of a service at a reach: a travel time takes no per-facility radius field. */
export function serviceRequest(service: ServiceDefinition, reach: number | Reach): CoverageRequest {
  if (typeof reach === 'number') return serviceCoverageRequest(service, reach);
  if (reach.kind === 'distance') return serviceCoverageRequest(service, reach.metres);
  return { filter: serviceCoverageRequest(service, 0).filter, reach };
}
