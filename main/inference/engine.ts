// The main thread's side of the inference workers: hands images to idle workers and resolves with their outcome.
// Closing waits for runs in flight (terminating a worker inside session.run aborts the process).
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../node/worker-host';
import type { ImageAnalysis } from './analyze-image';
import type { ModelManifest } from './manifest';
import type { Provider, SkippedProvider } from './providers';
import type { ByteRange } from '../dicom/instance-store';

export interface InferenceWorkerInput {
  intraOpNumThreads: number;
}

export interface ModelToRun {
  ref: number;
  modelFile: string;
  manifest: ModelManifest;
  providers: Provider[];
}

export type InferenceRequest = { type: 'run'; jobId: number; model: ModelToRun; file: ByteRange } | { type: 'close' };

export type ImageOutcome =
  | { kind: 'analysed'; analysis: ImageAnalysis; provider: Provider; skippedProviders: SkippedProvider[] }
  /** The image does not fit the model or cannot be decoded; other images and models are unaffected. */
  | { kind: 'unsuitable'; reason: string }
  /** The model cannot be loaded at all. */
  | { kind: 'model-broken'; reason: string }
  | { kind: 'failed'; reason: string };

export interface InferenceReply {
  type: 'done';
  jobId: number;
  outcome: ImageOutcome;
}

interface Pending {
  jobId: number;
  model: ModelToRun;
  file: ByteRange;
  resolve(outcome: ImageOutcome): void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  /** Called when the run in flight ends (set only while closing waits for it). */
  onIdle: (() => void) | null;
  exited: Promise<void>;
}

export interface EngineOptions {
  workers?: number;
  /** Threads per session; keep the total below the core count so the UI and the importer keep a core. */
  intraOpNumThreads?: number;
}

/** One worker using half the cores: inference must not starve the viewer or an import running alongside. */
export function defaultEngineOptions(): Required<EngineOptions> {
  return { workers: 1, intraOpNumThreads: Math.max(1, Math.floor(os.availableParallelism() / 2)) };
}

export class InferenceEngine {
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private nextJobId = 1;
  private closing = false;

  private readonly options: Required<EngineOptions>;

  constructor(options: EngineOptions = {}) {
    this.options = { ...defaultEngineOptions(), ...options };
  }

  analyze(model: ModelToRun, file: ByteRange): Promise<ImageOutcome> {
    if (this.closing) return Promise.resolve({ kind: 'failed', reason: 'the inference engine is shutting down' });
    return new Promise((resolve) => {
      this.waiting.push({ jobId: this.nextJobId++, model, file, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const slot = this.slots.find((s) => !s.busy) ?? this.startSlot();
      if (!slot) return;
      const job = this.waiting.shift()!;
      slot.busy = job;
      slot.worker.postMessage({ type: 'run', jobId: job.jobId, model: job.model, file: job.file } satisfies InferenceRequest);
    }
  }

  private startSlot(): Slot | null {
    if (this.slots.length >= this.options.workers) return null;
    const worker = startWorker('inference', { intraOpNumThreads: this.options.intraOpNumThreads } satisfies InferenceWorkerInput);
    const slot: Slot = { worker, busy: null, onIdle: null, exited: Promise.resolve() };
    worker.on('message', (reply: InferenceReply) => {
      const job = slot.busy;
      slot.busy = null;
      job?.resolve(reply.outcome);
      slot.onIdle?.();
      this.dispatch();
    });
    slot.exited = new Promise((resolve) => {
      const gone = (why: string) => {
        this.slots.splice(this.slots.indexOf(slot), 1);
        slot.busy?.resolve({ kind: 'failed', reason: `inference worker stopped: ${why}` });
        slot.busy = null;
        slot.onIdle?.();
        resolve();
        this.dispatch();
      };
      worker.on('error', (error) => gone(error.message));
      worker.on('exit', (code) => {
        if (this.slots.includes(slot)) gone(`exit code ${code}`);
      });
    });
    this.slots.push(slot);
    return slot;
  }

  /** Finishes the runs in flight, drops what is still waiting, releases the sessions and stops the workers. */
  async close(): Promise<void> {
    this.closing = true;
    for (const job of this.waiting.splice(0)) job.resolve({ kind: 'failed', reason: 'cancelled: Lantern is closing' });
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.busy) await new Promise<void>((resolve) => (slot.onIdle = resolve));
        slot.worker.postMessage({ type: 'close' } satisfies InferenceRequest);
        await slot.exited;
      }),
    );
  }
}
