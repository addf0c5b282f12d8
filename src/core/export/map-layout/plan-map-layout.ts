// A composed gap-map layout, as plain draw commands: title and subtitle (service, reach, scenario),
// the map frame, legend, scale bar, north arrow, date, data sources and — while a synthetic layer is
// in use — the synthetic-data notice. Sizes are fractions of the page, so the same layout reads the
// same at screen size and at A3 300 dpi. Pure: the app draws the commands on its canvas, the CLI in
// Chromium; tests check them directly.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type DrawCommand =
  | { kind: 'rect'; rect: Rect; fill?: string; stroke?: string; lineWidth?: number }
  | { kind: 'text'; x: number; y: number; text: string; size: number; bold?: boolean; color: string; align: 'left' | 'center' | 'right'; baseline: 'top' | 'middle' | 'bottom'; halo?: string }
  | { kind: 'path'; points: [number, number][]; closed: boolean; fill?: string; stroke?: string; lineWidth?: number }
  | { kind: 'circle'; x: number; y: number; radius: number; fill: string; stroke?: string; lineWidth?: number };

export interface LegendItem {
  label: string;
  color: string;
  /** How the item is drawn: a filled box, a hatched box, a line, a point symbol. */
  symbol: 'fill' | 'hatch' | 'line' | 'point';
  outline?: string;
}

export interface MapLayoutText {
  title: string;
  subtitle: string;
  legendTitle: string;
  legend: LegendItem[];
  date: string;
  sources: string;
  /** Shown prominently while a synthetic layer is in use. */
  notice?: string | null;
  /** Unit words for the scale bar: 'm' and 'km' (or 米 / 公里). */
  metres: string;
  kilometres: string;
  north: string;
}

export interface PageSize {
  width: number;
  height: number;
}

/** Paper sizes in millimetres (ISO 216) and the pixel size at a resolution. */
export const PAPER_MM = { A4: [210, 297], A3: [297, 420] } as const;

export function paperPixels(paper: keyof typeof PAPER_MM, orientation: 'portrait' | 'landscape', dpi: number): PageSize {
  const [short, long] = PAPER_MM[paper];
  const px = (mm: number) => Math.round((mm / 25.4) * dpi);
  return orientation === 'portrait' ? { width: px(short), height: px(long) } : { width: px(long), height: px(short) };
}

interface Metrics {
  unit: number;
  margin: number;
  titleSize: number;
  subtitleSize: number;
  footerSize: number;
  header: number;
  footer: number;
}

/** Rough drawn width of text in em: CJK and full-width characters 1, others 0.55 (for wrapping and boxes). */
export function estimateEm(text: string): number {
  let em = 0;
  for (const character of text) em += (character.codePointAt(0) as number) >= 0x2e80 ? 1 : 0.55;
  return em;
}

