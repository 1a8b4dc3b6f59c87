// Runs the installed models over every image of one study and stores what comes back. Shared by the queue (app)
// and `lantern analyze` (CLI), so both record the same things the same way.
import type { AiState } from '../../preload/contract';
import type { Db } from '../store/database';
import type { ImageOutcome, InferenceEngine } from './engine';
import type { InstalledModel, ModelRegistry } from './model-registry';
import type { Finding } from './postprocess';
import type { Provider, SkippedProvider } from './providers';
import { topFinding, type ResultsStore } from './results-store';
import { storedRange, type StoredLocation } from '../dicom/instance-store';

interface Common {
  studyInstanceUid: string;
  sopInstanceUid: string;
  modelId: string;
  modelVersion: string;
}
export type ImageEntry =
  | (Common & {
      modelSha256: string;
      executionProvider: Provider;
      skippedProviders: SkippedProvider[];
      /** Decode → stored result, wall clock. */
      durationMs: number;
      timings: { decodeMs: number; preprocessMs: number; inferMs: number; storeMs: number };
      findings: Finding[];
    })
  /** The image does not fit the model (modality, view) or cannot be decoded. */
  | (Common & { skipped: string })
  /** The model or the run failed. */
  | (Common & { error: string });

export interface StudyAnalysis {
  entries: ImageEntry[];
  state: Exclude<AiState, 'queued' | 'running'>;
  reason: string | null;
  top: { label: string; score: number; modelId: string } | null;
}

export interface StudyAnalysisContext {
  db: Db;
  storeRoot: string;
  registry: ModelRegistry;
  results: ResultsStore;
  engine: InferenceEngine;
  providers: Provider[];
}

interface InstanceRow extends StoredLocation {
  sop_uid: string;
  modality: string;
}

export async function analyzeStudy(
  context: StudyAnalysisContext,
  studyInstanceUid: string,
  models: InstalledModel[],
  hooks: { isCancelled?: () => boolean; onImage?: (done: number, total: number, entry: ImageEntry) => void } = {},
): Promise<StudyAnalysis> {
  const { db, results, registry, engine } = context;
  const studyRef = results.studyRef(studyInstanceUid);
  if (studyRef === null) throw new Error(`study ${studyInstanceUid} is not in this workstation's store`);
  const instances = db
    .prepare(
      `SELECT i.sop_uid, i.file_path AS relativePath, i.file_offset AS offset, i.file_size AS size, se.modality FROM instances i JOIN series se ON se.id = i.series_ref
       WHERE se.study_ref = ? ORDER BY se.series_number, se.id, i.instance_number, i.id`,
    )
    .all(studyRef) as InstanceRow[];
  const entries: ImageEntry[] = [];
  const total = instances.length * models.length;
  let top: StudyAnalysis['top'] = null;
  let cancelled = false;

  for (const model of models) {
    let broken: string | null = null;
    for (const instance of instances) {
      if (hooks.isCancelled?.()) {
        cancelled = true;
        break;
      }
      const common: Common = { studyInstanceUid, sopInstanceUid: instance.sop_uid, modelId: model.modelId, modelVersion: model.version };
      let entry: ImageEntry;
      const started = performance.now();
      // The series modality is in the index: images no model could read never leave the main thread.
      const modalities = model.manifest.applicability.modalities;
      const outcome: ImageOutcome = broken
        ? { kind: 'model-broken', reason: broken }
        : instance.modality && !modalities.includes(instance.modality)
          ? { kind: 'unsuitable', reason: `modality "${instance.modality}" is not one this model reads (${modalities.join(', ')})` }
          : await engine.analyze(
              { ref: model.ref, modelFile: model.modelFile, manifest: model.manifest, providers: context.providers },
              storedRange(context.storeRoot, instance),
            );
      if (outcome.kind === 'analysed') {
        const storeMs = results.record(studyRef, model, outcome);
        const { decodeMs, preprocessMs, inferMs } = outcome.analysis.timings;
        entry = {
          ...common,
          modelSha256: model.sha256,
          executionProvider: outcome.provider,
          skippedProviders: outcome.skippedProviders,
          durationMs: performance.now() - started,
          timings: { decodeMs, preprocessMs, inferMs, storeMs },
          findings: outcome.analysis.findings,
        };
        const best = topFinding(model, outcome.analysis.findings);
        if (best && (!top || best.score > top.score)) top = { label: best.label, score: best.score, modelId: model.modelId };
      } else if (outcome.kind === 'unsuitable') {
        results.skip(studyRef, instance.sop_uid, model, outcome.reason);
        entry = { ...common, skipped: outcome.reason };
      } else {
        if (outcome.kind === 'model-broken' && !broken) {
          broken = outcome.reason;
          registry.markBroken(model.ref, outcome.reason);
        }
        entry = { ...common, error: outcome.reason };
      }
      entries.push(entry);
      hooks.onImage?.(entries.length, total, entry);
    }
    if (cancelled) break;
  }
  return { entries, top, ...conclusion(entries, cancelled, models.length) };
}

function conclusion(entries: ImageEntry[], cancelled: boolean, modelCount: number): Pick<StudyAnalysis, 'state' | 'reason'> {
  if (cancelled) return { state: 'cancelled', reason: 'cancelled by the user' };
  if (modelCount === 0) return { state: 'failed', reason: 'no AI model is installed and ready' };
  const analysed = entries.filter((e) => 'findings' in e).length;
  const errors = entries.filter((e): e is Extract<ImageEntry, { error: string }> => 'error' in e);
  const skipped = entries.filter((e): e is Extract<ImageEntry, { skipped: string }> => 'skipped' in e);
  if (analysed === 0 && errors.length > 0) return { state: 'failed', reason: errors[0]!.error };
  if (analysed === 0) {
    return { state: 'done', reason: skipped.length ? `no image the models read: ${skipped[0]!.skipped}` : 'the study has no images' };
  }
  const notes = [errors.length && `${errors.length} failed`, skipped.length && `${skipped.length} skipped`].filter(Boolean);
  return { state: 'done', reason: notes.length ? `${analysed} analysed, ${notes.join(', ')}` : null };
}
