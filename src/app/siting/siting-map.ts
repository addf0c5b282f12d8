// The siting layers on the map — candidate sites, proposed sites, the facility being dragged — and
// the pointer in the siting modes: pick candidates, add a facility, drag one, remove one. MapLibre
// only; what an edit means is decided by the siting controller.
import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent, MapMouseEvent } from 'maplibre-gl';

export type PointerMode = 'off' | 'pick' | 'add' | 'move' | 'remove';

export interface SitingMapEvents {
  onPick(lon: number, lat: number): void;
  onAdd(lon: number, lat: number): void;
  onMove(facilityId: string, lon: number, lat: number): void;
  onRemove(facilityId: string): void;
}

const EMPTY = { type: 'FeatureCollection' as const, features: [] };
type Point = { lon: number; lat: number; properties?: Record<string, unknown> };

const points = (list: Point[]) => ({
  type: 'FeatureCollection' as const,
  features: list.map((p, i) => ({ type: 'Feature' as const, id: i, geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] }, properties: p.properties ?? {} })),
});

export class SitingMap {
  private mode: PointerMode = 'off';
  private dragging: string | null = null;

  constructor(private readonly map: MapLibreMap, loaded: Promise<void>, private readonly events: SitingMapEvents) {
    void loaded.then(() => this.install());
  }

  private install(): void {
    const { map } = this;
    for (const id of ['siting-candidates', 'siting-sites', 'siting-drag', 'siting-candidate-layer', 'siting-exclusions']) map.addSource(id, { type: 'geojson', data: EMPTY });
    map.addLayer({ id: 'siting-exclusions-fill', type: 'fill', source: 'siting-exclusions', paint: { 'fill-color': '#7f7f7f', 'fill-opacity': 0.35 } });
    map.addLayer({ id: 'siting-exclusions-line', type: 'line', source: 'siting-exclusions', paint: { 'line-color': '#404040', 'line-width': 1, 'line-dasharray': [2, 2] } });
    map.addLayer({ id: 'siting-candidate-layer-circle', type: 'circle', source: 'siting-candidate-layer', paint: { 'circle-radius': 3.5, 'circle-color': '#ffd92f', 'circle-stroke-color': '#555555', 'circle-stroke-width': 1 } });
    map.addLayer({ id: 'siting-candidates-circle', type: 'circle', source: 'siting-candidates', paint: { 'circle-radius': 4, 'circle-color': '#ffffff', 'circle-stroke-color': '#555555', 'circle-stroke-width': 1.5 } });
    map.addLayer({ id: 'siting-sites-circle', type: 'circle', source: 'siting-sites', paint: { 'circle-radius': 8, 'circle-color': '#d7191c', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } });
    map.addLayer({ id: 'siting-sites-label', type: 'symbol', source: 'siting-sites', layout: { 'text-field': ['to-string', ['get', 'rank']], 'text-size': 11, 'text-allow-overlap': true }, paint: { 'text-color': '#ffffff' } });
    map.addLayer({ id: 'siting-drag-circle', type: 'circle', source: 'siting-drag', paint: { 'circle-radius': 9, 'circle-color': 'rgba(215,25,28,0.4)', 'circle-stroke-color': '#d7191c', 'circle-stroke-width': 2 } });
    map.on('click', (event: MapMouseEvent) => {
      const { lng, lat } = event.lngLat;
      if (this.mode === 'pick') this.events.onPick(lng, lat);
      else if (this.mode === 'add') this.events.onAdd(lng, lat);
      else if (this.mode === 'remove') {
        const id = this.facilityAt(event);
        if (id) this.events.onRemove(id);
      }
    });
    map.on('mousedown', 'facilities-symbol', (event: MapLayerMouseEvent) => {
      if (this.mode !== 'move') return;
      const id = this.facilityAt(event);
      if (!id) return;
      event.preventDefault(); // no map panning while a facility is dragged
      this.dragging = id;
    });
    map.on('mousemove', (event: MapMouseEvent) => {
      if (this.dragging) this.setSource('siting-drag', points([{ lon: event.lngLat.lng, lat: event.lngLat.lat }]));
    });
    map.on('mouseup', (event: MapMouseEvent) => {
      if (!this.dragging) return;
      const id = this.dragging;
      this.dragging = null;
      this.setSource('siting-drag', EMPTY);
      this.events.onMove(id, event.lngLat.lng, event.lngLat.lat);
    });
  }

  /** The id of the facility under the pointer (facility symbols carry their data id). */
  private facilityAt(event: MapMouseEvent): string | null {
    const box: [[number, number], [number, number]] = [
      [event.point.x - 6, event.point.y - 6],
      [event.point.x + 6, event.point.y + 6],
    ];
    const feature = this.map.queryRenderedFeatures(box, { layers: ['facilities-symbol'] })[0];
    const id = feature?.properties?.id;
    return id === undefined || id === null ? null : String(id);
  }

  private setSource(id: string, data: unknown): void {
    (this.map.getSource(id) as GeoJSONSource | undefined)?.setData(data as Parameters<GeoJSONSource['setData']>[0]);
  }

  setMode(mode: PointerMode): void {
    this.mode = mode;
    this.map.getCanvas().style.cursor = mode === 'off' ? '' : 'crosshair';
  }

  setCandidates(list: Point[]): void {
    this.setSource('siting-candidates', points(list));
  }

  /** A loaded candidate layer or exclusion layer (GeoJSON text from the worker), or none. */
  setLayer(role: 'candidates' | 'exclusions', geojson: string | null): void {
    this.setSource(role === 'candidates' ? 'siting-candidate-layer' : 'siting-exclusions', geojson ? JSON.parse(geojson) : EMPTY);
  }

  /** Facilities of a type drawn on the map, with their screen positions. */
  renderedFacilities(type: string): { id: string; x: number; y: number }[] {
    if (!this.map.getLayer('facilities-symbol')) return [];
    const seen = new Set<string>();
    return this.map.queryRenderedFeatures(undefined, { layers: ['facilities-symbol'] }).flatMap((feature) => {
      const id = feature.properties?.id;
      if (feature.properties?.type !== type || id === undefined || id === null || seen.has(String(id)) || feature.geometry.type !== 'Point') return [];
      seen.add(String(id));
      const point = this.map.project(feature.geometry.coordinates as [number, number]);
      return [{ id: String(id), x: point.x, y: point.y }];
    });
  }

  /** How many proposed sites the map's source holds now (for the browser tests). */
  async siteCount(): Promise<number> {
    const source = this.map.getSource('siting-sites') as GeoJSONSource | undefined;
    if (!source) return 0;
    const data = (await source.getData()) as { type: string; features?: unknown[] };
    return data.type === 'FeatureCollection' ? (data.features?.length ?? 0) : 0;
  }

  /** Proposed sites: GeoJSON text from the worker (features carry `rank`). */
  setSites(geojson: string | null): void {
    this.setSource('siting-sites', geojson ? JSON.parse(geojson) : EMPTY);
  }
}
