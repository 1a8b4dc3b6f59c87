// Stored pixel values → grey levels in [0, 1]: modality LUT (rescale slope/intercept), then a window chosen by the
// model (the file's VOI window, min-max, percentiles, or the stored bit depth), then MONOCHROME1 inversion, so
// that bright always means dense whatever the file's convention.
import type { DecodedImage } from './decode';

export type Windowing =
  | { method: 'voi' }
  | { method: 'minmax' }
  | { method: 'percentile'; low: number; high: number }
  | { method: 'bit-depth' };

/** A float image in [0, 1], channel-planar (all of channel 0, then channel 1, …). */
export interface UnitImage {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Float32Array;
}

/**
 * A grey image whose level mapping is deferred: level = table[sample − tableOffset]. Crops and the first resize
 * read through the table, so a 3000×2500 image is never mapped in full when the model needs 224×224 of it.
 */
export interface MappedImage {
  width: number;
  height: number;
  channels: 1;
  samples: Int32Array;
  table: Float32Array;
  tableOffset: number;
}

export type PlanarImage = UnitImage | MappedImage;

export interface LevelsResult {
  image: PlanarImage;
  /** What was actually applied, e.g. "VOI window 600/1600" or "min-max (no VOI window in the file)". */
  windowing: string;
}

type Curve = (modalityValue: number) => number;

function valueRange(samples: Int32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** PS3.3 C.11.2.1.2: LINEAR, LINEAR_EXACT and SIGMOID VOI LUT functions. */
function voiCurve(center: number, width: number, fn: string): Curve {
  if (fn === 'SIGMOID') return (x) => 1 / (1 + Math.exp((-4 * (x - center)) / width));
  if (fn === 'LINEAR_EXACT') return (x) => (x <= center - width / 2 ? 0 : x > center + width / 2 ? 1 : (x - center) / width + 0.5);
  const low = center - 0.5 - (width - 1) / 2;
  const high = center - 0.5 + (width - 1) / 2;
  if (width <= 1) return (x) => (x <= low ? 0 : 1);
  return (x) => (x <= low ? 0 : x > high ? 1 : (x - (center - 0.5)) / (width - 1) + 0.5);
}

const rangeCurve = (low: number, high: number): Curve =>
  high > low ? (x) => Math.min(1, Math.max(0, (x - low) / (high - low))) : () => 0;

/** Sorted access to the modality values, without sorting millions of integers. */
function orderStatistics(samples: Int32Array | Float64Array, slope: number, intercept: number): (index: number) => number {
  if (samples instanceof Int32Array) {
    const { min, max } = valueRange(samples);
    const cumulative = new Float64Array(max - min + 1);
    for (let i = 0; i < samples.length; i++) cumulative[samples[i]! - min]!++;
    for (let i = 1; i < cumulative.length; i++) cumulative[i]! += cumulative[i - 1]!;
    return (index) => {
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > index) hi = mid;
        else lo = mid + 1;
      }
      return (lo + min) * slope + intercept;
    };
  }
  const sorted = Float64Array.from(samples, (v) => v * slope + intercept).sort();
  return (index) => sorted[index]!;
}

/** numpy.percentile's default (linear interpolation between order statistics). */
function percentile(at: (index: number) => number, count: number, p: number): number {
  const position = (p / 100) * (count - 1);
  const lower = Math.floor(position);
  const upper = Math.min(count - 1, lower + 1);
  const a = at(lower);
  return a + (position - lower) * (at(upper) - a);
}

function greyCurve(image: DecodedImage, windowing: Windowing): { curve: (stored: number) => number; description: string } {
  const { rescaleSlope: slope, rescaleIntercept: intercept, bitsStored, signed, windows, voiLutFunction } = image.attributes;
  const modality = (stored: number) => stored * slope + intercept;
  if (windowing.method === 'bit-depth') {
    const offset = signed ? 2 ** (bitsStored - 1) : 0;
    const full = 2 ** bitsStored - 1;
    return { curve: (v) => Math.min(1, Math.max(0, (v + offset) / full)), description: `stored bit depth (${bitsStored} bits)` };
  }
  const window = windows[0];
  if (windowing.method === 'voi' && window) {
    const curve = voiCurve(window.center, window.width, voiLutFunction);
    return { curve: (v) => curve(modality(v)), description: `VOI window ${window.center}/${window.width} ${voiLutFunction}` };
  }
  const at = orderStatistics(image.samples, slope, intercept);
  const count = image.samples.length;
  if (windowing.method === 'percentile') {
    const low = percentile(at, count, windowing.low);
    const high = percentile(at, count, windowing.high);
    const curve = rangeCurve(low, high);
    return { curve: (v) => curve(modality(v)), description: `percentiles ${windowing.low}–${windowing.high} (${low}..${high})` };
  }
  const low = Math.min(at(0), at(count - 1));
  const high = Math.max(at(0), at(count - 1));
  const curve = rangeCurve(low, high);
  const why = windowing.method === 'voi' ? ' (no VOI window in the file)' : '';
  return { curve: (v) => curve(modality(v)), description: `min-max ${low}..${high}${why}` };
}

/** The curve as a lookup table over the samples' value range, or null when the range is too wide for one. */
function curveTable(samples: Int32Array | Float64Array, curve: (stored: number) => number): { table: Float32Array; offset: number } | null {
  if (!(samples instanceof Int32Array)) return null;
  const { min, max } = valueRange(samples);
  if (max - min >= 1 << 20) return null;
  const table = new Float32Array(max - min + 1);
  for (let i = 0; i < table.length; i++) table[i] = curve(i + min);
  return { table, offset: min };
}

function applyCurve(image: DecodedImage, curve: (stored: number) => number): PlanarImage {
  const { rows: height, columns: width, samples } = image;
  const lookup = curveTable(samples, curve);
  if (lookup && samples instanceof Int32Array) {
    return { width, height, channels: 1, samples, table: lookup.table, tableOffset: lookup.offset };
  }
  return { width, height, channels: 1, data: Float32Array.from(samples, curve) };
}

/**
 * Maps decoded samples to [0, 1] with `channels` channels. Grey images come back as a MappedImage (the mapping is
 * applied by the geometry steps, only where they read). Colour images are scaled by their bit depth (they have no
 * modality LUT or window); a grey model gets their luminance (ITU-R BT.601 weights).
 */
export function toLevels(
  image: DecodedImage,
  windowing: Windowing,
  monochrome1: 'invert' | 'keep',
  channels: 1 | 3,
): LevelsResult {
  const { rows: height, columns: width } = image;
  const pixels = width * height;
  if (image.channels === 1) {
    const { curve, description } = greyCurve(image, windowing);
    const invert = image.photometric === 'MONOCHROME1' && monochrome1 === 'invert';
    return {
      image: applyCurve(image, invert ? (v) => 1 - curve(v) : curve),
      windowing: `${description}${invert ? ', MONOCHROME1 inverted' : ''}`,
    };
  }
  const full = 2 ** image.attributes.bitsStored - 1;
  const data = new Float32Array(pixels * channels);
  const s = image.samples;
  for (let i = 0; i < pixels; i++) {
    const [r, g, b] = [s[3 * i]! / full, s[3 * i + 1]! / full, s[3 * i + 2]! / full];
    if (channels === 1) data[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    else {
      data[i] = r;
      data[pixels + i] = g;
      data[2 * pixels + i] = b;
    }
  }
  return {
    image: { width, height, channels, data },
    windowing: `RGB scaled by bit depth (${image.attributes.bitsStored} bits)${channels === 1 ? ', luminance' : ''}`,
  };
}
