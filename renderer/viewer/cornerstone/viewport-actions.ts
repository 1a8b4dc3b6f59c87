// Reader actions on one stack viewport: presets, orientation, inversion, reset, navigation. Each one renders, so
// callers never need to remember to.
import { utilities, type StackViewport, type Types } from '@cornerstonejs/core';
import type { WindowPreset } from '../presets';
import { fileHasWindow, lutWindow, voiLutOf } from './voi-lut';

const firstValue = (value: number | number[] | undefined): number | undefined =>
  Array.isArray(value) ? value[0] : value;

/** The image's full stored range in modality units (after rescale slope/intercept). */
function fullRange(image: Types.IImage): Types.VOIRange {
  const lower = image.minPixelValue;
  const upper = image.maxPixelValue > lower ? image.maxPixelValue : lower + 1;
  return { lower, upper };
}

/** Window Center/Width as the loader reports them (from the file, or derived from the pixel range). */
function imageWindow(image: Types.IImage): Types.VOIRange | null {
  const width = firstValue(image.windowWidth);
  const center = firstValue(image.windowCenter);
  if (width === undefined || center === undefined || !(width > 0)) return null;
  return utilities.windowLevel.toLowHighRange(width, center, image.voiLUTFunction);
}

/** The window the file asks for: Window Center/Width, else its VOI LUT's range, else the full range. */
function dicomDefaultRange(image: Types.IImage): Types.VOIRange {
  const lut = fileHasWindow(image.imageId) ? null : voiLutOf(image.imageId);
  return (lut && lutWindow(lut)?.range) ?? imageWindow(image) ?? fullRange(image);
}

/**
 * Cornerstone shows an image without Window Center/Width over its full range; when the file has a VOI LUT instead,
 * this puts the LUT's window (and direction) in place. Returns whether it changed anything.
 */
export function applyVoiLutDefault(viewport: StackViewport): boolean {
  const image = viewport.getCornerstoneImage();
  if (!image || fileHasWindow(image.imageId)) return false;
  const lut = voiLutOf(image.imageId);
  const window = lut && lutWindow(lut);
  if (!window) return false;
  const invert = window.falling !== (image.photometricInterpretation === 'MONOCHROME1');
  viewport.setProperties({ voiRange: window.range, invert });
  viewport.render();
  return true;
}

export function applyPreset(viewport: StackViewport, preset: WindowPreset): void {
  const image = viewport.getCornerstoneImage();
  if (!image) return;
  const voiRange = preset.window
    ? utilities.windowLevel.toLowHighRange(preset.window.width, preset.window.center)
    : preset.id === 'full'
      ? fullRange(image)
      : dicomDefaultRange(image);
  viewport.setProperties({ voiRange });
  viewport.render();
}

export function rotateClockwise(viewport: StackViewport): void {
  const { rotation = 0 } = viewport.getViewPresentation();
  viewport.setViewPresentation({ rotation: (rotation + 90) % 360 });
  viewport.render();
}

export function flip(viewport: StackViewport, axis: 'horizontal' | 'vertical'): void {
  const camera = viewport.getCamera();
  viewport.setCamera(
    axis === 'horizontal' ? { flipHorizontal: !camera.flipHorizontal } : { flipVertical: !camera.flipVertical },
  );
  viewport.render();
}

export function toggleInvert(viewport: StackViewport): void {
  viewport.setProperties({ invert: !viewport.getProperties().invert });
  viewport.render();
}

/** Back to how the image first appeared: file window, MONOCHROME1 inversion, fitted, upright. */
export function resetView(viewport: StackViewport): void {
  viewport.resetCamera();
  // Flips go through the camera: setViewPresentation treats a flip flag as "flip once more", not as a state.
  viewport.setCamera({ flipHorizontal: false, flipVertical: false });
  viewport.setViewPresentation({ rotation: 0 });
  viewport.resetProperties();
  if (!applyVoiLutDefault(viewport)) viewport.render();
}

/** Steps from the image last asked for, so stepping past one that failed to load moves on instead of retrying it. */
export function scrollBy(viewport: StackViewport, delta: number): void {
  scrollTo(viewport, viewport.getTargetImageIdIndex() + delta);
}

export function scrollTo(viewport: StackViewport, index: number): void {
  const target = Math.min(viewport.getImageIds().length - 1, Math.max(0, index));
  // Failures surface through IMAGE_LOAD_ERROR, which the pane shows.
  if (target !== viewport.getTargetImageIdIndex()) viewport.setImageIdIndex(target).catch(() => undefined);
}

/** Screen pixels per image pixel, as a percentage (100 % = one image pixel per CSS pixel). */
export function magnificationPercent(viewport: StackViewport): number | null {
  const { parallelScale } = viewport.getCamera();
  const imageData = viewport.getImageData();
  const height = viewport.element.clientHeight;
  if (!parallelScale || !imageData || height === 0) return null;
  const rowSpacing = imageData.spacing[1] ?? 1;
  return (height / (2 * parallelScale)) * rowSpacing * 100;
}
