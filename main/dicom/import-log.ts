// The record of each import: its sources, counters, final state and every rejected file with its reason.
import type { ImportProgress, ImportRecord, ImportRejection } from '../../preload/contract';
import type { Db } from '../store/database';

interface ImportRow {
  id: number;
  sources: string;
  state: ImportProgress['state'];
  seen: number;
  imported: number;
  duplicates: number;
  rejected: number;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

const toRecord = (row: ImportRow): ImportRecord => ({
  importId: row.id,
  sources: JSON.parse(row.sources) as string[],
  state: row.state,
  seen: row.seen,
  imported: row.imported,
  duplicates: row.duplicates,
  rejected: row.rejected,
  error: row.error,
  currentPath: null,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

export class ImportLog {
  constructor(private readonly db: Db) {}

  create(sources: readonly string[]): number {
    return Number(
      this.db.prepare('INSERT INTO imports (sources, pid) VALUES (?, ?)').run(JSON.stringify(sources), process.pid)
        .lastInsertRowid,
    );
  }

  recordBatch(importId: number, progress: ImportProgress, rejections: readonly ImportRejection[]): void {
    const insert = this.db.prepare('INSERT INTO import_rejections (import_ref, path, reason) VALUES (?, ?, ?)');
    for (const rejection of rejections) insert.run(importId, rejection.path, rejection.reason);
    this.db
      .prepare('UPDATE imports SET seen = ?, imported = ?, duplicates = ?, rejected = ? WHERE id = ?')
      .run(progress.seen, progress.imported, progress.duplicates, progress.rejected, importId);
  }

  finish(importId: number, progress: ImportProgress): void {
    this.db
      .prepare(
        `UPDATE imports SET state = ?, error = ?, seen = ?, imported = ?, duplicates = ?, rejected = ?,
           finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
      )
      .run(progress.state, progress.error, progress.seen, progress.imported, progress.duplicates, progress.rejected, importId);
  }

  /** Imports left "running" by a crash or a kill: their committed batches stay; importing again completes them. */
  markInterrupted(): number {
    const running = this.db.prepare(`SELECT id, pid FROM imports WHERE state = 'running'`).all() as { id: number; pid: number | null }[];
    const mark = this.db.prepare(
      `UPDATE imports SET state = 'failed', error = 'interrupted before it finished; import the same sources again to complete it',
         finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
    );
    let marked = 0;
    for (const row of running) {
      if (row.pid !== null && row.pid !== process.pid && isAlive(row.pid)) continue;
      mark.run(row.id);
      marked++;
    }
    return marked;
  }

  get(importId: number): ImportRecord | null {
    const row = this.db.prepare('SELECT * FROM imports WHERE id = ?').get(importId) as ImportRow | undefined;
    return row ? toRecord(row) : null;
  }

  list(limit: number): ImportRecord[] {
    return (this.db.prepare('SELECT * FROM imports ORDER BY id DESC LIMIT ?').all(limit) as ImportRow[]).map(toRecord);
  }

  rejections(importId: number, offset: number, limit: number): { total: number; rows: ImportRejection[] } {
    const total = this.db.prepare('SELECT count(*) FROM import_rejections WHERE import_ref = ?').pluck().get(importId) as number;
    const rows = this.db
      .prepare('SELECT path, reason FROM import_rejections WHERE import_ref = ? ORDER BY id LIMIT ? OFFSET ?')
      .all(importId, limit, offset) as ImportRejection[];
    return { total, rows };
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
