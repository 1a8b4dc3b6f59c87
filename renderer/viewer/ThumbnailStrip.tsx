// The series strip: a small preview of each image series, and a labelled tile for series that are not images.
import { useEffect, useRef, useState } from 'react';
import { utilities } from '@cornerstonejs/core';
import { previewImageId, seriesTitle, type ViewerSeries } from './series';

interface Props {
  series: ViewerSeries[];
  /** Series UID shown in each viewport, in viewport order. */
  shownIn: (string | null)[];
  onChoose: (series: ViewerSeries) => void;
  /** Previews wait until the first viewport image is up, so they never compete with it for the decoder. */
  previewsEnabled: boolean;
  useCPURendering: boolean;
}

export function ThumbnailStrip({ series, shownIn, onChoose, previewsEnabled, useCPURendering }: Props) {
  return (
    <nav className="viewer-strip" aria-label="Series">
      {series.map((entry) => {
        const panes = shownIn.flatMap((uid, index) => (uid === entry.uid ? [index + 1] : []));
        return (
          <button
            key={entry.uid}
            type="button"
            className={`viewer-thumb${panes.length > 0 ? ' shown' : ''}${entry.kind === 'non-image' ? ' non-image' : ''}`}
            data-testid="series-thumb"
            data-series-uid={entry.uid}
            data-kind={entry.kind}
            disabled={entry.kind === 'non-image'}
            title={entry.kind === 'non-image' ? `${entry.label}: nothing to display as an image` : seriesTitle(entry.summary)}
            onClick={() => onChoose(entry)}
          >
            {entry.kind === 'image' ? (
              <Preview imageId={previewsEnabled ? previewImageId(entry.images[0]!) : null} useCPURendering={useCPURendering} />
            ) : (
              <div className="thumb-placeholder">{entry.summary.modality || '—'}</div>
            )}
            <div className="thumb-label">
              <span className="thumb-title">{seriesTitle(entry.summary)}</span>
              <span className="thumb-meta">
                {entry.kind === 'image'
                  ? `${entry.summary.modality} · ${entry.images.length} ${entry.images.length === 1 ? 'image' : 'images'}`
                  : entry.label}
              </span>
            </div>
            {panes.length > 0 && <span className="thumb-pane-badge">{panes.join(' ')}</span>}
          </button>
        );
      })}
    </nav>
  );
}

function Preview({ imageId, useCPURendering }: { imageId: string | null; useCPURendering: boolean }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  useEffect(() => {
    if (!imageId) return;
    let live = true;
    setState('loading');
    utilities
      .loadImageToCanvas({ canvas: canvasRef.current!, imageId, thumbnail: true, useCPURendering })
      .then(
        () => live && setState('ready'),
        () => live && setState('failed'),
      );
    return () => {
      live = false;
    };
  }, [imageId, useCPURendering]);
  return (
    <div className={`thumb-preview ${state}`}>
      <canvas ref={canvasRef} />
      {state === 'failed' && <span className="thumb-failed">Cannot decode</span>}
    </div>
  );
}
