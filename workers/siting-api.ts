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
import { datasetMapLayers } from '../src/core/dataset/describe-dataset.ts';
import { importLayer } from '../src/core/import/import-layer.ts';
import { candidatePointsOf, exclusionPolygonsOf } from '../src/core/siting/read-siting-layers.ts';
import type { Outcome, ProgressListener } from './protocol.ts';

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
}

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
    /** The facilities layer (GeoJSON text) of the data on show, for the map after an edit. */
    facilityLayerText(): string {
      return JSON.stringify(datasetMapLayers(host.prepared().dataset).facilities);
    },
    /** Shows a scenario in this worker (no edits: the baseline again). */
    showScenario(edits: FacilityEdit[]): void {
      const base = baselineOf();
      // The cached results are carried over, updated where the edits touch them. A scenario that
      // extends the one on show (the next edit of a drag) costs only its new edits.
      const extending = shown !== null && shown !== base && host.prepared() === shown && shownEdits.length <= edits.length && shownEdits.every((edit, i) => JSON.stringify(edit) === JSON.stringify(edits[i]));
      shown = edits.length === 0 ? base : extending ? editFacilities(shown!, edits.slice(shownEdits.length)) : editFacilities(base, edits);
      shownEdits = edits;
      host.replace(shown);
    },
  };
}
