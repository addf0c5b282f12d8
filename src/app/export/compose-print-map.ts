// A print-quality map page in the browser: a MapLibre map rendered at the print pixel ratio into the
// layout's map frame (not an upscaled screenshot), then the layout drawn around it — title, legend,
// scale bar measured on the ellipsoid at the frame's centre, north arrow, date, sources, notice —
// and labels drawn with the page's CJK fonts. Used by the CLI's report (in Chromium) and the app.

import type { LngLatBoundsLike, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { drawMapLayout, type Canvas2D } from '../../core/export/map-layout/draw-map-layout.ts';
import { measureMetresPerPixel } from '../../core/export/map-layout/measure-map-scale.ts';
import { GAP_HATCH_COLOR, GAP_HATCH_IMAGE } from '../../core/export/map-layout/gap-map-style.ts';
import type { MapLabel } from '../../core/export/map-layout/build-gap-map-layers.ts';
import { planMapFrame, planMapLayout, type DrawCommand, type MapLayoutText, type PageSize } from '../../core/export/map-layout/plan-map-layout.ts';

export interface PrintMapRequest {
  page: PageSize;
  /** Output pixels per CSS pixel: 300 / 96 for 300 dpi. */
  pixelRatio: number;
  text: MapLayoutText;
  labels?: MapLabel[];
  /** [west, south, east, north] to fit the map to (an atlas page); default: what the map shows. */
  bounds?: [number, number, number, number];
}

/** Largest canvas side MapLibre may use: A3 at 300 dpi is 4,961 px; SwiftShader allows 8,192. */
export const PRINT_MAX_CANVAS_SIZE: [number, number] = [8192, 8192];

/** Draws the page around a map whose canvas already fills the frame at the print ratio. */
export function composePage(map: MapLibreMap, request: PrintMapRequest): HTMLCanvasElement {
  const { page, text } = request;
  const frame = planMapFrame(page, text);
  const canvas = document.createElement('canvas');
  canvas.width = page.width;
  canvas.height = page.height;
  // Opaque: the PNG then has no alpha channel, which the PDF writer would otherwise split into a soft
  // mask image (inflating and deflating every pixel once more) for a page that is white anyway.
  const context = canvas.getContext('2d', { alpha: false });
  if (!context) throw new Error('no 2D canvas context');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, page.width, page.height);
  context.drawImage(map.getCanvas(), frame.x, frame.y, frame.width, frame.height);
  // Ground scale at the frame's centre row (CSS pixels → page pixels).
  const container = map.getContainer();
  const middle = container.clientHeight / 2;
  const left = map.unproject([0, middle]);
  const right = map.unproject([container.clientWidth, middle]);
  const metresPerPixel = measureMetresPerPixel([left.lng, left.lat], [right.lng, right.lat], frame.width);
  const scale = frame.width / container.clientWidth;
  const labelSize = Math.min(page.width, page.height) / 100 * 1.25;
  // Labels that fit their feature and do not collide with one already placed (larger features first).
  const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
  const featureWidth = (label: MapLabel) => (label.bounds ? (map.project([label.bounds[2], label.bounds[1]]).x - map.project([label.bounds[0], label.bounds[1]]).x) * scale : Infinity);
  const labels: DrawCommand[] = [...(request.labels ?? [])]
    .sort((a, b) => featureWidth(b) - featureWidth(a))
    .flatMap((label) => {
      const point = map.project(label.lngLat);
      const x = frame.x + point.x * scale;
      const y = frame.y + point.y * scale;
      const halfWidth = ([...label.text].length * labelSize) / 2;
      const box = { x0: x - halfWidth, y0: y - labelSize * 0.7, x1: x + halfWidth, y1: y + labelSize * 0.7 };
      if (box.x0 < frame.x || box.x1 > frame.x + frame.width || box.y0 < frame.y || box.y1 > frame.y + frame.height) return [];
      if (2 * halfWidth > featureWidth(label)) return [];
      if (placed.some((p) => box.x0 < p.x1 && box.x1 > p.x0 && box.y0 < p.y1 && box.y1 > p.y0)) return [];
      placed.push(box);
      return [{ kind: 'text' as const, x, y, text: label.text, size: labelSize, color: '#1f2933', align: 'center' as const, baseline: 'middle' as const, halo: '#ffffff' }];
    });
  const { commands } = planMapLayout(page, text, metresPerPixel);
  drawMapLayout(context as unknown as Canvas2D, [...labels, ...commands]);
  return canvas;
}

