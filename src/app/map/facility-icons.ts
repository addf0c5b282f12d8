// Facility symbols drawn on a canvas (no sprite server offline): one shape × colour per type, so
// every demo type is distinct in shape or colour. Imported types get one by a stable hash.
import { BUILT_IN_SERVICES } from '../../core/analysis/service-catalog.ts';

const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'star', 'hexagon', 'cross', 'pentagon'] as const;
type Shape = (typeof SHAPES)[number];
/** Okabe–Ito colours (colour-blind safe), without yellow (poor contrast on light backgrounds). */
const COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export interface FacilitySymbol {
  shape: Shape;
  color: string;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function facilitySymbol(type: string): FacilitySymbol {
  const index = BUILT_IN_SERVICES.findIndex((service) => service.type === type);
  const n = index >= 0 ? index : hash(type);
  return { shape: SHAPES[n % SHAPES.length], color: COLORS[(n + Math.floor(n / SHAPES.length) * 3) % COLORS.length] };
}

function polygonPath(context: CanvasRenderingContext2D, cx: number, cy: number, radius: number, sides: number, rotation: number): void {
  context.beginPath();
  for (let i = 0; i < sides; i++) {
    const angle = rotation + (2 * Math.PI * i) / sides;
    const x = cx + radius * Math.cos(angle);
    const y = cy + radius * Math.sin(angle);
    if (i === 0) context.moveTo(x, y);
    else context.lineTo(x, y);
  }
  context.closePath();
}

function shapePath(context: CanvasRenderingContext2D, shape: Shape, size: number): void {
  const c = size / 2;
  const r = size / 2 - 3;
  switch (shape) {
    case 'circle':
      context.beginPath();
      context.arc(c, c, r * 0.85, 0, Math.PI * 2);
      break;
    case 'square':
      context.beginPath();
      context.rect(c - r * 0.75, c - r * 0.75, r * 1.5, r * 1.5);
      break;
    case 'triangle':
      polygonPath(context, c, c + r * 0.15, r, 3, -Math.PI / 2);
      break;
    case 'diamond':
      polygonPath(context, c, c, r, 4, 0);
      break;
    case 'hexagon':
      polygonPath(context, c, c, r * 0.9, 6, 0);
      break;
    case 'pentagon':
      polygonPath(context, c, c, r * 0.9, 5, -Math.PI / 2);
      break;
    case 'star': {
      context.beginPath();
      for (let i = 0; i < 10; i++) {
        const radius = i % 2 === 0 ? r : r * 0.45;
        const angle = -Math.PI / 2 + (Math.PI * i) / 5;
        const x = c + radius * Math.cos(angle);
        const y = c + radius * Math.sin(angle);
        if (i === 0) context.moveTo(x, y);
        else context.lineTo(x, y);
      }
      context.closePath();
      break;
    }
    case 'cross': {
      const a = r * 0.35;
      context.beginPath();
      context.moveTo(c - a, c - r);
      context.lineTo(c + a, c - r);
      context.lineTo(c + a, c - a);
      context.lineTo(c + r, c - a);
      context.lineTo(c + r, c + a);
      context.lineTo(c + a, c + a);
      context.lineTo(c + a, c + r);
      context.lineTo(c - a, c + r);
      context.lineTo(c - a, c + a);
      context.lineTo(c - r, c + a);
      context.lineTo(c - r, c - a);
      context.lineTo(c - a, c - a);
      context.closePath();
      break;
    }
  }
}

/** Draws a type's symbol on a new canvas of `size` CSS pixels × `pixelRatio`. */
export function drawFacilitySymbol(type: string, size = 18, pixelRatio = 2): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size * pixelRatio;
  const context = canvas.getContext('2d')!;
  context.scale(pixelRatio, pixelRatio);
  const { shape, color } = facilitySymbol(type);
  shapePath(context, shape, size);
  context.fillStyle = color;
  context.fill();
  context.lineWidth = 1.5;
  context.strokeStyle = '#ffffff';
  context.stroke();
  return canvas;
}
