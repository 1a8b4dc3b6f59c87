import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportLog } from '../../main/dicom/import-log';
import { runImport } from '../../main/dicom/importer';
import { readStoredInstance, storedRange } from '../../main/dicom/instance-store';
import { Worklist } from '../../main/worklist/worklist';
import { dataDirAt, type DataDir } from '../../main/store/data-dir';
import { openDatabase, type Db } from '../../main/store/database';
import { makeInstance, uid, withoutPart10Header } from '../support/dicom-fixtures';
import { checkStoreIntegrity } from '../support/integrity';
import { sharedData, tempDir } from '../support/temp';

function freshStore(label: string): { dataDir: DataDir; db: Db; log: ImportLog } {
  const dataDir = dataDirAt(tempDir(label));
  const db = openDatabase(dataDir.database);
  return { dataDir, db, log: new ImportLog(db) };
}

async function importPaths(store: ReturnType<typeof freshStore>, paths: string[]) {
  const importId = store.log.create(paths);
  const result = await runImport(store.db, store.dataDir, importId, paths);
  return { result, rejections: store.log.rejections(importId, 0, 10_000).rows };
}

/** SOP Instance UIDs that pydicom (an independent reader) finds in the files a DICOMDIR references. */
function pydicomDicomdirReferences(dicomdir: string): number {
  const script = `
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
print(sum(1 for r in ds.DirectoryRecordSequence if 'ReferencedFileID' in r))`;
  return Number(execFileSync('/usr/bin/python3', ['-c', script, dicomdir], { encoding: 'utf8' }).trim());
}

