// MapLibre's own control texts (zoom buttons, full screen, attribution, scale units, the map's
// label) in the app's language, from the translation table.
import type { MapOptions } from 'maplibre-gl';
import type { MessageKey } from '../../core/i18n/messages.ts';
import { translate, type Language } from '../../core/i18n/translate.ts';

/** MapLibre's locale keys the app's controls show → the translation table's keys. */
export const MAP_CONTROL_KEYS = {
  'NavigationControl.ZoomIn': 'map-control.zoom-in',
  'NavigationControl.ZoomOut': 'map-control.zoom-out',
  'NavigationControl.ResetBearing': 'map-control.reset-bearing',
  'FullscreenControl.Enter': 'map-control.fullscreen-enter',
  'FullscreenControl.Exit': 'map-control.fullscreen-exit',
  'AttributionControl.ToggleAttribution': 'map-control.toggle-attribution',
  'AttributionControl.MapFeedback': 'map-control.map-feedback',
  'Map.Title': 'map.label',
  'Popup.Close': 'map-control.popup-close',
  'ScaleControl.Meters': 'map-control.metres',
  'ScaleControl.Kilometers': 'map-control.kilometres',
} as const satisfies Record<string, MessageKey>;

export function mapControlLocale(language: Language): NonNullable<MapOptions['locale']> {
  return Object.fromEntries(Object.entries(MAP_CONTROL_KEYS).map(([key, message]) => [key, translate(language, message)]));
}

/** Buttons MapLibre labelled at creation: their selector and the locale key of their title. */
export const LABELLED_CONTROLS: [selector: string, key: keyof typeof MAP_CONTROL_KEYS][] = [
  ['.maplibregl-ctrl-zoom-in', 'NavigationControl.ZoomIn'],
  ['.maplibregl-ctrl-zoom-out', 'NavigationControl.ZoomOut'],
  ['.maplibregl-ctrl-compass', 'NavigationControl.ResetBearing'],
  ['.maplibregl-ctrl-attrib-button', 'AttributionControl.ToggleAttribution'],
];
