// What every controller works with: the one state object, the panels it renders to, the two
// workers, the ready signal, and the app-wide save and error paths. Built once by app.ts.
import type { AnalysisClient } from '../analysis/analysis-client.ts';
import type { MapView } from '../map/map-view.ts';
import type { AnalysisPanel } from '../panels/analysis-panel.ts';
import type { LayerList } from '../panels/layer-list.ts';
import type { DataLayers } from '../panels/data-layers.ts';
import type { Legend } from '../panels/legend.ts';
import type { PlanDashboard } from '../panels/plan-dashboard.ts';
import type { ProgressIndicator } from '../panels/progress-indicator.ts';
import type { StatusBanner } from '../panels/status-banner.ts';
import type { TownshipDetail } from '../panels/township-detail.ts';
import type { TownshipTable } from '../panels/township-table.ts';
import type { ReadySignal } from '../ready-signal.ts';
import type { AppState } from '../state/app-state.ts';

export interface AppViews {
  map: MapView;
  analysisPanel: AnalysisPanel;
  layerList: LayerList;
  dataLayers: DataLayers;
  legend: Legend;
  dashboard: PlanDashboard;
  table: TownshipTable;
  detail: TownshipDetail;
  banner: StatusBanner;
  progress: ProgressIndicator;
}

export interface AppContext {
  state: AppState;
  views: AppViews;
  /** Coverage, distances and rules: what a radius change waits for. */
  interactive: AnalysisClient;
  /** Gap polygons, every-service figures, imports: slow work that must not delay the next radius. */
  background: AnalysisClient;
  ready: ReadySignal;
  /** Schedules saving the session (debounced; flushed when the page is hidden). */
  save(): void;
  /** Shows an unexpected failure (a crashed worker already shows its own banner). */
  fail(error: unknown): void;
}
