// Draws layout commands (plan-map-layout.ts) on a 2D canvas context: the app's page canvas, an
// OffscreenCanvas in a worker, or the CLI's page in Chromium. Text is drawn with fillText, never
// parsed as markup.

import type { DrawCommand } from './plan-map-layout.ts';

/** The part of CanvasRenderingContext2D used (the core compiles without the DOM lib). */
export interface Canvas2D {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  lineJoin: string;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  closePath(): void;
  fill(): void;
  stroke(): void;
  fillText(text: string, x: number, y: number): void;
  strokeText(text: string, x: number, y: number): void;
}

export const LAYOUT_FONT_FAMILY = '"Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** Fills and strokes the current path as a command asks. */
function paint(context: Canvas2D, fill: string | undefined, stroke: string | undefined, lineWidth = 1) {
  if (fill) {
    context.fillStyle = fill;
    context.fill();
  }
  if (stroke) {
    context.strokeStyle = stroke;
    context.lineWidth = lineWidth;
    context.stroke();
  }
}

export function drawMapLayout(context: Canvas2D, commands: DrawCommand[]): void {
  context.lineJoin = 'round';
  for (const command of commands) {
    switch (command.kind) {
      case 'rect': {
        const { x, y, width, height } = command.rect;
        if (command.fill) {
          context.fillStyle = command.fill;
          context.fillRect(x, y, width, height);
        }
        if (command.stroke) {
          context.strokeStyle = command.stroke;
          context.lineWidth = command.lineWidth ?? 1;
          context.strokeRect(x, y, width, height);
        }
        break;
      }
      case 'path': {
        context.beginPath();
        command.points.forEach(([x, y], i) => (i === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
        if (command.closed) context.closePath();
        paint(context, command.fill, command.stroke, command.lineWidth);
        break;
      }
      case 'circle': {
        context.beginPath();
        context.arc(command.x, command.y, command.radius, 0, 2 * Math.PI);
        paint(context, command.fill, command.stroke, command.lineWidth);
        break;
      }
      case 'text': {
        context.font = `${command.bold ? '700' : '400'} ${command.size}px ${LAYOUT_FONT_FAMILY}`;
        context.textAlign = command.align;
        context.textBaseline = command.baseline;
        if (command.halo) {
          context.strokeStyle = command.halo;
          context.lineWidth = command.size * 0.2;
          context.strokeText(command.text, command.x, command.y);
        }
        context.fillStyle = command.color;
        context.fillText(command.text, command.x, command.y);
        break;
      }
    }
  }
}
