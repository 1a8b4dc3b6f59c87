import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportLog } from '../../main/dicom/import-log';
import { runImport } from '../../main/dicom/importer';
import { openLantern } from '../../main/lantern';
import { dataDirAt } from '../../main/store/data-dir';
import { openDatabase } from '../../main/store/database';
import { writeCorpus } from '../support/corpus';
import { checkStoreIntegrity } from '../support/integrity';
import { tempDir } from '../support/temp';

const CORPUS_SIZE = 1500;
const work = tempDir('interrupt');
const corpus = path.join(work, 'corpus');
writeCorpus(corpus, CORPUS_SIZE);

/** Runs `lantern import` and SIGKILLs it once it reports `killAfter` files seen. */
function importAndKill(dataRoot: string, killAfter: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/lantern.mjs', 'import', corpus, '--data-dir', dataRoot], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let seen = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      const counts = [...chunk.toString().matchAll(/seen (\d+)/g)];
      if (counts.length > 0) seen = Number(counts.at(-1)![1]);
      if (seen >= killAfter) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(seen) : reject(new Error(`import ended before the kill (seen ${seen})`))));
  });
}

describe('an import killed mid-way', () => {
  it('leaves a consistent database, and importing again completes it', async () => {
    const dataRoot = path.join(work, 'killed');
    const seenAtKill = await importAndKill(dataRoot, 600);
    expect(seenAtKill).toBeLessThan(CORPUS_SIZE);

    const dataDir = dataDirAt(dataRoot);
    const db = openDatabase(dataDir.database);
    checkStoreIntegrity(db, dataDir.store);
    const indexedAfterKill = db.prepare('SELECT count(*) FROM instances').pluck().get() as number;
    expect(indexedAfterKill).toBeLessThan(CORPUS_SIZE);
    expect(new ImportLog(db).markInterrupted()).toBe(1);
    expect(new ImportLog(db).list(1)[0]).toMatchObject({ state: 'failed', error: expect.stringMatching(/interrupted/) });
    db.close();

    const lantern = openLantern(dataRoot);
    const importId = lantern.imports.start([corpus]);
    const result = await lantern.imports.whenDone(importId)!;
    expect(result).toMatchObject({ state: 'done', imported: CORPUS_SIZE - indexedAfterKill, duplicates: indexedAfterKill });
    expect(lantern.db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(CORPUS_SIZE);
    checkStoreIntegrity(lantern.db, lantern.dataDir.store);
    await lantern.close();
  });
});

describe('cancelling', () => {
  it('stops between files and keeps what was committed', async () => {
    const dataDir = dataDirAt(path.join(work, 'cancel-midway'));
    const db = openDatabase(dataDir.database);
    const log = new ImportLog(db);
    const importId = log.create([corpus]);
    let asked = 0;
    const result = await runImport(db, dataDir, importId, [corpus], { isCancelled: () => ++asked > 700, batchSize: 100 });
    expect(result).toMatchObject({ state: 'cancelled', seen: 700, imported: 700 });
    expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(700);
    expect(log.get(importId)).toMatchObject({ state: 'cancelled', imported: 700 });
    checkStoreIntegrity(db, dataDir.store);
    db.close();
  });
});

describe('ImportService', () => {
  it('runs in a worker and can be cancelled through it', async () => {
    const lantern = openLantern(path.join(work, 'cancelled'));
    const events: string[] = [];
    lantern.events.on('import.progress', (progress) => events.push(progress.state));
    const importId = lantern.imports.start([corpus]);
    expect(lantern.imports.cancel(importId)).toBe(true);
    const result = await lantern.imports.whenDone(importId)!;
    expect(result.state).toBe('cancelled');
    expect(result.imported).toBeLessThan(CORPUS_SIZE);
    expect(events.at(-1)).toBe('cancelled');
    expect(lantern.importLog.get(importId)).toMatchObject({ state: 'cancelled', imported: result.imported });
    expect(lantern.db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(result.imported);
    checkStoreIntegrity(lantern.db, lantern.dataDir.store);
    await lantern.close();
  });
});
