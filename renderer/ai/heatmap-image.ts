// A heatmap plane as a small translucent picture: values scaled to the plane's own range, low values clear,
// high values amber turning red, so the image underneath stays readable. Scaled up smoothly when drawn.
import type { AiHeatmap } from '../../preload/contract';

const LOW = [217, 179, 95]; // the theme's amber
const HIGH = [224, 72, 56];
/** Below this share of the range nothing is drawn: a faint wash everywhere would only grey the image. */
const FLOOR = 0.25;
const MAX_ALPHA = 0.7;

export function heatmapImage({ width, height, values }: AiHeatmap): string {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  const pixels = context.createImageData(width, height);
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const range = max - min || 1;
  for (let i = 0; i < width * height; i++) {
    const t = (values[i]! - min) / range;
    const strength = Math.max(0, (t - FLOOR) / (1 - FLOOR));
    for (let c = 0; c < 3; c++) pixels.data[4 * i + c] = Math.round(LOW[c]! + (HIGH[c]! - LOW[c]!) * strength);
    pixels.data[4 * i + 3] = Math.round(255 * MAX_ALPHA * strength);
  }
  context.putImageData(pixels, 0, 0);
  return canvas.toDataURL('image/png');
}
