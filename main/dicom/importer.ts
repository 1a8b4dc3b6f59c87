// The import loop: every candidate file is read once, parsed, copied into the store and indexed in batches.
// One bad file is a rejection with a reason, never an aborted import.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { startedImport, type ImportProgress } from '../../preload/contract';
import type { DataDir } from '../store/data-dir';
import type { Db } from '../store/database';
import { DicomRejection, readInstanceHeader, type InstanceHeader } from './header';
import { ImportLog } from './import-log';
import { IndexWriter, type IndexedInstance } from './index-writer';
import { InstanceStore } from './instance-store';
import { enumerateSources, type Candidate } from './sources';

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Checked between files; an import stops cleanly at the next file boundary. */
  isCancelled?: () => boolean;
  progressIntervalMs?: number;
  batchSize?: number;
}

/** One candidate's bytes and header, or why it is not importable. */
async function readCandidate(candidate: Candidate): Promise<{ bytes: Buffer; header: InstanceHeader } | { reason: string }> {
  try {
    const bytes = await candidate.read();
    return { bytes, header: readInstanceHeader(bytes) };
  } catch (error) {
    if (error instanceof DicomRejection) return { reason: error.message };
    if ((error as NodeJS.ErrnoException).code) return { reason: `cannot read: ${(error as Error).message}` };
    return { reason: `unexpected error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function runImport(
  db: Db,
  dataDir: DataDir,
  importId: number,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportProgress> {
  const { onProgress, isCancelled = () => false, progressIntervalMs = 200, batchSize = 250 } = options;
  const log = new ImportLog(db);
  const index = new IndexWriter(db);
  const store = new InstanceStore(dataDir);
  const progress = startedImport(importId);
  let pending: IndexedInstance[] = [];
  let pendingRejections: { path: string; reason: string }[] = [];
  const pendingUids = new Set<string>();
  let lastReport = 0;
  let lastYield = Date.now();

  // Counters and rejections are committed together with the instances they describe, after their bytes are
  // durable in the store.
  const flush = () => {
    store.sync();
    db.transaction(() => {
      index.addBatch(pending);
      log.recordBatch(importId, { ...progress, imported: progress.imported + pending.length }, pendingRejections);
    })();
    progress.imported += pending.length;
    pending = [];
    pendingRejections = [];
    pendingUids.clear();
  };
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < progressIntervalMs) return;
    lastReport = now;
    onProgress?.({ ...progress, imported: progress.imported + pending.length });
  };
  const reject = (path: string, reason: string) => {
    progress.rejected++;
    pendingRejections.push({ path, reason });
  };

  try {
    for await (const item of enumerateSources(paths)) {
      if (isCancelled()) {
        progress.state = 'cancelled';
        break;
      }
      if (item.kind === 'problem') {
        // Counted as seen too, so that seen = imported + duplicates + rejected always holds.
        progress.seen++;
        reject(item.problem.path, item.problem.reason);
        continue;
      }
      const { candidate } = item;
      progress.seen++;
      progress.currentPath = candidate.path;
      const parsed = await readCandidate(candidate);
      if ('reason' in parsed) reject(candidate.path, parsed.reason);
      else if (pendingUids.has(parsed.header.sopInstanceUid) || index.isIndexed(parsed.header.sopInstanceUid)) {
        progress.duplicates++;
      } else {
        // Not caught per file: a store that cannot be written (full disk) ends the import.
        pending.push({ header: parsed.header, location: store.write(parsed.bytes, parsed.header) });
        pendingUids.add(parsed.header.sopInstanceUid);
      }
      if (pending.length >= batchSize || pendingRejections.length >= batchSize) flush();
      report();
      // Reading and writing are synchronous (faster here); let a cancel message in now and then.
      if (Date.now() - lastYield > 50) {
        await yieldToEventLoop();
        lastYield = Date.now();
      }
    }
    flush();
    if (progress.state === 'running') progress.state = 'done';
  } catch (error) {
    progress.state = 'failed';
    progress.error = error instanceof Error ? error.message : String(error);
    try {
      flush();
    } catch {
      // The batch that failed is not indexed; its bytes stay unreferenced in the pack.
    }
  }
  progress.currentPath = null;
  store.close();
  log.finish(importId, progress);
  report(true);
  return progress;
}
