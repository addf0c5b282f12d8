// One plain class owns the MapLibre map (placemark's pmap): the app tells it what to show and it
// skips every setData whose data did not change. Township colours, highlights and the selection
// are feature-state on the one township source, so a recompute sends no geometry at all.
import {
  FullscreenControl,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type CanvasSource,
  type GeoJSONSource,
  type MapLayerMouseEvent,
  type LngLatBoundsLike,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { MapLayerTexts } from '../../../workers/protocol.ts';
import { validateBasemapUrl } from './validate-basemap-url.ts';
import { buildMapStyle, LAYER_GROUPS, LOCAL_IDEOGRAPH_FONT_FAMILY, type LayerGroupId } from './map-style.ts';
import { drawFacilitySymbol } from './facility-icons.ts';
import type { ImageCorners } from './render-cell-image.ts';
import { PRINT_MAX_CANVAS_SIZE } from '../export/compose-print-map.ts';
import { currentLanguage, onLanguageChange } from '../i18n/app-language.ts';
import { LABELLED_CONTROLS, mapControlLocale } from './map-control-locale.ts';

export type HoverTarget = { layer: 'townships' | 'facilities' | 'places' | 'gaps'; id: number; properties: Record<string, unknown> };

export interface MapViewOptions {
  onHover(target: HoverTarget | null, point: { x: number; y: number }): void;
  onTownshipClick(index: number): void;
}

// MapLibre 6 looks for its worker beside its own module; bundled, it must be told where Vite put it.
setWorkerUrl(maplibreWorkerUrl);

type ImageLayerId = 'population-image' | 'gap-cells-image';

export class MapView {
  readonly map: MapLibreMap;
  readonly loaded: Promise<void>;
  private readonly lastData = new Map<string, unknown>();
  private readonly lastKey = new Map<string, string>();
  private townshipCount = 0;
  private datasetGeneration = 0;
  private highlightedTownships = new Set<number>();
  private highlightedPlaces = new Set<number>();
  private selectedTownship = -1;
  private readonly colors: string[] = [];
  private scale = new ScaleControl({ unit: 'metric', maxWidth: 140 });

  constructor(container: HTMLElement, private readonly options: MapViewOptions) {
    this.map = new MapLibreMap({
      container,
      style: buildMapStyle(),
      center: [102.35, 24.15],
      zoom: 7.6,
      attributionControl: { compact: true },
      canvasContextAttributes: { preserveDrawingBuffer: true },
      // Print exports render this map at 300 dpi (A3: 4,961 px); MapLibre's default cap of 4,096
      // would silently lower the pixel ratio.
      maxCanvasSize: PRINT_MAX_CANVAS_SIZE,
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      dragRotate: false,
      locale: mapControlLocale(currentLanguage()),
    });
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new FullscreenControl(), 'top-right');
    this.map.addControl(this.scale, 'bottom-left');
    onLanguageChange(() => this.relabelControls());
    this.map.setMissingStyleImageResolver((id) => {
      if (!id.startsWith('facility-') || this.map.hasImage(id)) return;
      const canvas = drawFacilitySymbol(id.slice('facility-'.length));
      const context = canvas.getContext('2d')!;
      this.map.addImage(id, context.getImageData(0, 0, canvas.width, canvas.height), { pixelRatio: 2 });
    });
    this.loaded = new Promise((resolve) => this.map.once('load', () => resolve()));
    void this.loaded.then(() => this.bindPointer());
  }

  private bindPointer(): void {
    const hoverLayers: [string, HoverTarget['layer']][] = [
      ['facilities-symbol', 'facilities'],
      ['places-circle', 'places'],
      ['gaps-fill', 'gaps'],
      ['townships-fill', 'townships'],
    ];
    this.map.on('mousemove', (event) => {
      const layers = hoverLayers.map(([id]) => id).filter((id) => this.map.getLayer(id) && this.map.getLayoutProperty(id, 'visibility') !== 'none');
      const features = this.map.queryRenderedFeatures(event.point, { layers });
      const feature = features[0];
      if (!feature) {
        this.map.getCanvas().style.cursor = '';
        this.options.onHover(null, event.point);
        return;
      }
      const layer = hoverLayers.find(([id]) => id === feature.layer.id)![1];
      this.map.getCanvas().style.cursor = layer === 'townships' ? 'pointer' : '';
      this.options.onHover({ layer, id: Number(feature.id), properties: feature.properties ?? {} }, event.point);
    });
    this.map.getCanvas().addEventListener('mouseleave', () => this.options.onHover(null, { x: 0, y: 0 }));
    this.map.on('click', 'townships-fill', (event: MapLayerMouseEvent) => {
      const feature = event.features?.[0];
      if (feature && feature.id !== undefined) this.options.onTownshipClick(Number(feature.id));
    });
  }

  /** setData only when the object (or the caller's content key) changed. */
  private setSourceData(sourceId: string, data: unknown, key?: string): boolean {
    if (key !== undefined ? this.lastKey.get(sourceId) === key : this.lastData.get(sourceId) === data) return false;
    (this.map.getSource(sourceId) as GeoJSONSource).setData(data as Parameters<GeoJSONSource['setData']>[0]);
    this.lastData.set(sourceId, data);
    if (key !== undefined) this.lastKey.set(sourceId, key);
    else this.lastKey.delete(sourceId);
    return true;
  }

  private readonly sourceUrls = new Map<string, string>();

  /**
   * Gives a source GeoJSON *text* as a blob URL: MapLibre's worker fetches and parses it, so the
   * main thread neither parses nor re-serialises large geometry.
   */
  setGeoJsonText(sourceId: string, json: string, key: string): void {
    if (this.lastKey.get(sourceId) === key) return;
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    this.setSourceData(sourceId, url, key);
    const previous = this.sourceUrls.get(sourceId);
    this.sourceUrls.set(sourceId, url);
    if (previous) this.map.once('idle', () => URL.revokeObjectURL(previous));
  }

  /** The content key a source was last given (setGeoJsonText, updateGeoJson). */
  sourceKey(sourceId: string): string | undefined {
    return this.lastKey.get(sourceId);
  }

  /**
   * Changes a source by a diff (MapLibre's updateData: features removed by id, features added):
   * only the tiles the changed features touch are made again. `key` names the content after it.
   */
  updateGeoJson(sourceId: string, change: { remove: number[]; add: GeoJSON.Feature[] }, key: string): void {
    if (change.remove.length > 0 || change.add.length > 0) void (this.map.getSource(sourceId) as GeoJSONSource).updateData({ remove: change.remove, add: change.add });
    this.lastData.delete(sourceId);
    this.lastKey.set(sourceId, key);
  }

  private previewGeneration = 0;

  /** An import being reviewed, drawn over everything (GeoJSON text; null removes it). */
  setPreview(json: string | null): void {
    this.setGeoJsonText('preview', json ?? '{"type":"FeatureCollection","features":[]}', `preview-${++this.previewGeneration}`);
  }

  setDatasetLayers(layers: MapLayerTexts, bbox: [number, number, number, number], townshipCount: number): void {
    this.colors.length = 0;
    this.highlightedTownships.clear();
    this.highlightedPlaces.clear();
    this.selectedTownship = -1;
    this.townshipCount = townshipCount;
    const generation = `dataset-${++this.datasetGeneration}`;
    for (const source of ['townships', 'counties', 'areas', 'facilities', 'places'] as const) this.setGeoJsonText(source, layers[source], generation);
    this.map.fitBounds(bbox as LngLatBoundsLike, { padding: 24, duration: 0 });
  }

  /** Colours townships by feature-state; only changed colours are sent. */
  setTownshipColors(colors: readonly string[]): void {
    for (let i = 0; i < this.townshipCount; i++) {
      if (this.colors[i] === colors[i]) continue;
      this.colors[i] = colors[i];
      this.map.setFeatureState({ source: 'townships', id: i }, { color: colors[i] });
    }
  }

  setHighlight(townships: Iterable<number>, places: Iterable<number> = []): void {
    const nextTownships = new Set(townships);
    for (const i of this.highlightedTownships) if (!nextTownships.has(i)) this.map.setFeatureState({ source: 'townships', id: i }, { highlight: false });
    for (const i of nextTownships) if (!this.highlightedTownships.has(i)) this.map.setFeatureState({ source: 'townships', id: i }, { highlight: true });
    this.highlightedTownships = nextTownships;
    const nextPlaces = new Set(places);
    for (const i of this.highlightedPlaces) if (!nextPlaces.has(i)) this.map.setFeatureState({ source: 'places', id: i }, { highlight: false });
    for (const i of nextPlaces) if (!this.highlightedPlaces.has(i)) this.map.setFeatureState({ source: 'places', id: i }, { highlight: true });
    this.highlightedPlaces = nextPlaces;
  }

  setSelectedTownship(index: number): void {
    if (this.selectedTownship === index) return;
    if (this.selectedTownship >= 0) this.map.setFeatureState({ source: 'townships', id: this.selectedTownship }, { selected: false });
    this.selectedTownship = index;
    if (index >= 0) this.map.setFeatureState({ source: 'townships', id: index }, { selected: true });
  }

  /** Shows facilities of the given types only (empty = none). */
  setFacilityTypes(types: string[]): void {
    this.map.setFilter('facilities-symbol', ['in', ['get', 'type'], ['literal', types]]);
  }

  /**
   * A raster (population density, uncovered cells) laid over `coordinates`, from a canvas the
   * caller redraws. The source and layer are made once; a redraw re-uploads the same texture.
   */
  setImageLayer(id: ImageLayerId, canvas: HTMLCanvasElement | null, coordinates: ImageCorners | null, key: string): void {
    if (this.lastKey.get(id) === key) return;
    this.lastKey.set(id, key);
    const sourceId = `${id}-source`;
    const source = this.map.getSource(sourceId) as CanvasSource | undefined;
    if (source && canvas && source.getCanvas() === canvas) {
      source.setCoordinates(coordinates!);
      source.play();
      this.map.once('render', () => source.pause());
      return;
    }
    if (this.map.getLayer(id)) this.map.removeLayer(id);
    if (source) this.map.removeSource(sourceId);
    if (!canvas || !coordinates) return;
    this.map.addSource(sourceId, { type: 'canvas', canvas, coordinates, animate: false });
    const group = LAYER_GROUPS.find((candidate) => candidate.layers.some((layer) => layer.id === id))!;
    const visible = this.groupVisibility.get(group.id) ?? group.defaultVisible;
    const opacity = (this.groupOpacity.get(group.id) ?? 1) * group.layers.find((layer) => layer.id === id)!.baseOpacity;
    this.map.addLayer(
      { id, type: 'raster', source: sourceId, layout: { visibility: visible ? 'visible' : 'none' }, paint: { 'raster-opacity': opacity, 'raster-resampling': 'nearest', 'raster-fade-duration': 0 } },
      id === 'population-image' ? 'coverage-fill' : 'gaps-line',
    );
  }

  private readonly groupVisibility = new Map<LayerGroupId, boolean>();
  private readonly groupOpacity = new Map<LayerGroupId, number>();

  setGroupVisibility(groupId: LayerGroupId, visible: boolean): void {
    this.groupVisibility.set(groupId, visible);
    const group = LAYER_GROUPS.find((candidate) => candidate.id === groupId)!;
    for (const layer of group.layers) {
      if (this.map.getLayer(layer.id)) this.map.setLayoutProperty(layer.id, 'visibility', visible ? 'visible' : 'none');
    }
  }

  setGroupOpacity(groupId: LayerGroupId, opacity: number): void {
    this.groupOpacity.set(groupId, opacity);
    const group = LAYER_GROUPS.find((candidate) => candidate.id === groupId)!;
    for (const layer of group.layers) {
      if (this.map.getLayer(layer.id)) this.map.setPaintProperty(layer.id, layer.opacityProperty as Parameters<MapLibreMap['setPaintProperty']>[1], layer.baseOpacity * opacity);
    }
  }

  /** An optional XYZ raster basemap (user-entered URL); null removes it. */
  /** Shows the planner's basemap; a URL that validateBasemapUrl refuses is never handed to MapLibre. */
  /**
   * MapLibre reads its control texts from the `locale` given at construction and has no public way
   * to change it: a language switch updates that table (for texts MapLibre makes later, such as the
   * full-screen toggle's), relabels the buttons already shown and rebuilds the scale bar.
   */
  private relabelControls(): void {
    const locale = mapControlLocale(currentLanguage());
    const internal = this.map as unknown as { _locale?: Record<string, string> };
    if (internal._locale) Object.assign(internal._locale, locale);
    const container = this.map.getContainer();
    const label = (element: Element | null, text: string) => {
      if (!element) return;
      element.setAttribute('title', text);
      element.setAttribute('aria-label', text);
    };
    for (const [selector, key] of LABELLED_CONTROLS) container.querySelectorAll(selector).forEach((button) => label(button, locale[key]));
    label(container.querySelector('.maplibregl-ctrl-fullscreen'), locale['FullscreenControl.Enter']);
    label(container.querySelector('.maplibregl-ctrl-shrink'), locale['FullscreenControl.Exit']);
    this.map.getCanvas().setAttribute('aria-label', locale['Map.Title']);
    this.map.removeControl(this.scale);
    this.scale = new ScaleControl({ unit: 'metric', maxWidth: 140 });
    this.map.addControl(this.scale, 'bottom-left');
  }

  setBasemap(candidate: string | null): void {
    const checked = candidate ? validateBasemapUrl(candidate) : null;
    const url = checked?.ok ? checked.url : null;
    if (this.lastKey.get('basemap') === (url ?? '')) return;
    this.lastKey.set('basemap', url ?? '');
    if (this.map.getLayer('basemap-raster')) this.map.removeLayer('basemap-raster');
    if (this.map.getSource('basemap')) this.map.removeSource('basemap');
    if (!url) return;
    this.map.addSource('basemap', { type: 'raster', tiles: [url], tileSize: 256, attribution: new URL(url.replace(/\{[xyz]\}/g, '0')).host });
    const visible = this.groupVisibility.get('basemap') ?? true;
    this.map.addLayer({ id: 'basemap-raster', type: 'raster', source: 'basemap', layout: { visibility: visible ? 'visible' : 'none' }, paint: { 'raster-opacity': this.groupOpacity.get('basemap') ?? 1 } }, 'townships-fill');
  }

  flyToBBox(bbox: [number, number, number, number]): void {
    this.map.fitBounds(bbox as LngLatBoundsLike, { padding: 80, maxZoom: 12, duration: 600 });
  }

  /** Resolves once the map has rendered everything it was given (MapLibre's 'idle'). */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      if (this.map.loaded() && !this.map.isMoving() && this.map.areTilesLoaded()) {
        this.map.once('idle', () => resolve());
        this.map.triggerRepaint();
      } else this.map.once('idle', () => resolve());
    });
  }

  resize(): void {
    this.map.resize();
  }
}
