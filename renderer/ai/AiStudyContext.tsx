// The open study's AI second opinion, shared by the side panel and the image overlays: stored results, the
// installed models' cards, live queue progress, and how the overlays are drawn.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AiFinding, AiHeatmap, AiModelSummary, AiProgress, AiState, AiStudyResults } from '../../preload/contract';
import { lantern, useLanternEvent } from '../shared/api';
import { groupByModel, type ModelResults } from './ai-results';

export interface OverlaySettings {
  showBoxes: boolean;
  showHeatmap: boolean;
  /** 0–1, for boxes, their labels and the heatmap. */
  opacity: number;
}

export interface ImageBox {
  finding: AiFinding & { box: [number, number, number, number] };
  modelName: string;
}

interface AiStudy {
  studyInstanceUid: string;
  results: AiStudyResults | null;
  models: AiModelSummary[] | null;
  groups: ModelResults[];
  /** The queue's word on this study while it is queued or running (null otherwise). */
  progress: AiProgress | null;
  state: AiState | null;
  reason: string | null;
  loadError: string | null;
  actionError: string | null;
  overlay: OverlaySettings;
  setOverlay(changes: Partial<OverlaySettings>): void;
  analyze(): void;
  cancel(): void;
  /** Boxes from each model's newest version, for one image. */
  boxesFor(sopInstanceUid: string): ImageBox[];
  /** The first heatmap among the models' newest versions, for one image. */
  heatmapFor(sopInstanceUid: string): AiHeatmap | null;
}

const Context = createContext<AiStudy | null>(null);

const FINISHED: readonly AiState[] = ['done', 'failed', 'cancelled'];

export function AiStudyProvider({ studyInstanceUid, children }: { studyInstanceUid: string; children: ReactNode }) {
  const [results, setResults] = useState<AiStudyResults | null>(null);
  const [models, setModels] = useState<AiModelSummary[] | null>(null);
  const [progress, setProgress] = useState<AiProgress | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [overlay, setOverlaySettings] = useState<OverlaySettings>({ showBoxes: true, showHeatmap: true, opacity: 0.85 });

  const reload = useCallback(() => {
    Promise.all([lantern.ai.results(studyInstanceUid), lantern.ai.models()]).then(
      ([studyResults, installed]) => {
        setResults(studyResults);
        setModels(installed);
        setLoadError(null);
      },
      (error: Error) => setLoadError(`The AI results of this study could not be read: ${error.message}`),
    );
  }, [studyInstanceUid]);
  useEffect(reload, [reload]);

  useLanternEvent('ai.progress', (event) => {
    if (event.studyInstanceUid !== studyInstanceUid) return;
    // The stored status is written before a finishing event is sent, so after it the store is the truth again.
    if (FINISHED.includes(event.state)) {
      setProgress(null);
      reload();
    } else {
      setProgress(event);
    }
  });

  const analyze = useCallback(() => {
    setActionError(null);
    // The study on screen goes first in the queue.
    lantern.ai.analyze(studyInstanceUid, true).catch((error: Error) => setActionError(`Analysis could not be started: ${error.message}`));
  }, [studyInstanceUid]);
  const cancel = useCallback(() => {
    setActionError(null);
    lantern.ai.cancel(studyInstanceUid).catch((error: Error) => setActionError(`Analysis could not be cancelled: ${error.message}`));
  }, [studyInstanceUid]);
  const setOverlay = useCallback((changes: Partial<OverlaySettings>) => setOverlaySettings((current) => ({ ...current, ...changes })), []);

  const value = useMemo<AiStudy>(() => {
    const groups = results && models ? groupByModel(results.results, results.skipped, models) : [];
    const stored = results?.status ?? null;
    return {
      studyInstanceUid,
      results,
      models,
      groups,
      progress,
      state: progress?.state ?? stored?.state ?? null,
      reason: progress ? progress.reason : (stored?.reason ?? null),
      loadError,
      actionError,
      overlay,
      setOverlay,
      analyze,
      cancel,
      boxesFor: (sopInstanceUid) =>
        groups.flatMap(({ latest }) =>
          latest.images
            .filter((image) => image.sopInstanceUid === sopInstanceUid)
            .flatMap((image) => image.findings)
            .filter((finding): finding is ImageBox['finding'] => finding.box !== undefined)
            .map((finding) => ({ finding, modelName: latest.model?.name ?? latest.modelId })),
        ),
      heatmapFor: (sopInstanceUid) =>
        groups.flatMap(({ latest }) => latest.images).find((image) => image.sopInstanceUid === sopInstanceUid && image.heatmap)?.heatmap ?? null,
    };
  }, [studyInstanceUid, results, models, progress, loadError, actionError, overlay, setOverlay, analyze, cancel]);

  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useAiStudy(): AiStudy {
  const value = useContext(Context);
  if (!value) throw new Error('useAiStudy is used outside an AiStudyProvider');
  return value;
}
