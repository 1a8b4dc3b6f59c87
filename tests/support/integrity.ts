import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../main/store/database';

/** Everything that must hold after any import, finished or killed: the index and the store agree. */
export function checkStoreIntegrity(db: Db, storeRoot: string): void {
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') throw new Error(`integrity_check: ${integrity}`);
  const foreignKeys = db.pragma('foreign_key_check') as unknown[];
  if (foreignKeys.length > 0) throw new Error(`foreign_key_check: ${JSON.stringify(foreignKeys)}`);
  const packSizes = new Map<string, number>();
  const stored = db.prepare('SELECT sop_uid, file_path, file_offset, file_size FROM instances').all() as {
    sop_uid: string;
    file_path: string;
    file_offset: number;
    file_size: number;
  }[];
  for (const { sop_uid, file_path, file_offset, file_size } of stored) {
    if (!packSizes.has(file_path)) packSizes.set(file_path, fs.statSync(path.join(storeRoot, file_path)).size);
    if (file_offset + file_size > packSizes.get(file_path)!) {
      throw new Error(`${sop_uid}: indexed at ${file_path}@${file_offset}+${file_size}, past the end of the pack`);
    }
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
