// The series strip: a small preview of each image series, and a labelled tile for series that are not images.
import { useEffect, useRef, useState } from 'react';
import { utilities } from '@cornerstonejs/core';
import { seriesTitle, type ViewerSeries } from './series';

interface Props {
  series: ViewerSeries[];
  /** Series UID shown in each viewport, in viewport order. */
  shownIn: (string | null)[];
  onChoose: (series: ViewerSeries) => void;
}

export function ThumbnailStrip({ series, shownIn, onChoose }: Props) {
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
            {entry.kind === 'image' ? <Preview imageId={entry.images[0]!.imageId} /> : <div className="thumb-placeholder">{entry.summary.modality || '—'}</div>}
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

function Preview({ imageId }: { imageId: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  useEffect(() => {
    let live = true;
    setState('loading');
    utilities
      .loadImageToCanvas({ canvas: canvasRef.current!, imageId, thumbnail: true, useCPURendering: true })
      .then(
        () => live && setState('ready'),
        () => live && setState('failed'),
      );
    return () => {
      live = false;
    };
  }, [imageId]);
  return (
    <div className={`thumb-preview ${state}`}>
      <canvas ref={canvasRef} />
      {state === 'failed' && <span className="thumb-failed">Cannot decode</span>}
    </div>
  );
}
