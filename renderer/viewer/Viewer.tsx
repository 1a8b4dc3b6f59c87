// The study viewer: series strip, one or two Cornerstone stack viewports, a slim toolbar and keyboard control.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { StackViewport } from '@cornerstonejs/core';
import { utilities as toolUtilities } from '@cornerstonejs/tools';
import type { StudyDetail } from '../../preload/contract';
import { AiPanel } from '../ai/AiPanel';
import { AiStudyProvider } from '../ai/AiStudyContext';
import { lantern } from '../shared/api';
import { HelpOverlay } from './HelpOverlay';
import { ThumbnailStrip } from './ThumbnailStrip';
import { Toolbar } from './Toolbar';
import { ViewportPane } from './ViewportPane';
import { ensureCornerstone, renderingEngine, setPrimaryTool, type PrimaryTool } from './cornerstone/setup';
import { applyPreset, flip, resetView, rotateClockwise, scrollBy, scrollTo, toggleInvert } from './cornerstone/viewport-actions';
import { PRESETS, presetAppliesTo, type PresetId } from './presets';
import { firstImageSeries, toViewerSeries, type ViewerSeries } from './series';
import { actionForKey, type ViewerAction } from './shortcuts';
import './viewer.css';

const VIEWPORT_IDS = ['viewer-pane-1', 'viewer-pane-2'] as const;
const DEFAULT_CINE_FPS = 10;

type ImageSeries = Extract<ViewerSeries, { kind: 'image' }>;

interface Props {
  studyInstanceUid: string;
  onClose: () => void;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; detail: StudyDetail; useCPURendering: boolean };

export function Viewer({ studyInstanceUid, onClose }: Props) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    // Study metadata and Cornerstone start together: the first image should not wait for either one alone.
    const cornerstone = lantern.appInfo().then(async ({ preferCpuRendering }) => {
      await ensureCornerstone({ useCPURendering: preferCpuRendering });
      return preferCpuRendering;
    });
    Promise.all([lantern.study.get(studyInstanceUid), cornerstone]).then(
      ([detail, useCPURendering]) => live && setLoaded({ state: 'ready', detail, useCPURendering }),
      (error: unknown) =>
        live &&
        setLoaded({
          state: 'failed',
          message: `Study ${studyInstanceUid} could not be opened: ${error instanceof Error ? error.message : String(error)}`,
        }),
    );
    return () => {
      live = false;
    };
  }, [studyInstanceUid]);

  if (loaded.state === 'ready') {
    return (
      <AiStudyProvider studyInstanceUid={studyInstanceUid}>
        <StudyViewer detail={loaded.detail} useCPURendering={loaded.useCPURendering} onClose={onClose} />
      </AiStudyProvider>
    );
  }
  return (
    <div className="viewer" data-testid="viewer" data-state={loaded.state}>
      <div className="viewer-toolbar">
        <button type="button" className="ghost" onClick={onClose} data-testid="viewer-back">
          ← Worklist
        </button>
      </div>
      <div className="viewer-center-message" role={loaded.state === 'failed' ? 'alert' : 'status'}>
        {loaded.state === 'failed' ? loaded.message : 'Opening study…'}
      </div>
    </div>
  );
}

interface StudyViewerProps {
  detail: StudyDetail;
  useCPURendering: boolean;
  onClose: () => void;
}

