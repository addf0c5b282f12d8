// The siting part of the analysis worker's registry: propose sites (the solver runs here, with
// progress and cancel), compare a scenario with the baseline, and show a scenario in this worker
// (the facility edits applied to the prepared data, so every later analysis and rule evaluation
// answers for the scenario). analysis.worker.ts spreads this object into its `api`.
import type { AreaGeometry, Facility, Result, RunOptions } from '../src/core/types.ts';
import type { PreparedDataset } from '../src/core/prepare/prepare-dataset.ts';
import type { Rule } from '../src/core/rules/rule-types.ts';
import type { CoverageRequest } from '../src/core/coverage/coverage-types.ts';
import { planSites, type SitingRequest } from '../src/core/siting/plan-sites.ts';
import { projectCandidates, type CandidatePoint } from '../src/core/siting/project-candidates.ts';
import { filterCandidates } from '../src/core/siting/filter-candidates.ts';
import { generateCandidates } from '../src/core/siting/generate-candidates.ts';
import { demandWeights } from '../src/core/siting/demand-weights.ts';
import { reachEngine } from '../src/core/siting/reach-engine.ts';
import { summariseProposal } from '../src/core/siting/summarise-proposal.ts';
import { buildSitingReport, sitesToGeoJson, type SitingReport } from '../src/core/siting/write-siting-report.ts';
import type { FacilityEdit } from '../src/core/siting/apply-facility-edits.ts';
import { editFacilities } from '../src/core/what-if/edit-facilities.ts';
import { compareScenario, type ScenarioComparison } from '../src/core/siting/compare-scenario.ts';
import type { LinearSolver } from '../src/core/siting/highs-models.ts';
import { loadLinearSolver } from '../src/core/siting/load-linear-solver.ts';
import highsWasmUrl from 'highs/runtime?url';
import { importLayer } from '../src/core/import/import-layer.ts';
import { candidatePointsOf, exclusionPolygonsOf } from '../src/core/siting/read-siting-layers.ts';
import type { Outcome, ProgressListener, ReachAnalysisReply, RulesReply, SourceChange, WhatIfReply } from './protocol.ts';
import type { ReachAnalysisRequest } from '../src/core/reach/analyse-reach.ts';
import { facilityMapIds, shareFacilityMapIds } from '../src/core/what-if/facility-map-ids.ts';
import { facilityMapFeature } from '../src/core/dataset/describe-dataset.ts';
import { selectDiscs } from '../src/core/coverage/compute-coverage.ts';
import { buildReachDiscs } from '../src/core/reach/reach-discs.ts';

export interface SitingRunRequest {
  request: SitingRequest;
  /** Generated from the gaps, given points (clicked), or the candidate layer loaded with loadSitingLayer. */
  candidates: { kind: 'generated'; gridMetres: number } | { kind: 'points'; points: CandidatePoint[] } | { kind: 'layer' };
  /** Exclusion zones; default: the exclusion layer loaded with loadSitingLayer (if any). */
  exclusions?: AreaGeometry[];
  rules: Rule[];
  /** Load HiGHS for exact answers and LP bounds on small reduced instances. */
  exact: boolean;
}

export interface SitingReply {
  report: SitingReport;
  sitesGeoJson: string;
  facilities: Facility[];
  candidateCount: number;
}

export interface SitingHost {
  prepared(): PreparedDataset;
  replace(prepared: PreparedDataset): void;
  withRun<T>(requestId: number, onProgress: ProgressListener | undefined, work: (run: RunOptions) => T | Promise<T>): Promise<Outcome<T>>;
  /** `analyse`'s reply on a dataset (analysis.worker.ts). */
  analysisReply(prepared: PreparedDataset, request: ReachAnalysisRequest, run: RunOptions): ReachAnalysisReply;
  /** `evaluateRules`' reply on a dataset. */
  ruleReply(prepared: PreparedDataset, rules: Rule[], run: RunOptions): RulesReply;
  /** A reply with its typed arrays on the transfer list. */
  transferred<T>(value: T): T;
}

/** What the page's map holds, for `editScenario` to send changes from: its facilities layer's version (−1: as loaded) and whether its discs are the analysis on show's. */
export interface MapHolds {
  version: number;
  discs: boolean;
}

/** How many facility-layer versions the worker remembers (a drag's replies the page dropped as stale still resolve). */
const KEPT_VERSIONS = 16;

/** A layer loaded for siting: candidate sites or exclusion zones. */
export type SitingLayerRole = 'candidates' | 'exclusions';

