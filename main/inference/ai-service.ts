// The AI queue: one job per study, the study on screen first, progress events, cancel and retry, "analyze on
// import" and "analyze all unread". Images run in worker threads (InferenceEngine); results land in SQLite.
import type { AiModelSummary, AiProgress, AiSettings, AiStudyResults } from '../../preload/contract';
import type { LanternEvents } from '../node/events';
import type { DataDir } from '../store/data-dir';
import type { Db } from '../store/database';
import { readAiSettings, writeAiSettings } from './ai-settings';
import { InferenceEngine, type EngineOptions } from './engine';
import { ModelRegistry, type InstalledModel } from './model-registry';
import { ResultsStore } from './results-store';
import { analyzeStudy } from './study-analysis';

interface Job {
  studyUid: string;
  modelId?: string;
  cancelled: boolean;
}

export class AiService {
  readonly registry: ModelRegistry;
  readonly results: ResultsStore;
  private readonly engine: InferenceEngine;
  private readonly queue: Job[] = [];
  private current: Job | null = null;
  private draining: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly dataDir: DataDir,
    private readonly events: LanternEvents,
    engineOptions: EngineOptions = {},
  ) {
    this.registry = new ModelRegistry(db, dataDir.root);
    this.results = new ResultsStore(db);
    this.engine = new InferenceEngine(engineOptions);
    events.on('import.progress', (progress) => {
      if (progress.state === 'done' && this.settings().analyzeOnImport) this.enqueueUnanalysed();
    });
  }

  settings(): AiSettings {
    return readAiSettings(this.db);
  }

  updateSettings(changes: Partial<AiSettings>): AiSettings {
    return writeAiSettings(this.db, changes);
  }

  models(): AiModelSummary[] {
    return this.registry.list().map(modelSummary);
  }

  install(packageDirectory: string): AiModelSummary {
    return modelSummary(this.registry.install(packageDirectory));
  }

  /** Queues a study (again, if it was analysed before: results add up, nothing is overwritten). */
  enqueue(studyUid: string, options: { priority?: boolean; modelId?: string } = {}): void {
    const ref = this.results.studyRef(studyUid);
    if (ref === null) throw new Error(`study ${studyUid} is not in this workstation's store`);
    const existing = this.queue.findIndex((j) => j.studyUid === studyUid);
    if (existing >= 0) this.queue.splice(existing, 1);
    if (this.current?.studyUid === studyUid && !this.current.cancelled && existing < 0) return;
    const job: Job = { studyUid, modelId: options.modelId, cancelled: false };
    if (options.priority) this.queue.unshift(job);
    else this.queue.push(job);
    this.results.setStatus(ref, 'queued');
    this.emit(studyUid, 'queued', 0, 0, null);
    this.drain();
  }

  /** The study the user opened goes to the front of the queue (queued now if it was not). */
  prioritize(studyUid: string): void {
    this.enqueue(studyUid, { priority: true });
  }

  cancel(studyUid: string): boolean {
    const index = this.queue.findIndex((j) => j.studyUid === studyUid);
    if (index >= 0) {
      this.queue.splice(index, 1);
      this.results.setStatus(this.results.studyRef(studyUid)!, 'cancelled', 'cancelled by the user');
      this.emit(studyUid, 'cancelled', 0, 0, 'cancelled by the user');
      return true;
    }
    // A running study stops between images: a worker is never stopped inside session.run.
    if (this.current?.studyUid === studyUid) {
      this.current.cancelled = true;
      return true;
    }
    return false;
  }

  /** Queues every study still marked unread. Returns how many were queued. */
  analyzeUnread(): number {
    const rows = this.db.prepare("SELECT study_uid FROM studies WHERE read_status = 'unread' ORDER BY study_date DESC").all() as { study_uid: string }[];
    for (const { study_uid } of rows) this.enqueue(study_uid);
    return rows.length;
  }

  /** Queues the studies that have never been analysed (what "analyze on import" does after each import). */
  enqueueUnanalysed(): number {
    const rows = this.db
      .prepare('SELECT s.study_uid FROM studies s LEFT JOIN ai_study_status a ON a.study_ref = s.id WHERE a.study_ref IS NULL')
      .all() as { study_uid: string }[];
    for (const { study_uid } of rows) this.enqueue(study_uid);
    return rows.length;
  }

  studyResults(studyUid: string): AiStudyResults {
    const ref = this.results.studyRef(studyUid);
    if (ref === null) throw new Error(`study ${studyUid} is not in this workstation's store`);
    return { studyInstanceUid: studyUid, status: this.results.status(ref), results: this.results.results(ref), skipped: this.results.skipped(ref) };
  }

  /** Resolves when the queue is empty. */
  async whenIdle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    for (const job of this.queue) job.cancelled = true;
    if (this.current) this.current.cancelled = true;
    await this.whenIdle();
    await this.engine.close();
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = (async () => {
      while (this.queue.length > 0) await this.runJob(this.queue.shift()!);
    })().finally(() => {
      this.draining = null;
    });
  }

  private async runJob(job: Job): Promise<void> {
    const ref = this.results.studyRef(job.studyUid);
    if (ref === null || job.cancelled) return;
    this.current = job;
    this.results.setStatus(ref, 'running');
    this.emit(job.studyUid, 'running', 0, 0, null);
    try {
      const outcome = await analyzeStudy(
        {
          db: this.db,
          storeRoot: this.dataDir.store,
          registry: this.registry,
          results: this.results,
          engine: this.engine,
          providers: this.settings().providerOrder,
        },
        job.studyUid,
        this.registry.runnable(job.modelId),
        {
          isCancelled: () => job.cancelled,
          onImage: (done, total) => this.emit(job.studyUid, 'running', done, total, null),
        },
      );
      this.results.setStatus(ref, outcome.state, outcome.reason, outcome.top);
      this.emit(job.studyUid, outcome.state, outcome.entries.length, outcome.entries.length, outcome.reason);
    } catch (error) {
      const reason = (error as Error).message;
      this.results.setStatus(ref, 'failed', reason);
      this.emit(job.studyUid, 'failed', 0, 0, reason);
    } finally {
      this.current = null;
    }
  }

  private emit(studyInstanceUid: string, state: AiProgress['state'], imagesDone: number, imagesTotal: number, reason: string | null): void {
    this.events.emit('ai.progress', { studyInstanceUid, state, imagesDone, imagesTotal, reason, queueLength: this.queue.length });
  }
}

export function modelSummary(model: InstalledModel): AiModelSummary {
  const { manifest } = model;
  return {
    modelId: model.modelId,
    version: model.version,
    name: model.name,
    licence: manifest.licence,
    intendedUse: manifest.intendedUse,
    task: manifest.task,
    labels: manifest.labels.map((l) => l.name),
    thresholds: Object.fromEntries(manifest.labels.map((l) => [l.name, l.threshold])),
    normalLabels: manifest.labels.filter((l) => l.finding === false).map((l) => l.name),
    sha256: model.sha256,
    state: model.state,
    brokenReason: model.brokenReason,
    installedAt: model.installedAt,
    latest: model.latest,
  };
}