/** Breaks text into lines no wider than `width` at `size` (between words, or anywhere in CJK runs). */
export function wrapText(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of text.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+/gu) ?? []) {
    const candidate = line + token;
    if (line !== '' && estimateEm(candidate.trimEnd()) * size > width) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line = candidate;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

function footerLines(page: PageSize, text: Pick<MapLayoutText, 'date' | 'sources' | 'notice'>, m: Pick<Metrics, 'margin' | 'footerSize'>): { sources: string[]; notice: string[] } {
  const width = page.width - 2 * m.margin;
  return {
    sources: wrapText(`${text.date}  ·  ${text.sources}`, width, m.footerSize),
    notice: text.notice ? wrapText(text.notice, width, m.footerSize) : [],
  };
}

function metricsOf(page: PageSize, text: Pick<MapLayoutText, 'date' | 'sources' | 'notice'>): Metrics {
  // One length unit: 1/100 of the page's shorter side.
  const unit = Math.min(page.width, page.height) / 100;
  const titleSize = 3.6 * unit;
  const subtitleSize = 2.2 * unit;
  const footerSize = 1.5 * unit;
  const margin = 3 * unit;
  const header = titleSize * 1.3 + subtitleSize * 1.5 + unit;
  const lines = footerLines(page, text, { margin, footerSize });
  const footer = footerSize * 1.5 * (lines.sources.length + lines.notice.length) + 1.5 * unit;
  return { unit, margin, titleSize, subtitleSize, footerSize, header, footer };
}

/** Where the map goes on the page: below the title, above the footer, inside the margins. */
export function planMapFrame(page: PageSize, text: Pick<MapLayoutText, 'date' | 'sources' | 'notice'>): Rect {
  const m = metricsOf(page, text);
  return { x: m.margin, y: m.margin + m.header, width: page.width - 2 * m.margin, height: page.height - 2 * m.margin - m.header - m.footer };
}

/** The longest 1, 2 or 5 × 10ⁿ metres that fits in `maxPixels`. */
export function niceScaleLength(metresPerPixel: number, maxPixels: number): number {
  const maxMetres = metresPerPixel * maxPixels;
  const power = 10 ** Math.floor(Math.log10(maxMetres));
  for (const step of [5, 2, 1]) if (step * power <= maxMetres) return step * power;
  return power;
}

function scaleLabel(metres: number, text: MapLayoutText): string {
  return metres >= 1000 ? `${metres / 1000} ${text.kilometres}` : `${metres} ${text.metres}`;
}

const INK = '#1f2933';
const PAPER = '#ffffff';

/**
 * The draw commands around and over a map already drawn in `frame`. `metresPerPixel` is the ground
 * distance of one page pixel at the frame's centre (measured on the ellipsoid by the caller).
 */
export function planMapLayout(page: PageSize, text: MapLayoutText, metresPerPixel: number): { frame: Rect; commands: DrawCommand[] } {
  const m = metricsOf(page, text);
  const frame = planMapFrame(page, text);
  const u = m.unit;
  const commands: DrawCommand[] = [];
  // Title block.
  commands.push({ kind: 'text', x: m.margin, y: m.margin, text: text.title, size: m.titleSize, bold: true, color: INK, align: 'left', baseline: 'top' });
  commands.push({ kind: 'text', x: m.margin, y: m.margin + m.titleSize * 1.3, text: text.subtitle, size: m.subtitleSize, color: '#3e4c59', align: 'left', baseline: 'top' });
  // Map frame outline.
  commands.push({ kind: 'rect', rect: frame, stroke: INK, lineWidth: Math.max(1, 0.15 * u) });

  // Legend: bottom-left inside the frame, on white.
  const itemSize = 1.8 * u;
  const legendFont = 1.6 * u;
  const rowHeight = itemSize * 1.45;
  const labelWidth = Math.max(text.legendTitle.length, ...text.legend.map((item) => item.label.length)) * legendFont * 0.95;
  const legend: Rect = {
    x: frame.x + u,
    y: frame.y + frame.height - u - (rowHeight * (text.legend.length + 1) + u),
    width: Math.min(frame.width * 0.6, itemSize + labelWidth + 3 * u),
    height: rowHeight * (text.legend.length + 1) + u,
  };
  commands.push({ kind: 'rect', rect: legend, fill: 'rgba(255,255,255,0.92)', stroke: '#9aa5b1', lineWidth: Math.max(1, 0.1 * u) });
  commands.push({ kind: 'text', x: legend.x + u, y: legend.y + u * 0.6, text: text.legendTitle, size: legendFont, bold: true, color: INK, align: 'left', baseline: 'top' });
  text.legend.forEach((item, i) => {
    const top = legend.y + u * 0.6 + rowHeight * (i + 1);
    const box: Rect = { x: legend.x + u, y: top, width: itemSize, height: itemSize };
    if (item.symbol === 'hatch') {
      commands.push({ kind: 'rect', rect: box, fill: PAPER, stroke: item.outline ?? item.color, lineWidth: Math.max(1, 0.08 * u) });
      for (let step = 1; step < 4; step++) {
        const offset = (step * itemSize) / 4;
        commands.push({ kind: 'path', points: [[box.x, box.y + itemSize - offset], [box.x + itemSize - offset, box.y + itemSize]], closed: false, stroke: item.color, lineWidth: Math.max(1, 0.12 * u) });
        commands.push({ kind: 'path', points: [[box.x + offset, box.y], [box.x + itemSize, box.y + itemSize - offset]], closed: false, stroke: item.color, lineWidth: Math.max(1, 0.12 * u) });
      }
    } else if (item.symbol === 'fill') commands.push({ kind: 'rect', rect: box, fill: item.color, stroke: item.outline ?? '#52606d', lineWidth: Math.max(1, 0.08 * u) });
    else if (item.symbol === 'line') commands.push({ kind: 'path', points: [[box.x, box.y + itemSize / 2], [box.x + itemSize, box.y + itemSize / 2]], closed: false, stroke: item.color, lineWidth: Math.max(1, 0.3 * u) });
    else commands.push({ kind: 'circle', x: box.x + itemSize / 2, y: box.y + itemSize / 2, radius: itemSize * 0.3, fill: item.color, stroke: item.outline ?? PAPER, lineWidth: Math.max(1, 0.1 * u) });
    commands.push({ kind: 'text', x: box.x + itemSize + u, y: top + itemSize / 2, text: item.label, size: legendFont, color: INK, align: 'left', baseline: 'middle' });
  });

  // Scale bar: bottom-right inside the frame, four alternating segments.
  const scaleMetres = niceScaleLength(metresPerPixel, frame.width * 0.25);
  const barLength = scaleMetres / metresPerPixel;
  const barHeight = 0.7 * u;
  // Room on the right for the end label, which is centred on the bar's end.
  const barRight = frame.x + frame.width - 2 * u - scaleLabel(scaleMetres, text).length * legendFont * 0.35;
  const barTop = frame.y + frame.height - 2 * u - barHeight;
  const barLeft = barRight - barLength;
  const labelRoom = scaleLabel(scaleMetres, text).length * legendFont * 0.35;
  commands.push({ kind: 'rect', rect: { x: barLeft - u, y: barTop - 2.8 * u, width: barLength + 2 * u + labelRoom, height: barHeight + 4 * u }, fill: 'rgba(255,255,255,0.85)' });
  for (let s = 0; s < 4; s++) {
    commands.push({ kind: 'rect', rect: { x: barLeft + (s * barLength) / 4, y: barTop, width: barLength / 4, height: barHeight }, fill: s % 2 === 0 ? INK : PAPER, stroke: INK, lineWidth: Math.max(1, 0.08 * u) });
  }
  commands.push({ kind: 'text', x: barLeft, y: barTop - 0.5 * u, text: '0', size: legendFont, color: INK, align: 'center', baseline: 'bottom' });
  commands.push({ kind: 'text', x: barRight, y: barTop - 0.5 * u, text: scaleLabel(scaleMetres, text), size: legendFont, color: INK, align: 'center', baseline: 'bottom' });

  // North arrow: top-right inside the frame (the map is north-up).
  const arrowX = frame.x + frame.width - 4 * u;
  const arrowTop = frame.y + 2 * u;
  const arrowHeight = 5 * u;
  commands.push({ kind: 'path', points: [[arrowX, arrowTop + 2 * u], [arrowX + 1.4 * u, arrowTop + 2 * u + arrowHeight], [arrowX, arrowTop + 1.5 * u + arrowHeight * 0.75], [arrowX - 1.4 * u, arrowTop + 2 * u + arrowHeight]], closed: true, fill: INK, stroke: PAPER, lineWidth: Math.max(1, 0.1 * u) });
  commands.push({ kind: 'text', x: arrowX, y: arrowTop + 1.6 * u, text: text.north, size: 2 * u, bold: true, color: INK, align: 'center', baseline: 'bottom', halo: PAPER });

  // Footer: date and sources (wrapped to the page), then the notice in the warning colour.
  const lines = footerLines(page, text, m);
  let footerY = frame.y + frame.height + u;
  for (const line of lines.sources) {
    commands.push({ kind: 'text', x: m.margin, y: footerY, text: line, size: m.footerSize, color: '#3e4c59', align: 'left', baseline: 'top' });
    footerY += m.footerSize * 1.5;
  }
  for (const line of lines.notice) {
    commands.push({ kind: 'text', x: m.margin, y: footerY, text: line, size: m.footerSize, bold: true, color: '#9a3412', align: 'left', baseline: 'top' });
    footerY += m.footerSize * 1.5;
  }
  return { frame, commands };
}
