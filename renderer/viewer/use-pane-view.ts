// What a stack viewport currently shows, re-read after every render so the overlay follows drags live.
import { useEffect, useState } from 'react';
import { Enums, getRenderingEngine, utilities, type StackViewport } from '@cornerstonejs/core';
import { RENDERING_ENGINE_ID } from './cornerstone/setup';
import { magnificationPercent } from './cornerstone/viewport-actions';

export interface PaneView {
  /** 0-based position in the stack. */
  index: number;
  count: number;
  window: { width: number; center: number } | null;
  zoomPercent: number | null;
  /** Inverted by the reader (MONOCHROME1 shown the standard way does not count). */
  invert: boolean;
  rotation: number;
  flipHorizontal: boolean;
  flipVertical: boolean;
}

export function readPaneView(viewport: StackViewport): PaneView | null {
  const image = viewport.getCornerstoneImage();
  if (!image) return null;
  const { voiRange, invert = false } = viewport.getProperties();
  const level = voiRange ? utilities.windowLevel.toWindowLevel(voiRange.lower, voiRange.upper) : null;
  const camera = viewport.getCamera();
  const monochrome1 = image.photometricInterpretation === 'MONOCHROME1';
  return {
    index: viewport.getCurrentImageIdIndex(),
    count: viewport.getImageIds().length,
    window: level ? { width: level.windowWidth, center: level.windowCenter } : null,
    zoomPercent: magnificationPercent(viewport),
    invert: invert !== monochrome1,
    rotation: Math.round(viewport.getViewPresentation().rotation ?? 0),
    flipHorizontal: !!camera.flipHorizontal,
    flipVertical: !!camera.flipVertical,
  };
}

const sameView = (a: PaneView | null, b: PaneView | null) => JSON.stringify(a) === JSON.stringify(b);

export function usePaneView(viewportId: string, element: HTMLDivElement | null): PaneView | null {
  const [view, setView] = useState<PaneView | null>(null);
  useEffect(() => {
    if (!element) return;
    const onRendered = () => {
      const viewport = getRenderingEngine(RENDERING_ENGINE_ID)?.getViewport(viewportId) as StackViewport | undefined;
      if (!viewport) return;
      const next = readPaneView(viewport);
      setView((previous) => (sameView(previous, next) ? previous : next));
    };
    element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    return () => element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
  }, [viewportId, element]);
  return view;
}