function StudyViewer({ detail, useCPURendering, onClose }: StudyViewerProps) {
  const allSeries = useMemo(() => detail.series.map((series) => toViewerSeries(series, lantern.instanceUrl)), [detail]);
  const imageSeries = useMemo(() => allSeries.filter((series): series is ImageSeries => series.kind === 'image'), [allSeries]);
  const [layout, setLayout] = useState<1 | 2>(1);
  const [panes, setPanes] = useState<(string | null)[]>(() => [firstImageSeries(allSeries)?.uid ?? null, null]);
  const [activePane, setActivePane] = useState(0);
  const [tool, setTool] = useState<PrimaryTool>('windowLevel');
  const [help, setHelp] = useState(false);
  const [cine, setCine] = useState({ playing: false, fps: DEFAULT_CINE_FPS });
  const [notice, setNotice] = useState<string | null>(null);
  const [firstImageSettled, setFirstImageSettled] = useState(false);
  const imageSettled = useCallback(() => setFirstImageSettled(true), []);

  const seriesOf = useCallback((uid: string | null) => imageSeries.find((series) => series.uid === uid) ?? null, [imageSeries]);
  const activeSeries = seriesOf(panes[activePane] ?? null);
  const activeViewport = useCallback(
    () => renderingEngine().getViewport(VIEWPORT_IDS[activePane]!) as StackViewport | undefined,
    [activePane],
  );

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 2500);
    return () => clearTimeout(timer);
  }, [notice]);

  useEffect(() => setPrimaryTool(tool), [tool]);

  const cineAvailable = (activeSeries?.images.length ?? 0) > 1;
  useEffect(() => {
    const viewport = activeViewport();
    if (!cine.playing || !cineAvailable || !viewport) return;
    toolUtilities.cine.playClip(viewport.element, { framesPerSecond: cine.fps, loop: true });
    return () => toolUtilities.cine.stopClip(viewport.element);
  }, [cine, cineAvailable, activeViewport, panes]);

  const showSeries = useCallback(
    (series: ViewerSeries) => {
      if (series.kind !== 'image') return;
      setPanes((current) => current.map((uid, index) => (index === activePane ? series.uid : uid)));
    },
    [activePane],
  );

  const toggleLayout = useCallback(() => {
    if (layout === 2) {
      setPanes((current) => [current[activePane] ?? current[0] ?? null, current[activePane === 0 ? 1 : 0] ?? null]);
      setActivePane(0);
      setLayout(1);
      return;
    }
    setPanes((current) => {
      // Beside the current series goes the next one, so a comparison is one key away.
      const position = imageSeries.findIndex((series) => series.uid === current[0]);
      const neighbour = imageSeries[position + 1] ?? imageSeries[0];
      return [current[0] ?? null, current[1] ?? neighbour?.uid ?? null];
    });
    setLayout(2);
  }, [layout, activePane, imageSeries]);

  const choosePreset = useCallback(
    (id: PresetId) => {
      const preset = PRESETS.find((candidate) => candidate.id === id)!;
      const viewport = activeViewport();
      if (!viewport || !activeSeries) return;
      if (!presetAppliesTo(preset, activeSeries.summary.modality)) {
        setNotice(`${preset.label} is a CT preset in Hounsfield units; this is ${activeSeries.summary.modality || 'not CT'}`);
        return;
      }
      applyPreset(viewport, preset);
    },
    [activeViewport, activeSeries],
  );

  const withViewport = useCallback(
    (action: (viewport: StackViewport) => void) => () => {
      const viewport = activeViewport();
      if (viewport?.getCornerstoneImage()) action(viewport);
    },
    [activeViewport],
  );

  const run = useCallback(
    (action: ViewerAction) => {
      switch (action.type) {
        case 'tool':
          return setTool(action.tool);
        case 'preset':
          return choosePreset(action.preset);
        case 'rotate':
          return withViewport(rotateClockwise)();
        case 'flip':
          return withViewport((viewport) => flip(viewport, action.axis))();
        case 'invert':
          return withViewport(toggleInvert)();
        case 'reset':
          return withViewport(resetView)();
        case 'scroll':
          return withViewport((viewport) => scrollBy(viewport, action.delta))();
        case 'scrollTo':
          return withViewport((viewport) => scrollTo(viewport, action.edge === 'first' ? 0 : Number.MAX_SAFE_INTEGER))();
        case 'series': {
          const position = imageSeries.findIndex((series) => series.uid === activeSeries?.uid);
          const next = imageSeries[position + action.delta];
          return next && showSeries(next);
        }
        case 'cine':
          return cineAvailable && setCine((current) => ({ ...current, playing: !current.playing }));
        case 'cineRate':
          return setCine((current) => ({ ...current, fps: clampFps(current.fps + action.delta) }));
        case 'layout':
          return toggleLayout();
        case 'nextPane':
          return layout === 2 && setActivePane((current) => (current + 1) % 2);
        case 'help':
          return setHelp((current) => !current);
        case 'close':
          return help ? setHelp(false) : onClose();
      }
    },
    [choosePreset, withViewport, imageSeries, activeSeries, showSeries, cineAvailable, toggleLayout, layout, help, onClose],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.tagName === 'INPUT' || target?.tagName === 'TEXTAREA' || target?.tagName === 'SELECT';
      if (typing && event.key !== 'Escape') return;
      const action = actionForKey(event);
      if (!action) return;
      event.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  const { study } = detail;
  return (
    <div className="viewer" data-testid="viewer" data-state="ready">
      <Toolbar
        modality={activeSeries?.summary.modality ?? ''}
        tool={tool}
        layout={layout}
        cine={{ ...cine, available: cineAvailable }}
        onBack={onClose}
        onTool={setTool}
        onPreset={choosePreset}
        onRotate={withViewport(rotateClockwise)}
        onFlip={(axis) => withViewport((viewport) => flip(viewport, axis))()}
        onInvert={withViewport(toggleInvert)}
        onReset={withViewport(resetView)}
        onCine={() => run({ type: 'cine' })}
        onCineFps={(fps) => setCine((current) => ({ ...current, fps: clampFps(fps) }))}
        onLayout={toggleLayout}
        onHelp={() => setHelp(true)}
      />
      <div className="viewer-body">
        <ThumbnailStrip
          series={allSeries}
          shownIn={panes.slice(0, layout)}
          onChoose={showSeries}
          previewsEnabled={firstImageSettled || imageSeries.length === 0}
          useCPURendering={useCPURendering}
        />
        <main className={`viewer-grid layout-${layout}`}>
          {imageSeries.length > 0 &&
            VIEWPORT_IDS.slice(0, layout).map((viewportId, index) => (
            <ViewportPane
              key={viewportId}
              viewportId={viewportId}
              study={study}
              series={seriesOf(panes[index] ?? null)}
              active={index === activePane}
              showActiveFrame={layout === 2}
              onActivate={() => setActivePane(index)}
              onSettled={imageSettled}
            />
          ))}
          {imageSeries.length === 0 && (
            <div className="viewer-center-message" role="status">
              This study holds no displayable images ({allSeries.map((series) => series.summary.modality).join(', ') || 'no series'}).
            </div>
          )}
        </main>
        <AiPanel />
      </div>
      {notice && (
        <div className="viewer-notice" role="status" data-testid="viewer-notice">
          {notice}
        </div>
      )}
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}

const clampFps = (fps: number) => Math.min(60, Math.max(1, Math.round(fps) || DEFAULT_CINE_FPS));
