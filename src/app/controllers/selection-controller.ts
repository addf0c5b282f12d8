// The selection: a plan target (its failing townships and places highlighted on the map and
// filtered in the table) and a township (outlined, with its detail panel: every service's figures
// from the background worker).
import { failingSelection } from '../analysis/rule-selection.ts';
import { ServiceFiguresCache } from '../analysis/service-figures.ts';
import { currentLanguage } from '../i18n/app-language.ts';
import type { Reach } from '../../core/coverage/coverage-types.ts';
import type { Rule, RuleResult } from '../../core/rules/rule-types.ts';
import { emptyBoundingBox, extendBoundingBox, finiteBoundingBox } from '../../core/geometry/bounding-box.ts';
import type { AppContext } from './app-context.ts';
import type { AnalysisController } from './analysis-controller.ts';
import type { DatasetController } from './dataset-controller.ts';

export class SelectionController {
  private readonly figures: ServiceFiguresCache;

  constructor(
    private readonly context: AppContext,
    private readonly dataset: DatasetController,
    private readonly analysis: AnalysisController,
  ) {
    this.figures = new ServiceFiguresCache(context.background);
  }

  /**
   * The dataset changed: cached figures describe the old one, and the selected township's index
   * points into the old townships (its detail closes; the session keeps its code, so
   * `restoreTownship` selects it again if the new data has it).
   */
  reset(): void {
    const { state, views } = this.context;
    this.figures.reset();
    state.selection.township = -1;
    views.table.setSelected(-1);
    views.detail.close();
  }

  /**
   * A plan target chosen on the dashboard: its failing townships and places are highlighted; when
   * chosen afresh (`show`), the map switches to the target's own service and reach and zooms to them.
   */
  selectRule(ruleId: string | null, show = true): void {
    const { state, views, ready } = this.context;
    state.selection.rule = ruleId;
    views.dashboard.setSelected(ruleId);
    const result = state.rules.find((candidate) => candidate.ruleId === ruleId);
    const summary = state.dataset?.summary;
    if (!result || !summary) {
      views.map.setHighlight([], []);
      views.table.setRuleFilter(null);
      ready.highlighted([], []);
      return;
    }
    const selection = failingSelection(summary, result);
    views.map.setHighlight(selection.townships, selection.places);
    const layers = state.session.layers;
    if (selection.places.length && !layers.places.visible) {
      layers.places.visible = true;
      views.map.setGroupVisibility('places', true);
      views.layerList.update(layers, state.session.basemapUrl !== '');
    }
    views.table.setRuleFilter({ label: result.title[currentLanguage()], townships: new Set(selection.townships) });
    if (show) {
      const rule = state.session.rules.find((candidate) => candidate.id === ruleId);
      const target = rule ? ruleServiceAndReach(rule) : null;
      if (target && summary.facilityTypes.some((type) => type.type === target.service)) this.analysis.update(target.reach ? { service: target.service, reach: target.reach } : { service: target.service });
      const bbox = failingExtent(result, selection.townships.map((t) => summary.townships[t].bbox));
      if (bbox) views.map.flyToBBox(bbox);
    }
    void views.map.whenIdle().then(() => ready.highlighted(selection.townships, selection.places));
  }

  /** Re-applies the selected rule (after new results or a language switch). */
  refreshRule(): void {
    if (this.context.state.selection.rule) this.selectRule(this.context.state.selection.rule, false);
  }

  selectTownship(index: number, fly: boolean): void {
    const { state, views } = this.context;
    const summary = state.dataset?.summary;
    state.selection.township = index;
    views.map.setSelectedTownship(index);
    views.table.setSelected(index);
    state.session.selectedTownship = index >= 0 && summary ? summary.townships[index].code : null;
    this.context.save();
    if (index < 0 || !summary) {
      views.detail.close();
      return;
    }
    if (fly) views.map.flyToBBox(summary.townships[index].bbox);
    void this.renderDetail(index);
  }

  /** Selects the township the session remembers, if the dataset still has it. */
  restoreTownship(): void {
    const code = this.context.state.session.selectedTownship;
    const index = code ? (this.context.state.dataset?.summary.townships.findIndex((township) => township.code === code) ?? -1) : -1;
    if (index >= 0) this.selectTownship(index, false);
  }

  /** Re-renders an open detail (after a new analysis, new rule results or a language switch). */
  refreshDetail(): void {
    const index = this.context.views.detail.openIndex;
    if (index >= 0) void this.renderDetail(index);
  }

  private async renderDetail(index: number): Promise<void> {
    const { state, views } = this.context;
    const summary = state.dataset?.summary;
    if (!summary) return;
    const township = summary.townships[index];
    const population = state.analysis?.townships.population[index] ?? NaN;
    const failed = state.rules.filter((result) => failingSelection(summary, result).townships.includes(index));
    views.detail.render(index, township, population, null, failed);
    if (!(await this.dataset.backgroundReady())) return;
    const services = await this.figures.forTownship(summary, index, (type) => this.analysis.reachFor(type));
    if (state.selection.township === index && services) views.detail.render(index, township, population, services, failed);
  }
}

/** The service a rule is about (its first facility type) and its straight-line reach, if it has one. */
export function ruleServiceAndReach(rule: Rule): { service: string; reach?: Reach } | null {
  const filter = rule.kind === 'unit-presence' ? rule.require[0]?.filter : rule.kind === 'unit-attribute' ? undefined : rule.filter;
  const service = filter?.types?.[0];
  if (!service) return null;
  if ((rule.kind === 'population-within' || rule.kind === 'area-within' || rule.kind === 'points-covered') && rule.reach.kind === 'distance') return { service, reach: rule.reach };
  if (rule.kind === 'capacity-per-population' && rule.catchmentMetres) return { service, reach: { kind: 'distance', metres: rule.catchmentMetres } };
  return { service };
}

/** The extent of a rule's failing townships and places, to zoom to. */
function failingExtent(result: RuleResult, townshipBoxes: [number, number, number, number][]): [number, number, number, number] | null {
  const box = emptyBoundingBox();
  for (const [west, south, east, north] of townshipBoxes) extendBoundingBox(box, [[west, south], [east, north]]);
  for (const item of result.failing) {
    const { lon, lat } = item.figures;
    if (item.kind === 'place' && typeof lon === 'number' && typeof lat === 'number') extendBoundingBox(box, [lon, lat]);
  }
  return finiteBoundingBox(box) ?? null;
}