describe('import of the real conformance and chest X-ray files', () => {
  const store = freshStore('real');
  let outcome: Awaited<ReturnType<typeof importPaths>>;

  beforeAll(async () => {
    outcome = await importPaths(store, [sharedData('cxr-dicom'), sharedData('dicom-conformance')]);
  });

  it('accounts for every file: imported, duplicate or rejected with a reason', () => {
    const { result, rejections } = outcome;
    expect(result.state).toBe('done');
    expect(result.imported).toBeGreaterThan(100);
    expect(result.seen).toBe(result.imported + result.duplicates + rejections.length);
    for (const rejection of rejections) expect(rejection.reason.length).toBeGreaterThan(10);
  });

  it('gives specific reasons for the malformed files', () => {
    const reasonFor = (name: string) => outcome.rejections.find((r) => path.basename(r.path) === name)?.reason;
    expect(reasonFor('MR_truncated.dcm')).toMatch(/truncated/);
    expect(reasonFor('rtplan_truncated.dcm')).toMatch(/truncated/);
    expect(reasonFor('README.txt')).toMatch(/not a DICOM file/);
    expect(reasonFor('test1.json')).toMatch(/not a DICOM file/);
    expect(reasonFor('UN_sequence.dcm')).toMatch(/missing SOP Instance UID/);
    // DICOMDIRs under other names are followed like the one named DICOMDIR; a broken one is reported.
    expect(reasonFor('DICOMDIR-reordered')).toBeUndefined();
    expect(reasonFor('DICOMDIR-bigEnd')).toBeUndefined();
    expect(reasonFor('DICOMDIR-nooffset')).toMatch(/DICOMDIR unreadable .*folder scanned instead/);
  });

  it('indexes the three chest X-rays with their modality and size', () => {
    const rows = store.db
      .prepare(
        `SELECT se.modality, i.rows, i.columns, st.description FROM instances i JOIN series se ON se.id = i.series_ref
         JOIN studies st ON st.id = se.study_ref WHERE i.rows = 1024 AND i.columns = 1024 ORDER BY se.modality`,
      )
      .all() as { modality: string; description: string }[];
    expect(rows.map((r) => r.modality)).toEqual(['CR', 'DX', 'DX']);
    expect(rows.map((r) => r.description).sort()).toEqual(expect.arrayContaining(['Cardiomegaly', 'No Finding']));
  });

  it('de-duplicates by SOP Instance UID: the MR_small variants share one', () => {
    const sop = store.db.prepare(`SELECT count(*) FROM instances WHERE sop_uid = ?`).pluck();
    const mrSmall = dicomParser.parseDicom(fs.readFileSync(sharedData('dicom-conformance', 'MR_small.dcm')));
    expect(sop.get(mrSmall.string('x00080018'))).toBe(1);
    expect(outcome.result.duplicates).toBeGreaterThan(5);
  });

  it('stores every instance as a readable Part 10 file, bare datasets included', async () => {
    const bare = dicomParser.parseDicom(fs.readFileSync(sharedData('dicom-conformance', 'ExplVR_BigEndNoMeta.dcm')), {
      TransferSyntaxUID: '1.2.840.10008.1.2.2',
    });
    const location = new Worklist(store.db).instanceLocation(bare.string('x00080018')!)!;
    const copy = await readStoredInstance(storedRange(store.dataDir.store, location));
    expect(copy.subarray(128, 132).toString('latin1')).toBe('DICM');
    expect(dicomParser.parseDicom(copy).string('x00020010')).toBe('1.2.840.10008.1.2.2');
    checkStoreIntegrity(store.db, store.dataDir.store);
  });

  it('treats a second import of the same files as a no-op that reports duplicates', async () => {
    const before = store.db.prepare('SELECT count(*) FROM instances').pluck().get() as number;
    const again = await importPaths(store, [sharedData('cxr-dicom')]);
    expect(again.result.imported).toBe(0);
    expect(again.result.duplicates).toBe(3);
    expect(store.db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(before);
  });
});

describe('DICOMDIR', () => {
  it('follows the records of a DICOMDIR given as the only path', async () => {
    const dicomdir = sharedData('dicom-conformance', 'dicomdirtests', 'DICOMDIR');
    const store = freshStore('dicomdir');
    const { result, rejections } = await importPaths(store, [dicomdir]);
    expect(rejections).toEqual([]);
    expect(result.seen).toBe(pydicomDicomdirReferences(dicomdir));
    expect(result.imported).toBe(result.seen);
    checkStoreIntegrity(store.db, store.dataDir.store);
  });
});

describe('generated sources', () => {
  const work = tempDir('sources');
  const studyUid = uid();
  const seriesUid = uid();
  const files = Array.from({ length: 6 }, (_, i) =>
    makeInstance({ studyUid, seriesUid, sopUid: uid(), instanceNumber: i + 1, patientName: 'Zip^Zelda' }),
  );

  it('imports the entries of a ZIP archive', async () => {
    const folder = path.join(work, 'zip-src');
    fs.mkdirSync(path.join(folder, 'nested'), { recursive: true });
    files.forEach((file, i) => fs.writeFileSync(path.join(folder, i % 2 ? 'nested' : '', `IM${i}`), file));
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not an image');
    const archive = path.join(work, 'study.zip');
    execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-c', archive, path.join(folder, '.')]);
    const store = freshStore('zip');
    const { result, rejections } = await importPaths(store, [archive]);
    expect(result.imported).toBe(6);
    expect(rejections).toHaveLength(1);
    expect(rejections[0]!.path).toMatch(/study\.zip!\/.*notes\.txt$/);
    const study = store.db.prepare('SELECT patient_name, series_count, instance_count FROM studies').get();
    expect(study).toEqual({ patient_name: 'Zip^Zelda', series_count: 1, instance_count: 6 });
  });

  it('imports bare datasets and a truncated ZIP loses only what is damaged', async () => {
    const folder = path.join(work, 'bare');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'bare.dcm'), withoutPart10Header(files[0]!));
    const damaged = path.join(work, 'damaged.zip');
    fs.writeFileSync(damaged, fs.readFileSync(path.join(work, 'study.zip')).subarray(0, 200));
    const store = freshStore('bare');
    const { result, rejections } = await importPaths(store, [folder, damaged, path.join(work, 'does-not-exist')]);
    expect(result.imported).toBe(1);
    expect(rejections.map((r) => r.reason)).toEqual([
      expect.stringMatching(/ZIP archive/),
      expect.stringMatching(/cannot open: ENOENT/),
    ]);
  });
});
