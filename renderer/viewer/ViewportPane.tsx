// One Cornerstone stack viewport with its overlays, loading indicator and in-viewport error message.
import { useEffect, useRef, useState } from 'react';
import { Enums, eventTarget, type StackViewport, type Types } from '@cornerstonejs/core';
import { ToolGroupManager } from '@cornerstonejs/tools';
import type { StudyDetail } from '../../preload/contract';
import { AiOverlay } from '../ai/AiOverlay';
import { CornerOverlay } from './CornerOverlay';
import { RENDERING_ENGINE_ID, TOOL_GROUP_ID, renderingEngine } from './cornerstone/setup';
import { describeLoadError } from './load-error';
import type { ViewerSeries } from './series';
import { usePaneView } from './use-pane-view';

type ImageSeries = Extract<ViewerSeries, { kind: 'image' }>;
type Status = 'empty' | 'loading' | 'ready' | 'error';

interface Props {
  viewportId: string;
  study: StudyDetail['study'];
  series: ImageSeries | null;
  active: boolean;
  /** Shown only when more than one viewport is on screen. */
  showActiveFrame: boolean;
  onActivate: () => void;
  /** Called whenever an image has been shown or has failed. */
  onSettled: () => void;
}

export function ViewportPane({ viewportId, study, series, active, showActiveFrame, onActivate, onSettled }: Props) {
  const elementRef = useRef<HTMLDivElement>(null);
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const [status, setStatus] = useState<Status>('empty');
  const [error, setError] = useState<string | null>(null);
  // The image the viewport was last asked for: only its failure is this pane's failure.
  const targetImageId = useRef<string | null>(null);
  const view = usePaneView(viewportId, element);
  useEffect(() => {
    if (status === 'ready' || status === 'error') onSettled();
  }, [status, onSettled]);

  useEffect(() => {
    const node = elementRef.current!;
    const engine = renderingEngine();
    engine.enableElement({
      viewportId,
      type: Enums.ViewportType.STACK,
      element: node,
      defaultOptions: { background: [0, 0, 0] as Types.Point3 },
    });
    ToolGroupManager.getToolGroup(TOOL_GROUP_ID)?.addViewport(viewportId, RENDERING_ENGINE_ID);
    const resize = new ResizeObserver(() => engine.resize(true, true));
    resize.observe(node);
    setElement(node);
    return () => {
      resize.disconnect();
      ToolGroupManager.getToolGroup(TOOL_GROUP_ID)?.removeViewports(RENDERING_ENGINE_ID, viewportId);
      engine.disableElement(viewportId);
      setElement(null);
    };
  }, [viewportId]);

  useEffect(() => {
    if (!element) return;
    const started = (event: Event) => {
      targetImageId.current = (event as CustomEvent<{ imageId: string }>).detail.imageId;
      setStatus('loading');
    };
    const shown = () => {
      setStatus('ready');
      setError(null);
    };
    const failed = (event: Event) => {
      const detail = (event as CustomEvent<{ imageId?: string; error?: unknown }>).detail;
      if (!series || !detail?.imageId || detail.imageId !== targetImageId.current) return;
      const image = series.images.find((candidate) => candidate.imageId === detail.imageId);
      const instance = series.summary.instances.find((candidate) => candidate.sopInstanceUid === image?.sopInstanceUid);
      setError(describeLoadError(detail.error, image, instance?.transferSyntaxUid));
      setStatus('error');
    };
    element.addEventListener(Enums.Events.PRE_STACK_NEW_IMAGE, started);
    element.addEventListener(Enums.Events.STACK_NEW_IMAGE, shown);
    eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, failed);
    return () => {
      element.removeEventListener(Enums.Events.PRE_STACK_NEW_IMAGE, started);
      element.removeEventListener(Enums.Events.STACK_NEW_IMAGE, shown);
      eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_ERROR, failed);
    };
  }, [element, series]);

  useEffect(() => {
    if (!element || !series) return;
    const viewport = renderingEngine().getViewport(viewportId) as StackViewport;
    const imageIds = series.images.map((image) => image.imageId);
    targetImageId.current = imageIds[0] ?? null;
    setStatus('loading');
    setError(null);
    // Failures arrive through IMAGE_LOAD_ERROR above, with the image they belong to.
    viewport.setStack(imageIds, 0).catch(() => undefined);
  }, [element, series, viewportId]);

  return (
    <div
      className={`viewer-pane${active && showActiveFrame ? ' active' : ''}`}
      data-testid="viewport-pane"
      data-viewport-id={viewportId}
      data-active={active}
      data-status={status}
      data-image-index={view ? view.index + 1 : undefined}
      data-image-count={view?.count}
      data-window-width={view?.window ? Math.round(view.window.width) : undefined}
      data-window-center={view?.window ? Math.round(view.window.center) : undefined}
      data-zoom={view?.zoomPercent != null ? Math.round(view.zoomPercent) : undefined}
      data-invert={view?.invert}
      onPointerDownCapture={onActivate}
      onContextMenu={(event) => event.preventDefault()}
    >
      <div className="viewer-canvas-host" ref={elementRef} data-testid="viewport-element" />
      {series && <AiOverlay viewportId={viewportId} element={element} images={series.images} />}
      {series && <CornerOverlay study={study} series={series} view={view} />}
      {!series && <div className="viewer-pane-message">Choose a series from the strip on the left</div>}
      {status === 'loading' && (
        <div className="viewer-loading" role="status" aria-label="Loading image">
          <div className="spinner" />
          <span>Loading…</span>
        </div>
      )}
      {status === 'error' && error && (
        <div className="viewer-error" role="alert" data-testid="viewport-error">
          <strong>Image not displayed</strong>
          <span>{error}</span>
        </div>
      )}
    </div>
  );
}
