// Builds the travel-time panel, its map layers and its controller, and connects them (app.ts calls
// this once). The panel goes right below the analysis panel; the controller reaches the analysis
// and the rules only through the hooks it is given.
import type { AppContext } from '../controllers/app-context.ts';
import type { AnalysisController } from '../controllers/analysis-controller.ts';
import type { DatasetController } from '../controllers/dataset-controller.ts';
import type { RulesController } from '../controllers/rules-controller.ts';
import { TravelTimeLayers } from '../map/travel-time-layers.ts';
import { TravelTimePanel } from '../panels/travel-time-panel.ts';
import { TravelTimeController } from './travel-time-controller.ts';

export function mountTravelTime(context: AppContext, controllers: { analysis: AnalysisController; rules: RulesController; dataset: DatasetController }): TravelTimeController {
  const { analysis, rules, dataset } = controllers;
  // The controller is created right below; the panel's and map's callbacks reach it once the app runs.
  let travel!: TravelTimeController;
  const panel = new TravelTimePanel({
    onCatchments: (on) => travel.setCatchments(on),
    onDecay: (on) => travel.setDecay(on),
    onClearFacility: () => travel.clearFacility(),
    onSpeeds: (speeds) => void travel.setSpeeds(speeds),
  });
  const layers = new TravelTimeLayers(context.views.map.map, context.views.map.loaded, {
    onFacilityClick: (index) => void travel.showFacility(index),
    onCatchmentHover: (properties) => travel.hoverCatchment(properties),
  });
  travel = new TravelTimeController(context, dataset, panel, layers, {
    setReach: (reach) => {
      analysis.update({ reach });
      context.views.analysisPanel.update(context.state.session.analysis); // the reach controls keep the decay
    },
    reanalyse: async () => {
      await Promise.all([analysis.run('change'), rules.run()]);
    },
  });
  context.views.analysisPanel.element.after(panel.element);
  return travel;
}
