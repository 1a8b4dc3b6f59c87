// Persists AI results (never overwriting earlier runs or model versions), skipped images, and the per-study status
// the worklist shows.
import type { AiHeatmap, AiResult, AiSkippedImage, AiState, AiStudyStatus } from '../../preload/contract';
import type { Db } from '../store/database';
import type { ImageAnalysis } from './analyze-image';
import type { InstalledModel } from './model-registry';
import type { Finding } from './postprocess';
import type { Provider, SkippedProvider } from './providers';


/** The study's highest-scoring positive finding among labels that are findings (not "Normal"). */
export function topFinding(model: InstalledModel, findings: Finding[]): Finding | null {
  const isFinding = new Map(model.manifest.labels.map((l) => [l.name, l.finding]));
  return findings.filter((f) => f.positive && isFinding.get(f.label) !== false).sort((a, b) => b.score - a.score)[0] ?? null;
}

/** A stored heatmap plane; null when the model has none (or the result predates recording where it lies). */
function storedHeatmap(r: { heatmap: Buffer | null; heatmap_width: number | null; heatmap_height: number | null; heatmap_region: string | null }): AiHeatmap | null {
  if (!r.heatmap || r.heatmap_width === null || r.heatmap_height === null || r.heatmap_region === null) return null;
  // Copied out: a Buffer's bytes may sit at an offset that a Float32Array view cannot start from.
  const plane = new Float32Array(new Uint8Array(r.heatmap).buffer);
  return { width: r.heatmap_width, height: r.heatmap_height, values: Array.from(plane), region: JSON.parse(r.heatmap_region) as AiHeatmap['region'] };
}

export class ResultsStore {
  constructor(private readonly db: Db) {}

  studyRef(studyUid: string): number | null {
    const row = this.db.prepare('SELECT id FROM studies WHERE study_uid = ?').get(studyUid) as { id: number } | undefined;
    return row?.id ?? null;
  }

  /** Stores one analysed image; returns the time the write took (recorded in the row). */
  record(
    studyRef: number,
    model: InstalledModel,
    outcome: { analysis: ImageAnalysis; provider: Provider; skippedProviders: SkippedProvider[] },
  ): number {
    const started = performance.now();
    const { analysis } = outcome;
    const top = topFinding(model, analysis.findings);
    const heatmap = analysis.heatmap;
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO ai_results (study_ref, sop_uid, model_ref, model_id, model_version, model_sha256, execution_provider,
             skipped_providers, windowing, findings, top_label, top_score, heatmap, heatmap_width, heatmap_height,
             heatmap_region, decode_ms, preprocess_ms, infer_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          studyRef,
          analysis.sopInstanceUid,
          model.ref,
          model.modelId,
          model.version,
          model.sha256,
          outcome.provider,
          JSON.stringify(outcome.skippedProviders),
          analysis.windowing,
          JSON.stringify(analysis.findings),
          top?.label ?? null,
          top?.score ?? null,
          heatmap ? Buffer.from(heatmap.data.buffer, heatmap.data.byteOffset, heatmap.data.byteLength) : null,
          heatmap?.width ?? null,
          heatmap?.height ?? null,
          heatmap ? JSON.stringify(heatmap.region) : null,
          analysis.timings.decodeMs,
          analysis.timings.preprocessMs,
          analysis.timings.inferMs,
        );
      const storeMs = performance.now() - started;
      this.db.prepare('UPDATE ai_results SET store_ms = ? WHERE id = ?').run(storeMs, lastInsertRowid);
      return storeMs;
    })();
  }

  skip(studyRef: number, sopInstanceUid: string, model: InstalledModel, reason: string): void {
    this.db
      .prepare('INSERT INTO ai_skips (study_ref, sop_uid, model_id, model_version, reason) VALUES (?, ?, ?, ?, ?)')
      .run(studyRef, sopInstanceUid, model.modelId, model.version, reason);
  }

  setStatus(studyRef: number, state: AiState, reason: string | null = null, top: { label: string; score: number; modelId: string } | null = null): void {
    this.db
      .prepare(
        `INSERT INTO ai_study_status (study_ref, state, reason, top_label, top_score, top_model_id, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         ON CONFLICT(study_ref) DO UPDATE SET state = excluded.state, reason = excluded.reason, top_label = excluded.top_label,
           top_score = excluded.top_score, top_model_id = excluded.top_model_id, updated_at = excluded.updated_at`,
      )
      .run(studyRef, state, reason, top?.label ?? null, top?.score ?? null, top?.modelId ?? null);
  }

  status(studyRef: number): AiStudyStatus | null {
    const row = this.db.prepare('SELECT * FROM ai_study_status WHERE study_ref = ?').get(studyRef) as
      | { state: AiState; reason: string | null; top_label: string | null; top_score: number | null; top_model_id: string | null; updated_at: string }
      | undefined;
    if (!row) return null;
    return {
      state: row.state,
      reason: row.reason,
      topFinding: row.top_label !== null ? { label: row.top_label, score: row.top_score!, modelId: row.top_model_id! } : null,
      updatedAt: row.updated_at,
    };
  }

  /** Every stored result for the study, newest first. */
  results(studyRef: number): AiResult[] {
    const rows = this.db.prepare('SELECT * FROM ai_results WHERE study_ref = ? ORDER BY id DESC').all(studyRef) as {
      sop_uid: string;
      model_id: string;
      model_version: string;
      model_sha256: string;
      execution_provider: Provider;
      skipped_providers: string;
      windowing: string;
      findings: string;
      heatmap: Buffer | null;
      heatmap_width: number | null;
      heatmap_height: number | null;
      heatmap_region: string | null;
      decode_ms: number;
      preprocess_ms: number;
      infer_ms: number;
      store_ms: number | null;
      created_at: string;
    }[];
    return rows.map((r) => ({
      sopInstanceUid: r.sop_uid,
      modelId: r.model_id,
      modelVersion: r.model_version,
      modelSha256: r.model_sha256,
      executionProvider: r.execution_provider,
      skippedProviders: JSON.parse(r.skipped_providers) as SkippedProvider[],
      windowing: r.windowing,
      findings: JSON.parse(r.findings) as Finding[],
      heatmap: storedHeatmap(r),
      timings: { decodeMs: r.decode_ms, preprocessMs: r.preprocess_ms, inferMs: r.infer_ms, storeMs: r.store_ms },
      createdAt: r.created_at,
    }));
  }

  skipped(studyRef: number): AiSkippedImage[] {
    const rows = this.db
      .prepare('SELECT sop_uid, model_id, model_version, reason FROM ai_skips WHERE study_ref = ? ORDER BY id DESC')
      .all(studyRef) as { sop_uid: string; model_id: string; model_version: string; reason: string }[];
    return rows.map((r) => ({ sopInstanceUid: r.sop_uid, modelId: r.model_id, modelVersion: r.model_version, reason: r.reason }));
  }

  /** Studies left queued or running by a Lantern that stopped: shown as failed, to be retried. */
  markInterrupted(): void {
    this.db
      .prepare(
        `UPDATE ai_study_status SET state = 'failed', reason = 'interrupted: Lantern stopped before the analysis finished'
         WHERE state IN ('queued', 'running')`,
      )
      .run();
  }
}
