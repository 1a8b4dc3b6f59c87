// Worker thread: runs one import with its own database connection and reports progress to the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { dataDirAt } from '../store/data-dir';
import { openDatabase } from '../store/database';
import { workerInput } from '../node/worker-host';
import { runImport } from './importer';

export interface ImportWorkerInput {
  dataRoot: string;
  importId: number;
  paths: string[];
}
export type ImportWorkerMessage = { type: 'progress'; progress: import('../../preload/contract').ImportProgress };

const input = workerInput<ImportWorkerInput>(workerData);
const port = parentPort!;
let cancelled = false;
port.on('message', (message: { type: 'cancel' }) => {
  if (message.type === 'cancel') cancelled = true;
});

const dataDir = dataDirAt(input.dataRoot);
const db = openDatabase(dataDir.database);
try {
  await runImport(db, dataDir, input.importId, input.paths, {
    isCancelled: () => cancelled,
    onProgress: (progress) => port.postMessage({ type: 'progress', progress } satisfies ImportWorkerMessage),
  });
} finally {
  db.close();
  port.close();
}
