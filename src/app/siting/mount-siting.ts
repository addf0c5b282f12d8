// Builds the siting panel, its map layers and its controller, and connects them (app.ts calls
// this once). The panel goes below the analysis panel; the controller reaches the analysis and the
// rules only through the hooks it is given.
import type { AppContext } from '../controllers/app-context.ts';
import type { AnalysisController } from '../controllers/analysis-controller.ts';
import type { DatasetController } from '../controllers/dataset-controller.ts';
import type { RulesController } from '../controllers/rules-controller.ts';
import { SitingController } from './siting-controller.ts';
import { SitingMap } from './siting-map.ts';
import { SitingPanel } from './siting-panel.ts';

export function mountSiting(context: AppContext, controllers: { analysis: AnalysisController; rules: RulesController; dataset: DatasetController }): SitingController {
  const { analysis, rules, dataset } = controllers;
  // The controller is created right below; the panel's and map's callbacks reach it once the app runs.
  let siting!: SitingController;
  const panel = new SitingPanel({
    onSolve: (form) => void siting.solve(form),
    onCancel: () => siting.cancel(),
    onMode: (mode) => siting.setMode(mode),
    onClearCandidates: () => siting.clearCandidates(),
    onSaveProposal: () => siting.saveProposal(),
    onSaveEdits: () => siting.saveEdits(),
    onBaseline: () => void siting.baseline(),
    onShowScenario: (id) => void siting.showScenario(id),
    onCompareScenario: (id) => void siting.compare(id),
    onDeleteScenario: (id) => siting.deleteScenario(id),
    onExport: () => siting.exportScenarios(),
    onImport: (file) => void siting.importScenarios(file),
    onDifferenceMap: (on) => siting.setDifferenceMap(on),
    onLoadLayer: (role, files) => void siting.loadLayer(role, files),
    onClearLayer: (role) => void siting.clearLayer(role),
  });
  const map = new SitingMap(context.views.map.map, context.views.map.loaded, {
    onPick: (lon, lat) => siting.pick(lon, lat),
    onAdd: (lon, lat) => void siting.addAt(lon, lat),
    onMove: (id, lon, lat) => void siting.edit({ kind: 'move', id, lon, lat }),
    onRemove: (id) => void siting.edit({ kind: 'remove', id }),
  });
  siting = new SitingController(context, panel, map, {
    showRules: (reply) => rules.show(reply, false),
    showAnalysis: async (service, reply, started, drawReach) => {
      await analysis.show(service, reply, 'change', started, drawReach);
      // What follows the rules (the table's failed rules, the highlighted rule): after the figures.
      rules.onResults();
    },
    repaintChoropleth: () => analysis.paintChoropleth(),
    backgroundReady: () => dataset.backgroundReady(),
  });
  // After each analysis (a new reach among them), the panel's p-median cap follows the reach's unit.
  const painted = analysis.onPainted;
  analysis.onPainted = () => {
    painted();
    siting.reachChanged();
  };
  panel.setRules(context.state.session.rules);
  document.getElementById('left-panel')!.append(panel.element);
  return siting;
}
