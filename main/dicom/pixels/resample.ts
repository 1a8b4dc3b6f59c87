// Separable resampling of channel-planar float images. Each method is a set of per-output-pixel source weights,
// applied along x then along y, so nearest, bilinear and area share one code path.
import type { PlanarImage, UnitImage } from './levels';

export type ResizeMethod = 'nearest' | 'bilinear' | 'area';

interface Taps {
  /** For output index o: sources start[o] .. start[o] + weights[o].length - 1. */
  start: Int32Array;
  weights: Float32Array[];
}

function taps(source: number, target: number, method: ResizeMethod): Taps {
  const start = new Int32Array(target);
  const weights: Float32Array[] = [];
  const scale = source / target;
  for (let o = 0; o < target; o++) {
    if (method === 'nearest') {
      // floor(dst × src / dst_size): what common image libraries (and the shared model's app) do.
      start[o] = Math.min(source - 1, Math.floor((o * source) / target));
      weights.push(Float32Array.of(1));
    } else if (method === 'bilinear') {
      // Half-pixel centres, no antialiasing (PyTorch align_corners=False, tf.image.resize bilinear).
      const x = Math.min(source - 1, Math.max(0, (o + 0.5) * scale - 0.5));
      const left = Math.floor(x);
      const right = Math.min(source - 1, left + 1);
      start[o] = left;
      weights.push(right === left ? Float32Array.of(1) : Float32Array.of(1 - (x - left), x - left));
    } else {
      // Box filter: the average of the source interval [o·scale, (o+1)·scale), partial pixels weighted by overlap.
      const from = o * scale;
      const to = (o + 1) * scale;
      const first = Math.floor(from);
      const last = Math.min(source - 1, Math.ceil(to) - 1);
      const w = new Float32Array(last - first + 1);
      for (let s = first; s <= last; s++) w[s - first] = (Math.min(to, s + 1) - Math.max(from, s)) / scale;
      start[o] = first;
      weights.push(w);
    }
  }
  return { start, weights };
}

/** Source rows the vertical taps read (all of them for area; a few hundred of thousands for nearest/bilinear). */
function rowsRead(source: number, ty: Taps): Uint8Array {
  const used = new Uint8Array(source);
  ty.weights.forEach((w, o) => used.fill(1, ty.start[o]!, ty.start[o]! + w.length));
  return used;
}

export function resize(image: PlanarImage, width: number, height: number, method: ResizeMethod): UnitImage {
  const { width: sw, height: sh, channels } = image;
  const tx = taps(sw, width, method);
  const ty = taps(sh, height, method);
  const used = rowsRead(sh, ty);
  const horizontal = new Float32Array(channels * sh * width);
  // The source row as levels: read through the deferred table, or straight from the float data.
  const row = new Float32Array(sw);
  const readRow =
    'table' in image
      ? (start: number) => {
          const { samples, table, tableOffset } = image;
          for (let x = 0; x < sw; x++) row[x] = table[samples[start + x]! - tableOffset]!;
          return row;
        }
      : (start: number) => image.data.subarray(start, start + sw);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < sh; y++) {
      if (!used[y]) continue;
      const source = readRow(c * sw * sh + y * sw);
      const outRow = c * width * sh + y * width;
      for (let x = 0; x < width; x++) {
        const w = tx.weights[x]!;
        const s = tx.start[x]!;
        let sum = 0;
        for (let k = 0; k < w.length; k++) sum += w[k]! * source[s + k]!;
        horizontal[outRow + x] = sum;
      }
    }
  }
  const out = new Float32Array(channels * height * width);
  for (let c = 0; c < channels; c++) {
    const plane = c * width * sh;
    for (let y = 0; y < height; y++) {
      const w = ty.weights[y]!;
      const first = ty.start[y]!;
      const outRow = c * width * height + y * width;
      for (let k = 0; k < w.length; k++) {
        const weight = w[k]!;
        const src = plane + (first + k) * width;
        for (let x = 0; x < width; x++) out[outRow + x]! += weight * horizontal[src + x]!;
      }
    }
  }
  return { width, height, channels, data: out };
}

export function crop<T extends PlanarImage>(image: T, x: number, y: number, width: number, height: number): T {
  if (x < 0 || y < 0 || x + width > image.width || y + height > image.height) {
    throw new Error(`crop ${width}×${height} at (${x}, ${y}) falls outside the ${image.width}×${image.height} image`);
  }
  const source = 'table' in image ? image.samples : image.data;
  const out = new (source.constructor as typeof Float32Array | typeof Int32Array)(image.channels * width * height);
  for (let c = 0; c < image.channels; c++) {
    for (let row = 0; row < height; row++) {
      const from = c * image.width * image.height + (y + row) * image.width + x;
      out.set(source.subarray(from, from + width), c * width * height + row * width);
    }
  }
  return 'table' in image ? { ...image, width, height, samples: out } : { ...image, width, height, data: out };
}

/** Places the image at (x, y) on a width×height canvas filled with `value`. */
export function pad(image: UnitImage, width: number, height: number, x: number, y: number, value: number): UnitImage {
  const out = new Float32Array(image.channels * width * height).fill(value);
  for (let c = 0; c < image.channels; c++) {
    for (let row = 0; row < image.height; row++) {
      const from = c * image.width * image.height + row * image.width;
      out.set(image.data.subarray(from, from + image.width), c * width * height + (y + row) * width + x);
    }
  }
  return { width, height, channels: image.channels, data: out };
}
