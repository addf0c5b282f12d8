// What the app does for a travel-time reach beyond the analysis itself: after each analysis is
// painted it counts and draws the unreachable people, redraws the catchments when they are on and
// the clicked facility's isochrones; a facility clicked on the map gets its 5/10/15 minute
// isochrones (one bounded search in the worker); the decay option goes into the reach; edited
// speed tables go to both workers (which keep the road graph and re-search), then the analysis
// and the rules run again. After the first paint the worker builds the walking network in idle
// time, so the first switch to a travel time does not pay for it.
import type { Reach } from '../../core/coverage/coverage-types.ts';
import type { Result } from '../../core/types.ts';
import { parseTravelMode, type TravelMode } from '../../core/network/travel-modes.ts';
import type { AnalysisView } from '../analysis/analysis-view.ts';
import type { AppContext } from '../controllers/app-context.ts';
import type { DatasetController } from '../controllers/dataset-controller.ts';
import { t } from '../i18n/app-language.ts';
import { formatNumber } from '../i18n/format-number.ts';
import { formatMetricValue } from '../panels/format-metric.ts';
import { CellCanvas } from '../map/cell-canvas.ts';
import type { TravelTimeLayers } from '../map/travel-time-layers.ts';
import type { SpeedEdit } from '../panels/speed-table-editor.ts';
import type { TravelTimePanel } from '../panels/travel-time-panel.ts';

type TravelReach = Extract<Reach, { kind: 'travel-time' }>;

/** The bands drawn for a clicked facility. */
const FACILITY_BANDS = [5, 10, 15];

/** What the travel-time layers show (window.__gapmap.travel in test builds). */
export interface TravelTimeReport {
  seq: number;
  unreachablePeople: number;
  unreachableCells: number;
  catchments: number | null;
  facility: number | null;
  facilityBands: { minutes: number; areaKm2: number }[];
}

export interface TravelTimeHooks {
  /** The analysis panel's reach changed (the decay option). */
  setReach(reach: Reach): void;
  /** Runs the analysis and the rules again (after the speeds changed). */
  reanalyse(): Promise<void>;
}

export class TravelTimeController {
  private catchmentsOn = false;
  private facility: number | null = null;
  private warmed: object | null = null;
  private readonly unreachableCells = new CellCanvas([120, 40, 160]);
  private unreachableShown = false;
  /** The last analysis the panel and layers answer for. */
  private view: AnalysisView | null = null;
  private hovered: Record<string, unknown> | null = null;
  private readonly shown: TravelTimeReport = { seq: 0, unreachablePeople: 0, unreachableCells: 0, catchments: null, facility: null, facilityBands: [] };

  constructor(
    private readonly context: AppContext,
    private readonly dataset: DatasetController,
    private readonly panel: TravelTimePanel,
    private readonly layers: TravelTimeLayers,
    private readonly hooks: TravelTimeHooks,
  ) {}

  private travelReach(): TravelReach | null {
    const reach = this.context.state.session.analysis.reach;
    return reach.kind === 'travel-time' ? reach : null;
  }

  /** After an analysis was painted: the panel, the unreachable cells, the catchments and the clicked facility follow it. */
  async painted(): Promise<void> {
    const view = this.context.state.analysis;
    if (!view || view === this.view) return;
    this.view = view;
    const reach = view.analysis.request.reach;
    const travel = view.analysis.travel;
    this.warmUp();
    if (reach.kind !== 'travel-time' || !travel) {
      this.panel.setVisible(false, false);
      this.layers.setCatchments(null, '');
      this.layers.setFacilityIsochrones(null, '');
      this.hideUnreachable();
      return;
    }
    this.panel.setVisible(true, reach.decay === 'gaussian');
    await this.paintUnreachable(view);
    if (this.catchmentsOn) await this.showCatchments(view);
    if (this.facility !== null) await this.showFacility(this.facility);
  }

  /**
   * Another dataset replaced the one these layers were drawn from: the clicked facility (an index
   * into the old facilities) and its isochrones, the catchments and the unreachable cells go; the
   * catchments come back for the new data after its analysis if they are switched on.
   */
  datasetReplaced(): void {
    this.view = null;
    this.facility = null;
    this.layers.setFacilityIsochrones(null, '');
    this.panel.showFacility(null);
    this.layers.setCatchments(null, '');
    this.panel.showCatchments(null);
    this.hideUnreachable();
    void this.report({ facility: null, facilityBands: [], catchments: null });
  }

  /** The walking network built in the worker while the planner looks at the first map (once per dataset). */
  private warmUp(): void {
    const dataset = this.context.state.dataset;
    if (!dataset || this.warmed === dataset) return;
    this.warmed = dataset;
    void this.context.interactive.latest('travel-warm-up', (api, id) => api.prepareTravelMode('walk', id)).catch(() => undefined);
    void this.context.interactive
      .call((api) => api.roadSpeeds())
      .then((speeds) => this.panel.speeds.show(speeds))
      .catch(() => undefined);
  }

