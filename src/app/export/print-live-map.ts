// The app's own map rendered for print: the live MapLibre map (its choropleth, gaps and symbols as
// on screen) is resized to the layout's map frame, fitted to what it showed (or to the request's
// bounds: an atlas unit) and drawn at the print pixel ratio — not an upscaled screenshot — then
// composed into the page, and put back as it was.

import type { Map as MapLibreMap } from 'maplibre-gl';
import { planMapFrame } from '../../core/export/map-layout/plan-map-layout.ts';
import { composePage, type PrintMapRequest } from './compose-print-map.ts';

export async function printLiveMap(map: MapLibreMap, request: PrintMapRequest): Promise<HTMLCanvasElement> {
  const container = map.getContainer();
  const bounds = map.getBounds();
  const camera = { center: map.getCenter(), zoom: map.getZoom() };
  const savedStyle = container.getAttribute('style');
  const savedRatio = map.getPixelRatio();
  const frame = planMapFrame(request.page, request.text);
  // Out of the page's flow at the frame's CSS size (behind the progress dialog).
  container.style.position = 'fixed';
  container.style.left = '0';
  container.style.top = '0';
  container.style.width = `${frame.width / request.pixelRatio}px`;
  container.style.height = `${frame.height / request.pixelRatio}px`;
  container.style.zIndex = '-1';
  try {
    map.setPixelRatio(request.pixelRatio);
    map.resize();
    map.fitBounds(request.bounds ?? bounds, { animate: false, padding: request.bounds ? 12 : 0 });
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
    return composePage(map, request);
  } finally {
    if (savedStyle === null) container.removeAttribute('style');
    else container.setAttribute('style', savedStyle);
    map.setPixelRatio(savedRatio);
    map.resize();
    map.jumpTo(camera);
  }
}
