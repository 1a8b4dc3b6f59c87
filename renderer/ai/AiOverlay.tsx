// Detection boxes and heatmaps drawn over one viewport. Both are stored in pixels of the analyzed image; each
// corner goes through the viewport's own image data (index → world) and camera (world → canvas), so they follow
// zoom, pan, rotation and flips. Redrawn whenever Cornerstone renders or moves the camera.
import { useEffect, useMemo, useState } from 'react';
import { Enums, getRenderingEngine, type StackViewport, type Types } from '@cornerstonejs/core';
import { RENDERING_ENGINE_ID } from '../viewer/cornerstone/setup';
import { percent } from './ai-results';
import { useAiStudy, type ImageBox } from './AiStudyContext';
import { heatmapImage } from './heatmap-image';

interface StackImageRef {
  imageId: string;
  sopInstanceUid: string;
  /** 1-based frame of a multi-frame instance; null for single-frame instances. */
  frame: number | null;
}

interface Shape extends ImageBox {
  corners: Types.Point2[];
}

interface Drawing {
  sopInstanceUid: string;
  boxes: Shape[];
  /** SVG transform taking the heatmap plane (one unit per value) onto the canvas; null without a heatmap. */
  heatmapTransform: string | null;
}

interface Props {
  viewportId: string;
  /** The element Cornerstone renders into; the overlay covers exactly the same area. */
  element: HTMLDivElement | null;
  images: readonly StackImageRef[];
}

export function AiOverlay({ viewportId, element, images }: Props) {
  const { overlay, boxesFor, heatmapFor } = useAiStudy();
  const [drawing, setDrawing] = useState<Drawing | null>(null);

  useEffect(() => {
    if (!element) return;
    const draw = () => {
      const viewport = getRenderingEngine(RENDERING_ENGINE_ID)?.getViewport(viewportId) as StackViewport | undefined;
      const shown = viewport?.getCornerstoneImage() ? images.find((image) => image.imageId === viewport.getCurrentImageId()) : undefined;
      // Models analyze an instance's first frame: its boxes belong to that frame only.
      if (!viewport || !shown || (shown.frame ?? 1) !== 1) return setDrawing(null);
      const { imageData } = viewport.getImageData();
      if (!imageData.indexToWorld) return setDrawing(null);
      // Index coordinates put pixel centres on integers; stored boxes run along pixel edges.
      const toCanvas = (x: number, y: number) => {
        const [wx, wy, wz] = imageData.indexToWorld!([x - 0.5, y - 0.5, 0]);
        return viewport.worldToCanvas([wx!, wy!, wz!]);
      };
      const heatmap = heatmapFor(shown.sopInstanceUid);
      let heatmapTransform: string | null = null;
      if (heatmap) {
        // An affine map is fixed by three corners: origin, end of the first row, start of the last row.
        const [x0, y0, x1, y1] = heatmap.region;
        const [origin, right, down] = [toCanvas(x0, y0), toCanvas(x1, y0), toCanvas(x0, y1)];
        const { width, height } = heatmap;
        heatmapTransform = `matrix(${(right[0] - origin[0]) / width} ${(right[1] - origin[1]) / width} ${(down[0] - origin[0]) / height} ${(down[1] - origin[1]) / height} ${origin[0]} ${origin[1]})`;
      }
      setDrawing({
        sopInstanceUid: shown.sopInstanceUid,
        heatmapTransform,
        boxes: boxesFor(shown.sopInstanceUid).map((box) => {
          const [x0, y0, x1, y1] = box.finding.box;
          return { ...box, corners: [toCanvas(x0, y0), toCanvas(x1, y0), toCanvas(x1, y1), toCanvas(x0, y1)] };
        }),
      });
    };
    draw();
    element.addEventListener(Enums.Events.IMAGE_RENDERED, draw);
    element.addEventListener(Enums.Events.CAMERA_MODIFIED, draw);
    return () => {
      element.removeEventListener(Enums.Events.IMAGE_RENDERED, draw);
      element.removeEventListener(Enums.Events.CAMERA_MODIFIED, draw);
    };
  }, [element, viewportId, images, boxesFor, heatmapFor]);

  const heatmap = drawing ? heatmapFor(drawing.sopInstanceUid) : null;
  const heatmapHref = useMemo(() => (heatmap ? heatmapImage(heatmap) : null), [heatmap]);
  const boxes = overlay.showBoxes ? (drawing?.boxes ?? []) : [];
  const showHeatmap = overlay.showHeatmap && heatmap && heatmapHref && drawing?.heatmapTransform;
  if (boxes.length === 0 && !showHeatmap) return null;
  return (
    <svg className="ai-overlay" data-testid="ai-overlay" style={{ opacity: overlay.opacity }} aria-label="AI second opinion marks">
      {showHeatmap && (
        <image
          className="ai-heatmap"
          data-testid="ai-heatmap"
          href={heatmapHref}
          width={heatmap.width}
          height={heatmap.height}
          preserveAspectRatio="none"
          transform={drawing.heatmapTransform!}
        />
      )}
      {boxes.map((shape, index) => {
        // The label sits above the box's highest corner on screen, upright whatever the rotation.
        const top = shape.corners.reduce((best, corner) => (corner[1] < best[1] || (corner[1] === best[1] && corner[0] < best[0]) ? corner : best));
        const text = `${shape.finding.label} ${percent(shape.finding.score)}`;
        return (
          <g key={index} className="ai-overlay-box" data-label={shape.finding.label} data-corners={JSON.stringify(shape.corners.map(round))}>
            <title>{`${text} — ${shape.modelName}`}</title>
            <polygon points={shape.corners.map(([x, y]) => `${x},${y}`).join(' ')} />
            <text x={top[0]} y={Math.max(top[1] - 6, 14)}>
              {text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

const round = ([x, y]: Types.Point2) => [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