  private async paintUnreachable(view: AnalysisView): Promise<void> {
    const travel = view.analysis.travel!;
    const cells = await this.dataset.populationCells();
    const minutes = travel.nearestTime.cellMinutes;
    const indices: number[] = [];
    for (let i = 0; i < minutes.length; i++) if (minutes[i] === Infinity && cells.population[i] > 0 && cells.township[i] >= 0) indices.push(i);
    const people = travel.nearestTime.region.unreachablePopulation[0];
    this.panel.showUnreachable({ people, cells: indices.length, maxSnapMetres: travel.access.maxSnapMetres });
    void this.report({ unreachablePeople: people, unreachableCells: indices.length });
    // Kept between analyses: a what-if edit or another reach redraws only the cells that changed.
    const shown = indices.length > 0 ? this.unreachableCells.show(cells, 2 * (this.context.state.dataset?.summary.cellSizeMetres ?? 250), indices) : null;
    if (!shown) return this.hideUnreachable();
    if (!shown.changed && this.unreachableShown) return;
    this.layers.setUnreachableCells(this.unreachableCells.canvas, shown.frame.coordinates);
    this.unreachableShown = true;
  }

  private hideUnreachable(): void {
    this.layers.setUnreachableCells(null, null);
    this.unreachableShown = false;
  }

  /** Tells the browser tests (window.__gapmap.travel) what the travel-time layers show, once the map is idle. */
  private async report(change: Partial<TravelTimeReport>): Promise<void> {
    await this.context.views.map.whenIdle();
    Object.assign(this.shown, change);
    this.shown.seq++;
    this.context.ready.expose({ travel: { ...this.shown } });
  }

  setCatchments(on: boolean): void {
    this.catchmentsOn = on;
    const view = this.context.state.analysis;
    if (on && view) void this.showCatchments(view);
    else {
      this.layers.setCatchments(null, '');
      this.panel.showCatchments(null);
      void this.report({ catchments: null });
    }
  }

  private async showCatchments(view: AnalysisView): Promise<void> {
    const request = view.analysis.request;
    if (request.reach.kind !== 'travel-time') return;
    const reach = request.reach;
    try {
      const outcome = await this.context.interactive.latest('travel-catchments', (api, id) => api.catchments(request.filter, reach, id));
      if (outcome.cancelled || this.context.state.analysis !== view || !this.catchmentsOn) return;
      this.layers.setCatchments(outcome.value.geojson, `${view.service}|${JSON.stringify(reach)}|${this.context.state.dataset?.generation}`);
      this.panel.showCatchments(outcome.value.count);
      void this.report({ catchments: outcome.value.count });
    } catch (error) {
      this.context.fail(error);
    }
  }

  /** A facility clicked on the map: its isochrones at the reach's mode. */
  async showFacility(index: number): Promise<void> {
    const reach = this.travelReach();
    if (!reach) return;
    this.facility = index;
    try {
      const outcome = await this.context.interactive.latest('travel-facility', (api, id) => api.facilityIsochrones(reach, index, FACILITY_BANDS, id));
      if (outcome.cancelled || this.facility !== index) return;
      const reply = outcome.value;
      if (!reply) return;
      this.layers.setFacilityIsochrones(reply.geojson, `${index}|${reach.mode}|${this.context.state.dataset?.generation}`);
      const mode: TravelMode = parseTravelMode(reach.mode) ?? 'walk';
      this.panel.showFacility({ name: reply.name, mode, bands: reply.bands });
      void this.report({ facility: index, facilityBands: reply.bands });
    } catch (error) {
      this.context.fail(error);
    }
  }

  clearFacility(): void {
    this.facility = null;
    this.layers.setFacilityIsochrones(null, '');
    this.panel.showFacility(null);
    void this.report({ facility: null, facilityBands: [] });
  }

  setDecay(on: boolean): void {
    const reach = this.travelReach();
    if (!reach) return;
    const { decay: _previous, ...rest } = reach;
    this.hooks.setReach(on ? { ...rest, decay: 'gaussian' } : rest);
  }

  /** Edited speeds (null: the defaults) to both workers, then everything that depends on them again. */
  async setSpeeds(speeds: SpeedEdit | null): Promise<void> {
    const { interactive, background } = this.context;
    try {
      const answers = await Promise.all([interactive.call<Result<true>>((api) => api.setRoadSpeeds(speeds)), background.call<Result<true>>((api) => api.setRoadSpeeds(speeds))]);
      for (const answer of answers) {
        if (!answer.ok) {
          this.panel.showStatus(null, answer.error.message[this.context.state.session.language]);
          return;
        }
      }
      this.context.state.session.roadSpeeds = speeds;
      this.context.save();
      this.view = null;
      this.panel.speeds.show(await interactive.call((api) => api.roadSpeeds()));
      await this.hooks.reanalyse();
      this.panel.showStatus('travel.speeds-applied');
    } catch (error) {
      this.context.fail(error);
    }
  }

  /** The catchment under the pointer (null: none), shown in the township tooltip. */
  hoverCatchment(properties: Record<string, unknown> | null): void {
    this.hovered = properties;
  }

  /** The tooltip's travel-time lines for a township: its nearest travel times, and the catchment under the pointer. */
  tooltipLines(index: number): string[] {
    const view = this.context.state.analysis;
    if (!view || view.analysis.request.reach.kind !== 'travel-time') return [];
    const lines = [
      t('travel.tooltip-time', {
        median: formatMetricValue('minutes', view.townships['nearest-time-median'][index]),
        p90: formatMetricValue('minutes', view.townships['nearest-time-p90'][index]),
      }),
    ];
    const hovered = this.catchmentsOn ? this.hovered : null;
    if (hovered) {
      lines.push(
        t('travel.catchment-tooltip', {
          name: String(hovered.name ?? ''),
          people: formatNumber(Number(hovered.servedPopulation)),
          area: formatNumber(Number(hovered.allocatedAreaKm2), 2),
        }),
      );
    }
    return lines;
  }
}
