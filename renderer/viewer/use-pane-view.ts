// What a stack viewport currently shows, re-read after every render so the overlay follows drags live.
import { useEffect, useRef, useState } from 'react';
import { Enums, getRenderingEngine, utilities, type StackViewport } from '@cornerstonejs/core';
import { RENDERING_ENGINE_ID } from './cornerstone/setup';
import { applyVoiLutDefault, magnificationPercent } from './cornerstone/viewport-actions';

export interface PaneView {
  /** 0-based position in the stack. */
  index: number;
  count: number;
  window: { width: number; center: number } | null;
  zoomPercent: number | null;
  /** Inverted by the reader, relative to how the stack first appeared (so MONOCHROME1 shown normally is not). */
  invert: boolean;
  rotation: number;
  flipHorizontal: boolean;
  flipVertical: boolean;
}

/**
 * `baselineInvert` is the inversion the stack was first shown with: the CPU path flags MONOCHROME1 as inverted,
 * the GPU path does not, so only a change from the first render means the reader inverted the image.
 */
export function readPaneView(viewport: StackViewport, baselineInvert: boolean): PaneView | null {
  if (!viewport.getCornerstoneImage()) return null;
  const { voiRange, invert = false } = viewport.getProperties();
  const level = voiRange ? utilities.windowLevel.toWindowLevel(voiRange.lower, voiRange.upper) : null;
  const camera = viewport.getCamera();
  return {
    index: viewport.getCurrentImageIdIndex(),
    count: viewport.getImageIds().length,
    window: level ? { width: level.windowWidth, center: level.windowCenter } : null,
    zoomPercent: magnificationPercent(viewport),
    invert: invert !== baselineInvert,
    rotation: Math.round(viewport.getViewPresentation().rotation ?? 0),
    flipHorizontal: !!camera.flipHorizontal,
    flipVertical: !!camera.flipVertical,
  };
}

const sameView = (a: PaneView | null, b: PaneView | null) => JSON.stringify(a) === JSON.stringify(b);

export function usePaneView(viewportId: string, element: HTMLDivElement | null): PaneView | null {
  const [view, setView] = useState<PaneView | null>(null);
  // The first render of each new stack sets the inversion baseline (setStack hands the viewport a new array).
  const baseline = useRef<{ imageIds: string[]; invert: boolean } | null>(null);
  useEffect(() => {
    if (!element) return;
    const onRendered = () => {
      const viewport = getRenderingEngine(RENDERING_ENGINE_ID)?.getViewport(viewportId) as StackViewport | undefined;
      if (!viewport?.getCornerstoneImage()) return;
      const imageIds = viewport.getImageIds();
      if (baseline.current?.imageIds !== imageIds) {
        // A VOI LUT is part of how the file asks to be shown, so it is applied before the baseline is taken.
        applyVoiLutDefault(viewport);
        baseline.current = { imageIds, invert: viewport.getProperties().invert ?? false };
      }
      const next = readPaneView(viewport, baseline.current.invert);
      setView((previous) => (sameView(previous, next) ? previous : next));
    };
    element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    return () => element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
  }, [viewportId, element]);
  return view;
}
