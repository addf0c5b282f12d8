// The app's own map rendered for print: the live MapLibre map (its choropleth, gaps and symbols as
// on screen) is resized to the layout's map frame, fitted to what it showed (or to each request's
// bounds: the atlas units) and drawn at the print pixel ratio — not an upscaled screenshot — then
// composed into the page, and put back as it was. A batch (an atlas) is drawn with one resize: the
// map moves from unit to unit at the print size and is put back once at the end.

import type { Map as MapLibreMap } from 'maplibre-gl';
import { planMapFrame } from '../../core/export/map-layout/plan-map-layout.ts';
import { composePage, type PrintMapRequest } from './compose-print-map.ts';

/**
 * Draws each request in turn and hands its page to `each`, which returns false to stop (a cancel).
 * Every request of a batch has the same page size and pixel ratio.
 */
export async function printLiveMapPages(map: MapLibreMap, requests: PrintMapRequest[], each: (canvas: HTMLCanvasElement, index: number) => Promise<boolean | void>): Promise<void> {
  if (requests.length === 0) return;
  const container = map.getContainer();
  const bounds = map.getBounds();
  const camera = { center: map.getCenter(), zoom: map.getZoom() };
  const savedStyle = container.getAttribute('style');
  const savedRatio = map.getPixelRatio();
  const { pixelRatio } = requests[0];
  const frame = planMapFrame(requests[0].page, requests[0].text);
  // Out of the page's flow at the frame's CSS size (behind the progress dialog).
  container.style.position = 'fixed';
  container.style.left = '0';
  container.style.top = '0';
  container.style.width = `${frame.width / pixelRatio}px`;
  container.style.height = `${frame.height / pixelRatio}px`;
  container.style.zIndex = '-1';
  try {
    map.setPixelRatio(pixelRatio);
    map.resize();
    for (const [index, request] of requests.entries()) {
      map.fitBounds(request.bounds ?? bounds, { animate: false, padding: request.bounds ? 12 : 0 });
      await new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      });
      if ((await each(composePage(map, request), index)) === false) return;
    }
  } finally {
    if (savedStyle === null) container.removeAttribute('style');
    else container.setAttribute('style', savedStyle);
    map.setPixelRatio(savedRatio);
    map.resize();
    map.jumpTo(camera);
  }
}

/** One page of the live map (what it shows now, or the request's bounds). */
export async function printLiveMap(map: MapLibreMap, request: PrintMapRequest): Promise<HTMLCanvasElement> {
  let page: HTMLCanvasElement | null = null;
  await printLiveMapPages(map, [request], async (canvas) => {
    page = canvas;
  });
  return page!;
}
