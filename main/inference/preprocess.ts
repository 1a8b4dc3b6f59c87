// The manifest's preprocessing applied to a decoded image: grey levels, geometry steps, normalization, layout.
// Alongside the tensor it returns the mapping from model-input pixels back to image pixels, for detection boxes.
import type { DecodedImage } from '../dicom/pixels/decode';
import { toLevels, type PlanarImage, type UnitImage } from '../dicom/pixels/levels';
import { crop, pad, resize } from '../dicom/pixels/resample';
import type { ModelManifest } from './manifest';

/** image coordinate = model-input coordinate × scale + offset, per axis (pixel-edge coordinates). */
export interface InputToImage {
  scaleX: number;
  scaleY: number;
  offsetX: number;
  offsetY: number;
}

export interface PreparedInput {
  tensor: Float32Array;
  dims: [number, number, number, number];
  toImage: InputToImage;
  /** The windowing actually applied (recorded with the result). */
  windowing: string;
}

function applySteps(start: PlanarImage, steps: ModelManifest['preprocessing']['steps']): { image: UnitImage; toImage: InputToImage } {
  let image = start;
  const t: InputToImage = { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 };
  const shift = (dx: number, dy: number) => {
    t.offsetX += dx * t.scaleX;
    t.offsetY += dy * t.scaleY;
  };
  const scale = (fx: number, fy: number) => {
    t.scaleX *= fx;
    t.scaleY *= fy;
  };
  for (const step of steps) {
    if (step.op === 'crop') {
      image = crop(image, step.x, step.y, step.width, step.height);
      shift(step.x, step.y);
    } else if (step.op === 'center-square') {
      const side = Math.min(image.width, image.height);
      const x = Math.floor((image.width - side) / 2);
      const y = Math.floor((image.height - side) / 2);
      image = crop(image, x, y, side, side);
      shift(x, y);
    } else if (step.keepAspect) {
      const factor = Math.min(step.width / image.width, step.height / image.height);
      const width = Math.max(1, Math.round(image.width * factor));
      const height = Math.max(1, Math.round(image.height * factor));
      const x = Math.floor((step.width - width) / 2);
      const y = Math.floor((step.height - height) / 2);
      scale(image.width / width, image.height / height);
      image = pad(resize(image, width, height, step.method), step.width, step.height, x, y, step.padValue);
      shift(-x, -y);
    } else {
      scale(image.width / step.width, image.height / step.height);
      image = resize(image, step.width, step.height, step.method);
    }
  }
  // The manifest schema requires a final resize, which always yields mapped levels.
  if ('table' in image) throw new Error('preprocessing steps must end in a resize to the input size');
  return { image, toImage: t };
}

export function prepareInput(decoded: DecodedImage, manifest: ModelManifest): PreparedInput {
  const { input, preprocessing } = manifest;
  // A grey image stays one plane through the geometry steps and is replicated only at the end.
  const levelsChannels = decoded.channels === 3 && input.channels === 3 ? 3 : 1;
  const levels = toLevels(decoded, preprocessing.windowing, preprocessing.monochrome1, levelsChannels);
  const { image, toImage } = applySteps(levels.image, preprocessing.steps);
  const { scale, mean, std } = preprocessing.normalization;
  const plane = input.width * input.height;
  const tensor = new Float32Array(plane * input.channels);
  for (let c = 0; c < input.channels; c++) {
    const source = image.data.subarray((image.channels === 1 ? 0 : c) * plane, (image.channels === 1 ? 1 : c + 1) * plane);
    const m = mean[mean.length === 1 ? 0 : c]!;
    const s = std[std.length === 1 ? 0 : c]!;
    for (let i = 0; i < plane; i++) {
      const value = (source[i]! * scale - m) / s;
      if (input.layout === 'NCHW') tensor[c * plane + i] = value;
      else tensor[i * input.channels + c] = value;
    }
  }
  const dims: [number, number, number, number] =
    input.layout === 'NCHW' ? [1, input.channels, input.height, input.width] : [1, input.height, input.width, input.channels];
  return { tensor, dims, toImage, windowing: levels.windowing };
}
