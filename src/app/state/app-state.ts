// The app's one state object: what the planner chose (the session, saved) and what the workers
// answered (dataset summary, the painted analysis, rule results), plus the current selection.
// Controllers (src/app/controllers) read and write it; panels only render what they are given.
import type { RuleResult } from '../../core/rules/rule-types.ts';
import type { FailedRulesByUnit } from '../../core/analysis/compute-metric-table.ts';
import type { DatasetSummary } from '../../../workers/protocol.ts';
import type { AnalysisView } from '../analysis/analysis-view.ts';
import type { SessionState } from '../session/session-state.ts';
import type { Facility } from '../../core/types.ts';
import type { SitingReport } from '../../core/siting/write-siting-report.ts';

/**
 * The siting panel's proposal on show: `report.sites` lists each site (id, lon, lat, township,
 * county, marginal gain, capacity, the townships whose unserved people it reaches), with the
 * objective, its bound and gap and every rule before/after; `facilities` are the new facilities as
 * the data model holds them; `sitesGeoJson` is what the map draws (and `npm run site` writes).
 */
export interface ProposalOnShow {
  report: SitingReport;
  facilities: Facility[];
  sitesGeoJson: string;
}

export interface AppState {
  session: SessionState;
  /** The dataset the workers hold; `generation` counts loads (part of every map content key). */
  dataset: { summary: DatasetSummary; generation: number } | null;
  /** The analysis on screen (null before the first, or after the dataset changed). */
  analysis: AnalysisView | null;
  rules: RuleResult[];
  /** The rules each township, county and the region fails (from the same results; the metric table shows them). */
  failedRules: FailedRulesByUnit | null;
  selection: { rule: string | null; township: number };
  /** The siting proposal on show (null before a solve); the siting controller sets it, exports read it. */
  proposal: ProposalOnShow | null;
}

export function createAppState(session: SessionState): AppState {
  return { session, dataset: null, analysis: null, rules: [], failedRules: null, selection: { rule: null, township: -1 }, proposal: null };
}
