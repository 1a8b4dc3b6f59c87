// The import loop: every candidate file is read once, parsed, copied into the store and indexed in batches.
// One bad file is a rejection with a reason, never an aborted import.
import type { ImportProgress } from '../../preload/contract';
import type { DataDir } from '../store/data-dir';
import type { Db } from '../store/database';
import { DicomRejection, readInstanceHeader } from './header';
import { ImportLog } from './import-log';
import { IndexWriter, type IndexedInstance } from './index-writer';
import { InstanceStore } from './instance-store';
import { enumerateSources } from './sources';

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Checked between files; an import stops cleanly at the next file boundary. */
  isCancelled?: () => boolean;
  progressIntervalMs?: number;
  batchSize?: number;
  /** Store writes kept in flight at once. */
  writeConcurrency?: number;
}

type Pending = { path: string; written: Promise<IndexedInstance> };

export async function runImport(
  db: Db,
  dataDir: DataDir,
  importId: number,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportProgress> {
  const { onProgress, isCancelled = () => false, progressIntervalMs = 200, batchSize = 250, writeConcurrency = 8 } = options;
  const log = new ImportLog(db);
  const index = new IndexWriter(db);
  const store = new InstanceStore(dataDir);
  const progress: ImportProgress = {
    importId,
    state: 'running',
    seen: 0,
    imported: 0,
    duplicates: 0,
    rejected: 0,
    currentPath: null,
    error: null,
  };
  let pending: Pending[] = [];
  let settledUpTo = 0;
  let pendingRejections: { path: string; reason: string }[] = [];
  const pendingUids = new Set<string>();
  let lastReport = 0;

  // A write that fails for this one file (a name the file system refuses, say) is a rejection; a full or
  // read-only disk ends the import, since every further file would fail the same way.
  const settle = async (item: Pending): Promise<IndexedInstance | null> => {
    try {
      return await item.written;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EROFS' || code === 'EDQUOT') throw error;
      reject(item.path, `cannot copy into the store: ${(error as Error).message}`);
      return null;
    }
  };
  // Counters and rejections are committed together with the instances they describe.
  const flush = async () => {
    const written = (await Promise.all(pending.map(settle))).filter((item) => item !== null);
    db.transaction(() => {
      index.addBatch(written);
      log.recordBatch(importId, { ...progress, imported: progress.imported + written.length }, pendingRejections);
    })();
    progress.imported += written.length;
    pending = [];
    settledUpTo = 0;
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
      try {
        const bytes = await candidate.read();
        const header = readInstanceHeader(bytes);
        if (pendingUids.has(header.sopInstanceUid) || index.isIndexed(header.sopInstanceUid)) {
          progress.duplicates++;
        } else {
          const written = store.write(bytes, header).then((stored) => ({ header, ...stored }));
          written.catch(() => undefined); // handled in settle()
          pending.push({ path: candidate.path, written });
          pendingUids.add(header.sopInstanceUid);
          if (pending.length - settledUpTo > writeConcurrency) await pending[settledUpTo++]!.written.catch(() => undefined);
        }
      } catch (error) {
        if (error instanceof DicomRejection) reject(candidate.path, error.message);
        else if ((error as NodeJS.ErrnoException).code) reject(candidate.path, `cannot read: ${(error as Error).message}`);
        else reject(candidate.path, `unexpected error: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (pending.length >= batchSize || pendingRejections.length >= batchSize) await flush();
      report();
    }
    await flush();
    if (progress.state === 'running') progress.state = 'done';
  } catch (error) {
    progress.state = 'failed';
    progress.error = error instanceof Error ? error.message : String(error);
    try {
      await flush();
    } catch {
      // The batch that failed is not indexed; its files are orphans the next run overwrites.
    }
  }
  progress.currentPath = null;
  log.finish(importId, progress);
  report(true);
  return progress;
}
