// Runs imports in worker threads and turns their messages into progress events.
import { startedImport, type ImportProgress } from '../../preload/contract';
import type { LanternEvents } from '../node/events';
import { startWorker } from '../node/worker-host';
import type { DataDir } from '../store/data-dir';
import type { ImportLog } from './import-log';
import type { ImportWorkerInput, ImportWorkerMessage } from './import.worker';

export class ImportService {
  private readonly running = new Map<number, { cancel(): void; done: Promise<ImportProgress> }>();

  constructor(
    private readonly dataDir: DataDir,
    private readonly log: ImportLog,
    private readonly events: LanternEvents,
  ) {}

  start(paths: string[]): number {
    const importId = this.log.create(paths);
    const worker = startWorker('import', { dataRoot: this.dataDir.root, importId, paths } satisfies ImportWorkerInput);
    let last: ImportProgress | null = null;
    const done = new Promise<ImportProgress>((resolve) => {
      worker.on('message', (message: ImportWorkerMessage) => {
        last = message.progress;
        this.events.emit('import.progress', message.progress);
        if (message.progress.state !== 'running') this.events.emit('worklist.changed', { reason: 'import' });
      });
      const finish = (error: string | null) => {
        this.running.delete(importId);
        if (last && last.state !== 'running') return resolve(last);
        // The worker died before reporting an end: record why, keep what it committed.
        const failed: ImportProgress = {
          ...(last ?? startedImport(importId)),
          state: 'failed',
          error: error ?? 'import worker stopped unexpectedly',
        };
        this.log.finish(importId, failed);
        this.events.emit('import.progress', failed);
        this.events.emit('worklist.changed', { reason: 'import' });
        resolve(failed);
      };
      worker.on('error', (error) => finish(error.message));
      worker.on('exit', () => finish(null));
    });
    this.running.set(importId, { cancel: () => worker.postMessage({ type: 'cancel' }), done });
    return importId;
  }

  cancel(importId: number): boolean {
    const entry = this.running.get(importId);
    entry?.cancel();
    return entry !== undefined;
  }

  /** Resolves when the import ends (done, cancelled or failed); null for an import that is not running. */
  whenDone(importId: number): Promise<ImportProgress> | null {
    return this.running.get(importId)?.done ?? null;
  }

  async stopAll(): Promise<void> {
    const all = [...this.running.values()];
    for (const entry of all) entry.cancel();
    await Promise.all(all.map((entry) => entry.done));
  }
}
