// Starts the worker threads that keep long work (import, inference) off the main thread.
// From source the entries are TypeScript run through tsx; in the Electron build they are bundled next to the main
// bundle as workers/<name>.js (see electron.vite.config.ts).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCES = {
  import: '../dicom/import.worker.ts',
  inference: '../inference/inference.worker.ts',
} as const;
export type WorkerName = keyof typeof WORKER_SOURCES;

const here = path.dirname(fileURLToPath(import.meta.url));
const runningFromSource = import.meta.url.endsWith('.ts');

export function startWorker(name: WorkerName, data: unknown): Worker {
  if (runningFromSource) {
    const entry = pathToFileURL(path.join(here, WORKER_SOURCES[name])).href;
    return new Worker(path.join(here, 'ts-worker-boot.mjs'), { workerData: { entry, data } });
  }
  return new Worker(path.join(here, 'workers', `${name}.js`), { workerData: { data } });
}

/** What a worker entry receives, whichever way it was started. */
export function workerInput<T>(workerData: unknown): T {
  return (workerData as { data: T }).data;
}
