import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../main/store/database';

/** Everything that must hold after any import, finished or killed: the index and the store agree. */
export function checkStoreIntegrity(db: Db, storeRoot: string): void {
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') throw new Error(`integrity_check: ${integrity}`);
  const foreignKeys = db.pragma('foreign_key_check') as unknown[];
  if (foreignKeys.length > 0) throw new Error(`foreign_key_check: ${JSON.stringify(foreignKeys)}`);
  const files = db.prepare('SELECT file_path, file_size FROM instances').all() as { file_path: string; file_size: number }[];
  for (const { file_path, file_size } of files) {
    const stat = fs.statSync(path.join(storeRoot, file_path));
    if (stat.size !== file_size) throw new Error(`${file_path}: ${stat.size} bytes on disk, ${file_size} indexed`);
  }
  const wrongCounts = db
    .prepare(
      `SELECT s.study_uid FROM studies s WHERE s.instance_count <>
         (SELECT count(*) FROM instances i JOIN series se ON se.id = i.series_ref WHERE se.study_ref = s.id)
       OR s.series_count <> (SELECT count(*) FROM series se WHERE se.study_ref = s.id)`,
    )
    .all();
  if (wrongCounts.length > 0) throw new Error(`denormalized counts wrong for ${JSON.stringify(wrongCounts)}`);
}
