// Reader actions on one stack viewport: presets, orientation, inversion, reset, navigation. Each one renders, so
// callers never need to remember to.
import { utilities, type StackViewport, type Types } from '@cornerstonejs/core';
import type { WindowPreset } from '../presets';

const firstValue = (value: number | number[] | undefined): number | undefined =>
  Array.isArray(value) ? value[0] : value;

/** The image's full stored range in modality units (after rescale slope/intercept). */
function fullRange(image: Types.IImage): Types.VOIRange {
  const lower = image.minPixelValue;
  const upper = image.maxPixelValue > lower ? image.maxPixelValue : lower + 1;
  return { lower, upper };
}

/** The window the file asks for (Window Center/Width), or the full range when it names none. */
function dicomDefaultRange(image: Types.IImage): Types.VOIRange {
  const width = firstValue(image.windowWidth);
  const center = firstValue(image.windowCenter);
  if (width === undefined || center === undefined || !(width > 0)) return fullRange(image);
  return utilities.windowLevel.toLowHighRange(width, center, image.voiLUTFunction);
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
  viewport.render();
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
