// The four corners a reader glances at: who, when, which series and image, and how it is displayed.
import type { StudyDetail } from '../../preload/contract';
import { formatAge, formatDicomDate, formatPersonName, formatWindow } from '../shared/dicom-format';
import type { StackImage, ViewerSeries } from './series';
import type { PaneView } from './use-pane-view';

interface Props {
  study: StudyDetail['study'];
  series: Extract<ViewerSeries, { kind: 'image' }>;
  view: PaneView | null;
}

export function CornerOverlay({ study, series, view }: Props) {
  const image: StackImage | undefined = view ? series.images[view.index] : undefined;
  const sexAge = [study.patientSex, formatAge(study.patientAge)].filter(Boolean).join(' · ');
  const { summary } = series;
  const seriesLine = [summary.modality, summary.seriesNumber === null ? null : `Se ${summary.seriesNumber}`]
    .filter(Boolean)
    .join('  ');
  return (
    <div className="viewer-overlay">
      <div className="corner top-left" data-testid="overlay-patient">
        <div className="strong">{formatPersonName(study.patientName) || 'Unnamed patient'}</div>
        {study.patientId && <div>ID {study.patientId}</div>}
        {sexAge && <div>{sexAge}</div>}
      </div>
      <div className="corner top-right" data-testid="overlay-study">
        {study.studyDate && <div>{formatDicomDate(study.studyDate)}</div>}
        {study.description && <div>{study.description}</div>}
        {study.institution && <div className="faint">{study.institution}</div>}
      </div>
      <div className="corner bottom-left" data-testid="overlay-series">
        <div>{seriesLine}</div>
        {summary.description && <div>{summary.description}</div>}
        {view && (
          <div className="strong" data-testid="overlay-image">
            Im {view.index + 1}/{view.count}
            {image?.frame ? `  (frame ${image.frame}/${image.frames})` : ''}
          </div>
        )}
      </div>
      <div className="corner bottom-right" data-testid="overlay-display">
        {view?.window && <div className="strong" data-testid="overlay-window">{formatWindow(view.window.width, view.window.center)}</div>}
        {view?.zoomPercent != null && <div data-testid="overlay-zoom">Zoom {Math.round(view.zoomPercent)}%</div>}
        {view && (view.rotation !== 0 || view.flipHorizontal || view.flipVertical || view.invert) && (
          <div className="faint">
            {[
              view.rotation !== 0 && `Rot ${view.rotation}°`,
              view.flipHorizontal && 'Flip H',
              view.flipVertical && 'Flip V',
              view.invert && 'Inverted',
            ]
              .filter(Boolean)
              .join(' · ')}
          </div>
        )}
      </div>
    </div>
  );
}