export interface SitingLayerReply {
  /** Candidate points, or exclusion polygons, read from the layer. */
  count: number;
  /** What the map draws (GeoJSON text). */
  geojson: string;
}

let solver: Promise<LinearSolver> | null = null;
/** The layers loaded for siting in this worker (kept until replaced or cleared). */
const layers: { candidates: CandidatePoint[]; exclusions: AreaGeometry[] } = { candidates: [], exclusions: [] };

function candidatesFor(prepared: PreparedDataset, run: SitingRunRequest) {
  const filter = { exclusions: run.exclusions ?? layers.exclusions };
  if (run.candidates.kind === 'points') return filterCandidates(prepared, projectCandidates(prepared, run.candidates.points), filter).candidates;
  if (run.candidates.kind === 'layer') return filterCandidates(prepared, projectCandidates(prepared, layers.candidates), filter).candidates;
  const { request } = run;
  const weights = demandWeights(prepared, { cohort: request.cohort, areaCode: request.areaCode });
  const fixed = reachEngine(prepared).fixedCoverage(request.reach, request.fixed ?? { types: [request.service] });
  return generateCandidates(prepared, {
    cellCovered: fixed?.cells ?? new Uint8Array(prepared.cells.x.length),
    cellWeight: weights.ok ? weights.value : prepared.dataset.population.population,
    gridMetres: run.candidates.gridMetres,
    ...filter,
  }).candidates;
}