/** Diagonal hatching on transparency, 8 CSS pixels a repeat. */
function hatchImage(color: string, pixelRatio: number): ImageData {
  const size = Math.max(8, Math.round(8 * pixelRatio));
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d')!;
  context.strokeStyle = color;
  context.lineWidth = Math.max(1, 1.2 * pixelRatio);
  context.beginPath();
  for (const offset of [-size, 0, size]) {
    context.moveTo(offset, size);
    context.lineTo(offset + size, 0);
  }
  context.stroke();
  return context.getImageData(0, 0, size, size);
}

/** A style to draw, fitted to bounds, into a page. */
export interface StylePage {
  style: StyleSpecification;
  bounds: LngLatBoundsLike;
  request: PrintMapRequest;
}

/**
 * Renders styles fitted to bounds into pages with one hidden map at the print ratio (each style in
 * turn: a map and its WebGL context are made once for a batch, such as a report's map per service),
 * handing each page to `each`, which returns false to stop (a cancel).
 */
export async function renderStylesToPages(maplibre: { Map: typeof MapLibreMap }, pages: StylePage[], each: (canvas: HTMLCanvasElement, index: number) => Promise<boolean | void>): Promise<void> {
  if (pages.length === 0) return;
  const container = document.createElement('div');
  const size = (request: PrintMapRequest) => {
    const frame = planMapFrame(request.page, request.text);
    container.style.cssText = `position:absolute;left:-100000px;top:0;width:${frame.width / request.pixelRatio}px;height:${frame.height / request.pixelRatio}px;`;
  };
  size(pages[0].request);
  document.body.append(container);
  const { pixelRatio } = pages[0].request;
  const map = new maplibre.Map({
    container,
    style: pages[0].style,
    bounds: pages[0].bounds,
    fitBoundsOptions: { padding: 12 },
    pixelRatio,
    maxCanvasSize: PRINT_MAX_CANVAS_SIZE,
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  // The gap areas' hatch pattern, in the style as soon as it is loaded (again after each new style),
  // before any tile asks for it: a tile laid out while the image was missing draws no pattern.
  const addHatch = () => {
    if (!map.hasImage(GAP_HATCH_IMAGE)) map.addImage(GAP_HATCH_IMAGE, hatchImage(GAP_HATCH_COLOR, pixelRatio), { pixelRatio });
  };
  map.on('style.load', addHatch);
  map.on('styleimagemissing', (event: { id: string }) => {
    if (event.id === GAP_HATCH_IMAGE) addHatch();
  });
  const drawn = () =>
    new Promise<void>((resolve, reject) => {
      const failed = (event: unknown) => reject((event as { error?: Error }).error ?? new Error('map error'));
      map.once('error', failed);
      map.once('idle', () => {
        map.off('error', failed);
        resolve();
      });
    });
  try {
    for (const [index, page] of pages.entries()) {
      if (index > 0) {
        size(page.request);
        map.resize();
        map.setStyle(page.style, { diff: false });
        map.fitBounds(page.bounds, { padding: 12, animate: false });
      }
      await drawn();
      if ((await each(composePage(map, page.request), index)) === false) return;
    }
  } finally {
    map.remove();
    container.remove();
  }
}

/** Renders one style fitted to bounds into a page (the CLI's map page). */
export async function renderStyleToPage(maplibre: { Map: typeof MapLibreMap }, style: StyleSpecification, bounds: LngLatBoundsLike, request: PrintMapRequest): Promise<HTMLCanvasElement> {
  let canvas: HTMLCanvasElement | null = null;
  await renderStylesToPages(maplibre, [{ style, bounds, request }], async (page) => {
    canvas = page;
  });
  return canvas!;
}
