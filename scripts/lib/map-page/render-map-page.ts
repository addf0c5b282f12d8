// The page the CLI's report opens in Chromium to draw its gap maps: it exposes one function that
// renders a style at the print pixel ratio into a composed layout and returns the PNG as a data URL.
import * as maplibre from 'maplibre-gl';
import type { LngLatBoundsLike, StyleSpecification } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { renderStyleToPage, type PrintMapRequest } from '../../../src/app/export/compose-print-map.ts';

export interface MapPageRequest extends PrintMapRequest {
  style: StyleSpecification;
  bounds: [number, number, number, number];
}

declare global {
  interface Window {
    renderGapMap(request: MapPageRequest): Promise<string>;
    mapPageReady: boolean;
  }
}

maplibre.setWorkerUrl(maplibreWorkerUrl);

window.renderGapMap = async (request) => {
  // The layout's fonts must be loaded before text is drawn on the canvas.
  await Promise.all([document.fonts.load('400 16px "Noto Sans SC"', '中'), document.fonts.load('700 16px "Noto Sans SC"', '中')]);
  const canvas = await renderStyleToPage(maplibre, request.style, request.bounds as LngLatBoundsLike, request);
  return canvas.toDataURL('image/png');
};
window.mapPageReady = true;
