// The travel-time layers of the map, kept apart from the base style (MapView owns the map; these
// add their own sources and layers to it once it has loaded): each facility's catchment (its
// allocated area, coloured by facility, hover for the people it serves), the isochrones of a
// facility the planner clicked (5/10/15 minutes), and the unreachable population cells (purple).
// Clicking a facility reports its dataset index; nothing here computes anything.
import type { CanvasSource, GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import type { ImageCorners } from './render-cell-image.ts';

const EMPTY = '{"type":"FeatureCollection","features":[]}';
/** Eight colour-blind-safe hues (Okabe–Ito without black), one per catchment by facility index. */
const CATCHMENT_COLOURS = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#999999'];
/** Isochrone bands, smallest darkest. */
const BAND_COLOURS: [number, string][] = [
  [5, '#08519c'],
  [10, '#3182bd'],
  [15, '#9ecae1'],
];

export interface TravelTimeLayerEvents {
  onFacilityClick(index: number): void;
  onCatchmentHover(properties: Record<string, unknown> | null, point: { x: number; y: number }): void;
}

export class TravelTimeLayers {
  private readonly urls = new Map<string, string>();
  private readonly keys = new Map<string, string>();
  private ready = false;

  constructor(private readonly map: MapLibreMap, loaded: Promise<void>, private readonly events: TravelTimeLayerEvents) {
    void loaded.then(() => this.install());
  }

  private install(): void {
    const map = this.map;
    map.addSource('catchments', { type: 'geojson', data: JSON.parse(EMPTY) });
    map.addSource('facility-isochrones', { type: 'geojson', data: JSON.parse(EMPTY) });
    // under the facility symbols, over the township colours
    const before = map.getLayer('facilities-symbol') ? 'facilities-symbol' : undefined;
    const colour = ['match', ['%', ['to-number', ['id']], CATCHMENT_COLOURS.length], ...CATCHMENT_COLOURS.flatMap((c, i) => [i, c]), '#999999'] as unknown as string;
    map.addLayer({ id: 'catchments-fill', type: 'fill', source: 'catchments', layout: { visibility: 'none' }, paint: { 'fill-color': colour, 'fill-opacity': 0.35 } }, before);
    map.addLayer({ id: 'catchments-line', type: 'line', source: 'catchments', layout: { visibility: 'none' }, paint: { 'line-color': '#333333', 'line-width': 0.8 } }, before);
    const bandColour = ['match', ['get', 'minutes'], ...BAND_COLOURS.flat(), '#6baed6'] as unknown as string;
    map.addLayer({ id: 'facility-isochrones-fill', type: 'fill', source: 'facility-isochrones', paint: { 'fill-color': bandColour, 'fill-opacity': 0.3 } }, before);
    map.addLayer({ id: 'facility-isochrones-line', type: 'line', source: 'facility-isochrones', paint: { 'line-color': bandColour, 'line-width': 1.6 } }, before);
    map.on('click', 'facilities-symbol', (event: MapLayerMouseEvent) => {
      const feature = event.features?.[0];
      if (feature && feature.id !== undefined) this.events.onFacilityClick(Number(feature.id));
    });
    map.on('mousemove', 'catchments-fill', (event: MapLayerMouseEvent) => this.events.onCatchmentHover(event.features?.[0]?.properties ?? null, event.point));
    map.on('mouseleave', 'catchments-fill', () => this.events.onCatchmentHover(null, { x: 0, y: 0 }));
    this.ready = true;
    for (const [source, url] of this.urls) (map.getSource(source) as GeoJSONSource).setData(url);
  }

  /** GeoJSON text for a source (as a blob URL: MapLibre's worker parses it); skipped when `key` is unchanged. */
  private setText(source: 'catchments' | 'facility-isochrones', json: string, key: string): void {
    if (this.keys.get(source) === key) return;
    this.keys.set(source, key);
    const previous = this.urls.get(source);
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    this.urls.set(source, url);
    if (this.ready) (this.map.getSource(source) as GeoJSONSource).setData(url);
    if (previous) this.map.once('idle', () => URL.revokeObjectURL(previous));
  }

  /** The catchments (null hides them). */
  setCatchments(json: string | null, key: string): void {
    this.setText('catchments', json ?? EMPTY, json ? key : 'none');
    if (!this.ready) return;
    for (const id of ['catchments-fill', 'catchments-line']) this.map.setLayoutProperty(id, 'visibility', json ? 'visible' : 'none');
  }

  /** A facility's isochrones (null clears them). */
  setFacilityIsochrones(json: string | null, key: string): void {
    this.setText('facility-isochrones', json ?? EMPTY, json ? key : 'none');
  }

  /** The unreachable population cells as an image layer, from a canvas the caller redraws (null removes it). */
  setUnreachableCells(canvas: HTMLCanvasElement | null, coordinates: ImageCorners | null): void {
    if (!this.ready) return;
    const source = this.map.getSource('unreachable-cells') as CanvasSource | undefined;
    if (source && canvas && coordinates && source.getCanvas() === canvas) {
      source.setCoordinates(coordinates);
      source.play(); // uploads the redrawn canvas
      this.map.once('render', () => source.pause());
      return;
    }
    if (this.map.getLayer('unreachable-cells')) this.map.removeLayer('unreachable-cells');
    if (source) this.map.removeSource('unreachable-cells');
    if (!canvas || !coordinates) return;
    this.map.addSource('unreachable-cells', { type: 'canvas', canvas, coordinates, animate: false });
    const before = this.map.getLayer('facilities-symbol') ? 'facilities-symbol' : undefined;
    this.map.addLayer({ id: 'unreachable-cells', type: 'raster', source: 'unreachable-cells', paint: { 'raster-opacity': 0.85, 'raster-resampling': 'nearest', 'raster-fade-duration': 0 } }, before);
  }
}
