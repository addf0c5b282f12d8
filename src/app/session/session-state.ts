// Everything a planner's session holds: settings, layer choices, the edited rule set and the
// imported layers. Plain data (structured-clonable), saved to IndexedDB and to a session file.
import type { Language } from '../../core/i18n/translate.ts';
import type { Rule } from '../../core/rules/rule-types.ts';
import type { Reach } from '../../core/coverage/coverage-types.ts';
import type { Scenario } from '../../core/siting/scenario-file.ts';
import type { AcceptedImport } from '../../../workers/protocol.ts';
import type { ClassificationMethod, PaletteId } from '../map/classify-values.ts';
import { LAYER_GROUPS, type LayerGroupId } from '../map/map-style.ts';
import type { MetricId } from '../analysis/township-metrics.ts';
import type { SpeedEdit } from '../panels/speed-table-editor.ts';

export const SESSION_VERSION = 1;

export interface AnalysisSettings {
  service: string;
  /** How far the service reaches: the value the panel sets and the worker answers for. */
  reach: Reach;
  metric: MetricId;
  classification: ClassificationMethod;
  palette: PaletteId;
}

export interface SessionState {
  version: number;
  language: Language;
  analysis: AnalysisSettings;
  /** Per service: the last reach the planner chose. */
  reachByService: Record<string, Reach>;
  layers: Record<LayerGroupId, { visible: boolean; opacity: number }>;
  /** XYZ raster URL template; empty = no online basemap. */
  basemapUrl: string;
  ruleSetId: string;
  rules: Rule[];
  /** What the project starts from: the demo region, or nothing (only the planner's layers). */
  project: 'demo' | 'empty';
  /** Imported layers laid over the demo (or replacing its parts), or making up an empty project. */
  imports: AcceptedImport[];
  selectedTownship: string | null;
  /** Named siting scenarios (baseline + facility edits, or a solver's proposal). */
  scenarios: Scenario[];
  /** The planner's speed tables for travel time (null: the defaults); re-applied whenever the data is loaded. */
  roadSpeeds: SpeedEdit | null;
}

export function defaultSession(rules: Rule[], ruleSetId: string): SessionState {
  const layers = {} as SessionState['layers'];
  for (const group of LAYER_GROUPS) layers[group.id] = { visible: group.defaultVisible, opacity: 1 };
  return {
    version: SESSION_VERSION,
    language: 'zh',
    analysis: { service: 'nursery', reach: { kind: 'distance', metres: 1000 }, metric: 'population-covered-pct', classification: 'quantile', palette: 'viridis' },
    reachByService: {},
    layers,
    basemapUrl: '',
    ruleSetId,
    rules: structuredClone(rules),
    project: 'demo',
    imports: [],
    selectedTownship: null,
    scenarios: [],
    roadSpeeds: null,
  };
}