export function createSitingApi(host: SitingHost) {
  // The baseline under the scenario on show: a newly loaded dataset becomes the new baseline.
  let baseline: PreparedDataset | null = null;
  let shown: PreparedDataset | null = null;
  let shownEdits: FacilityEdit[] = [];
  const baselineOf = () => {
    const current = host.prepared();
    if (current !== shown || !baseline) baseline = current;
    return baseline;
  };
  /** The facility lists the page may hold, by version, per baseline (a new dataset starts anew). */
  const versionHistory = new WeakMap<PreparedDataset, Map<number, readonly Facility[]>>();
  let lastVersion = 0;
  const versionsOf = (base: PreparedDataset) => {
    let versions = versionHistory.get(base);
    if (!versions) versionHistory.set(base, (versions = new Map()));
    return versions;
  };
  /** Shows `edits` over the baseline in this worker; the dataset on show. */
  const show = (edits: FacilityEdit[]): PreparedDataset => {
    const base = baselineOf();
    // The cached results are carried over, updated where the edits touch them. A scenario that
    // extends the one on show (the next edit of a drag) costs only its new edits.
    const extending = shown !== null && shown !== base && host.prepared() === shown && shownEdits.length <= edits.length && shownEdits.every((edit, i) => JSON.stringify(edit) === JSON.stringify(edits[i]));
    shown = edits.length === 0 ? base : extending ? editFacilities(shown!, edits.slice(shownEdits.length)) : editFacilities(base, edits);
    shareFacilityMapIds(base, shown);
    shownEdits = edits;
    host.replace(shown);
    return shown;
  };
  return {
    /** Proposes sites for one siting problem on the data on show; the answer says its method and gap. */
    siteFacilities(run: SitingRunRequest, requestId: number, onProgress?: ProgressListener): Promise<Outcome<Result<SitingReply>>> {
      return host.withRun(requestId, onProgress, async (options) => {
        const prepared = host.prepared();
        const candidates = candidatesFor(prepared, run);
        const exact = run.exact ? await (solver ??= loadLinearSolver(() => highsWasmUrl)) : undefined;
        const proposal = planSites({ prepared, candidates, rules: run.rules, solver: exact }, run.request, options);
        if (!proposal.ok) return proposal;
        const summary = summariseProposal(prepared, proposal.value, run.rules, undefined, options);
        return {
          ok: true as const,
          value: {
            report: buildSitingReport(prepared.dataset, proposal.value, summary),
            sitesGeoJson: JSON.stringify(sitesToGeoJson(proposal.value, summary)),
            facilities: proposal.value.facilities,
            candidateCount: candidates.x.length,
          },
        };
      });
    },
    /**
     * Reads a candidate layer (points, or parcels as polygons: one candidate at each centroid) or an
     * exclusion layer (polygons) through the importer and keeps it for the next siteFacilities.
     */
    async loadSitingLayer(role: SitingLayerRole, files: { name: string; bytes: ArrayBuffer | Uint8Array }[]): Promise<Result<SitingLayerReply>> {
      const imported = await importLayer(files.map((file) => ({ name: file.name, bytes: file.bytes instanceof Uint8Array ? file.bytes : new Uint8Array(file.bytes) })));
      if (!imported.ok) return imported;
      const { features } = imported.value;
      if (role === 'candidates') {
        const points = candidatePointsOf(features);
        if (points.length === 0) return { ok: false, error: { code: 'no-candidates', message: { zh: '图层中没有点或地块（多边形）可作候选点', en: 'The layer has no points or parcels (polygons) to use as candidates' } } };
        layers.candidates = points;
        const geojson = { type: 'FeatureCollection', features: points.map((p, i) => ({ type: 'Feature', id: i, geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { id: p.id } })) };
        return { ok: true, value: { count: points.length, geojson: JSON.stringify(geojson) } };
      }
      const polygons = exclusionPolygonsOf(features);
      if (polygons.length === 0) return { ok: false, error: { code: 'no-polygons', message: { zh: '图层中没有多边形可作排除区', en: 'The layer has no polygons to use as exclusion zones' } } };
      layers.exclusions = polygons;
      const geojson = { type: 'FeatureCollection', features: polygons.map((geometry, i) => ({ type: 'Feature', id: i, geometry, properties: {} })) };
      return { ok: true, value: { count: polygons.length, geojson: JSON.stringify(geojson) } };
    },
    clearSitingLayer(role: SitingLayerRole): void {
      if (role === 'candidates') layers.candidates = [];
      else layers.exclusions = [];
    },
    /** Every rule and township of a scenario beside the baseline (for the comparison and the difference map). */
    compareScenario(edits: FacilityEdit[], rules: Rule[], request: CoverageRequest, requestId: number, onProgress?: ProgressListener): Promise<Outcome<ScenarioComparison>> {
      return host.withRun(requestId, onProgress, (options) => compareScenario(baselineOf(), edits, rules, request, options));
    },
    /** Shows a scenario in this worker (no edits: the baseline again); the background worker's part of an edit. */
    showScenario(edits: FacilityEdit[]): void {
      show(edits);
    },
    /**
     * Shows a scenario (the interactive worker's part of a what-if edit) and answers it in one round
     * trip: every rule (the dashboard), the analysis of `request` (the reach on show), and the map's
     * changes from what it `holds` — the facilities removed and added, and for a straight-line reach
     * the discs of those facilities only — so the page neither asks again nor redraws every feature.
     */
    editScenario(edits: FacilityEdit[], request: ReachAnalysisRequest, rules: Rule[], holds: MapHolds, requestId: number): Promise<Outcome<WhatIfReply>> {
      return host.withRun(requestId, undefined, (run) => {
        const after = show(edits);
        const ids = facilityMapIds(after);
        const facilities = after.dataset.facilities;
        const versions = versionsOf(baselineOf());
        const from = holds.version < 0 ? baselineOf().dataset.facilities : versions.get(holds.version);
        const change = from ? ids.diff(from, facilities) : null;
        const discsByDiff = change !== null && holds.discs && request.reach.kind === 'distance' && request.discs !== false;
        const reply = {
          rules: host.ruleReply(after, rules, run),
          // A travel time's outline is traced after: the page asks for it once the figures are painted.
          analysis: host.analysisReply(after, discsByDiff || request.reach.kind === 'travel-time' ? { ...request, discs: false } : request, run),
        };
        const facilityChange: SourceChange = change
          ? { kind: 'diff', remove: change.removed, add: change.added.map((f) => facilityMapFeature(facilities[f], ids.idOf(facilities[f]))) }
          : { kind: 'full', json: JSON.stringify({ type: 'FeatureCollection', features: facilities.map((facility) => facilityMapFeature(facility, ids.idOf(facility))) }) };
        let discs: SourceChange | null = null;
        if (discsByDiff) {
          // The discs of the facilities an edit made, built as the analysis builds every disc (a removed or moved facility's disc goes by its id).
          const selection = selectDiscs(after, request);
          const add = change.added.flatMap((f) => {
            const k = selection.selected.indexOf(f);
            if (k < 0) return [];
            const disc = buildReachDiscs(after, Uint32Array.of(f), { x: Float64Array.of(selection.discs.x[k]), y: Float64Array.of(selection.discs.y[k]), r: Float64Array.of(selection.discs.r[k]) }).features[0];
            return [{ ...disc, id: ids.idOf(facilities[f]) }];
          });
          discs = { kind: 'diff', remove: change.removed, add };
        }
        const version = ++lastVersion;
        versions.set(version, facilities);
        for (const old of versions.keys()) if (versions.size > KEPT_VERSIONS) versions.delete(old);
        return host.transferred({ ...reply, version, facilities: facilityChange, discs });
      });
    },
  };
}
