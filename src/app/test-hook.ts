// Hooks the browser tests call on `window.__gapmap` (beside the ready signal's counters): accept an
// import without the dialog, crash the worker, read the session, list every data string shown.
// app.ts installs them only in test builds (`vite build --mode test`, see vite.config.ts).
import type { AcceptedImport } from '../../workers/protocol.ts';
import type { AppContext } from './controllers/app-context.ts';
import type { SessionController } from './controllers/session-controller.ts';
import type { ImportController } from './import/import-controller.ts';
import type { SitingController } from './siting/siting-controller.ts';
import { formatNumber } from './i18n/format-number.ts';

/** Attribute values the rules compare with (data such as 二级), wherever they sit in the rules. */
function conditionValues(value: unknown, inValue = false): string[] {
  if (typeof value === 'string') return inValue ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => conditionValues(item, inValue));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => conditionValues(item, inValue || key === 'value'));
  return [];
}

export function installTestHooks(context: AppContext, controllers: { session: SessionController; importer: ImportController; siting: SitingController }): void {
  const { state, views, interactive, background } = context;
  context.ready.expose({
    /** The import dialog's accept path, without the dialog. */
    acceptImport: (accepted: AcceptedImport) => controllers.importer.accept(accepted),
    openImportWith: (files: File[], replacing?: number) => controllers.importer.openWith(files, replacing),
    workerTimings: () => ({ interactive: interactive.timings, background: background.timings }),
    /** A what-if edit as the map's click would make it (add a facility of the current service). */
    sitingAddAt: (lon: number, lat: number) => controllers.siting.addAt(lon, lat),
    sitingEditTimings: () => [...controllers.siting.editTimings],
    sitingEditPaintTimings: () => [...controllers.siting.editPaintTimings],
    /** Facilities of the current service on the map, with their screen positions (to drag or click one). */
    sitingFacilities: () => controllers.siting.renderedFacilities(),
    sitingProposal: () => controllers.siting.proposedCandidates(),
    /** How many proposed sites the map's siting-sites source holds. */
    sitingSitesOnMap: () => controllers.siting.sitesOnMap(),
    crashWorker: () => void interactive.call((api) => api.crashForTest()).catch(() => undefined),
    session: () => structuredClone(state.session),
    flushSession: () => controllers.session.saver.flush(),
    formatNumber: (value: number) => formatNumber(value),
    featureState: (source: string, id: number) => views.map.map.getFeatureState({ source, id }),
    townshipBoxes: () => state.dataset?.summary.townships.map((unit) => unit.bbox) ?? [],
    /** Moves the map to a box at once (no animation), as a planner's pan or zoom would. */
    fitMap: (bbox: [number, number, number, number]) => views.map.map.fitBounds(bbox, { animate: false, padding: 0 }),
    /** The facility symbol drawn nearest the map's centre, with its screen position: for clicks on the map. */
    renderedFacilityPoint: () => {
      const map = views.map.map;
      const centre = { x: map.getCanvas().clientWidth / 2, y: map.getCanvas().clientHeight / 2 };
      const points = map.queryRenderedFeatures({ layers: ['facilities-symbol'] }).flatMap((feature) => {
        if (feature.geometry.type !== 'Point') return [];
        const [lon, lat] = feature.geometry.coordinates;
        const { x, y } = map.project([lon, lat]);
        return [{ id: Number(feature.id), x, y }];
      });
      points.sort((a, b) => Math.hypot(a.x - centre.x, a.y - centre.y) - Math.hypot(b.x - centre.x, b.y - centre.y));
      return points[0] ?? null;
    },
    /** A screen point where the top feature of the layers the pointer reads is a township (outward from the centre, every 8 px). */
    townshipPoint: () => {
      const map = views.map.map;
      const layers = ['facilities-symbol', 'places-circle', 'gaps-fill', 'townships-fill'].filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
      const width = map.getCanvas().clientWidth, height = map.getCanvas().clientHeight;
      for (let ring = 0; ring < Math.max(width, height) / 16; ring++) {
        for (let i = -ring; i <= ring; i++) {
          for (const [dx, dy] of [[i, -ring], [i, ring], [-ring, i], [ring, i]]) {
            const x = width / 2 + 8 * dx, y = height / 2 + 8 * dy;
            if (x < 0 || y < 0 || x >= width || y >= height) continue;
            const [top] = map.queryRenderedFeatures([x, y], { layers });
            if (top?.layer.id === 'townships-fill') return { x, y, id: Number(top.id) };
          }
        }
      }
      return null;
    },
    dataNames: () => {
      const summary = state.dataset?.summary;
      return [
        ...(summary ? [...summary.info.name.split(' / '), ...summary.townships.map((unit) => unit.name), ...summary.counties.map((unit) => unit.name), ...summary.areas.map((area) => area.name)] : []),
        ...conditionValues(state.session.rules),
      ];
    },
  });
}
