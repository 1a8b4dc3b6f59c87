import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorklistQuery, type WorklistQuery as Query } from '../../preload/contract';
import { createRouter } from '../../main/ipc/router';
import { openLantern, type Lantern } from '../../main/lantern';
import { makeInstance, uid } from '../support/dicom-fixtures';
import { tempDir } from '../support/temp';

const work = tempDir('worklist');
let lantern: Lantern;

const STUDIES = [
  { name: 'Nguyen^Van An', id: 'VN-001', accession: 'ACC-77001', date: '20260110', modality: 'CR', description: 'Chest PA' },
  { name: 'Tran^Thi Binh', id: 'VN-002', accession: 'ACC-77002', date: '20260305', modality: 'DX', description: 'Chest AP supine' },
  { name: 'Müller^Jürgen', id: 'DE-100', accession: 'X-5', date: '20251224', modality: 'CT', description: 'Thorax' },
  { name: 'nguyen^binh', id: 'VN-003', accession: 'ACC-77003', date: '', modality: 'MR', description: 'Knee' },
];

const query = (q: Query) => lantern.worklist.query(WorklistQuery.parse(q));

beforeAll(async () => {
  const folder = path.join(work, 'src');
  fs.mkdirSync(folder);
  STUDIES.forEach((s, i) => {
    const studyUid = uid();
    fs.writeFileSync(
      path.join(folder, `s${i}.dcm`),
      makeInstance({
        studyUid,
        seriesUid: uid(),
        sopUid: uid(),
        patientName: s.name,
        patientId: s.id,
        accession: s.accession,
        studyDate: s.date,
        modality: s.modality,
        description: s.description,
      }),
    );
    if (s.modality === 'CR') {
      // A second series of another modality in the same study.
      const second = { studyUid, seriesUid: uid(), sopUid: uid(), modality: 'DX', patientName: s.name, patientId: s.id };
      fs.writeFileSync(path.join(folder, `s${i}-dx.dcm`), makeInstance({ ...second, accession: s.accession, studyDate: s.date }));
    }
  });
  lantern = openLantern(path.join(work, 'data'));
  await lantern.imports.whenDone(lantern.imports.start([folder]));
  return () => lantern.close();
});

describe('worklist queries', () => {
  it('lists every study with its counts, newest first by default', () => {
    const page = query({});
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.studyDate)).toEqual(['20260305', '20260110', '20251224', '']);
    const first = page.rows.find((r) => r.patientId === 'VN-001')!;
    expect(first).toMatchObject({ seriesCount: 2, instanceCount: 2, readStatus: 'unread' });
    expect([...first.modalities].sort()).toEqual(['CR', 'DX']);
  });

  it('searches name, ID and accession anywhere in the value, ignoring case', () => {
    expect(query({ search: 'NGUYEN' }).rows.map((r) => r.patientId).sort()).toEqual(['VN-001', 'VN-003']);
    expect(query({ search: '77002' }).rows.map((r) => r.patientId)).toEqual(['VN-002']);
    expect(query({ search: 'DE-1' }).rows.map((r) => r.patientName)).toEqual(['Müller^Jürgen']);
    expect(query({ search: '100%' }).total).toBe(0); // no wildcards
  });

  it('matches one or two characters as a prefix of name, ID or accession', () => {
    expect(query({ search: 'x-' }).rows.map((r) => r.patientId)).toEqual(['DE-100']);
    expect(query({ search: 'ng' }).rows.map((r) => r.patientId).sort()).toEqual(['VN-001', 'VN-003']);
    expect(query({ search: 'VN' }).total).toBe(3);
    expect(query({ search: 'an' }).total).toBe(0); // "Van An" contains it, but no value starts with it
  });

  it('filters by modality (any series), date range and status', () => {
    expect(query({ modalities: ['DX'] }).rows.map((r) => r.patientId).sort()).toEqual(['VN-001', 'VN-002']);
    expect(query({ dateFrom: '20260101', dateTo: '20261231' }).total).toBe(2);
    expect(query({ dateTo: '20251231' }).rows.map((r) => r.patientId)).toEqual(['DE-100']);
    expect(query({ statuses: ['final'] }).total).toBe(0);
    expect(query({ statuses: ['unread'] }).total).toBe(4);
  });

  it('sorts on every column in both directions and pages stably', () => {
    const names = (direction: 'asc' | 'desc') =>
      query({ sort: { column: 'patientName', direction } }).rows.map((r) => r.patientName.toLowerCase());
    expect(names('asc')).toEqual([...names('asc')].sort());
    expect(names('desc')).toEqual([...names('asc')].reverse());
    for (const column of ['patientId', 'patientSex', 'patientAge', 'studyDate', 'modalities', 'description', 'accession', 'seriesCount', 'instanceCount', 'readStatus'] as const) {
      const all = query({ sort: { column, direction: 'asc' } }).rows.map((r) => r.studyInstanceUid);
      const paged = [0, 1, 2, 3].flatMap((offset) => query({ sort: { column, direction: 'asc' }, offset, limit: 1 }).rows.map((r) => r.studyInstanceUid));
      expect(paged).toEqual(all);
    }
  });

  it("carries each study's AI second opinion and filters on a positive one", () => {
    const ids = lantern.db.prepare('SELECT id FROM studies ORDER BY id').pluck().all() as number[];
    const setStatus = lantern.db.prepare(
      'INSERT OR REPLACE INTO ai_study_status (study_ref, state, reason, top_label, top_score) VALUES (?, ?, ?, ?, ?)',
    );
    setStatus.run(ids[0], 'done', null, 'Cardiomegaly', 0.91);
    setStatus.run(ids[1], 'done', null, null, null);
    setStatus.run(ids[2], 'failed', 'model failed to load: corrupt', null, null);
    const byId = new Map(query({}).rows.map((r) => [r.patientId, r.ai]));
    expect(byId.get('VN-001')).toEqual({ state: 'done', reason: null, topLabel: 'Cardiomegaly', topScore: 0.91 });
    expect(byId.get('VN-002')).toEqual({ state: 'done', reason: null, topLabel: null, topScore: null });
    expect(byId.get('DE-100')).toMatchObject({ state: 'failed', reason: expect.stringMatching(/corrupt/) });
    expect(byId.get('VN-003')).toBeNull();
    expect(query({ aiPositive: true }).rows.map((r) => r.patientId)).toEqual(['VN-001']);
  });

  it('returns a study with its series and instances', () => {
    const uidOfFirst = query({ search: 'VN-001' }).rows[0]!.studyInstanceUid;
    const detail = lantern.worklist.study(uidOfFirst)!;
    expect(detail.series.map((s) => s.modality).sort()).toEqual(['CR', 'DX']);
    expect(detail.series[0]!.instances[0]).toMatchObject({ rows: 8, columns: 8, frames: 1, photometricInterpretation: 'MONOCHROME2' });
  });
});

describe('IPC router', () => {
  const handle = () => createRouter(lantern, { appInfo: { host: 'browser', preferCpuRendering: true, nativeFilePicker: false } }, 'test');

  it('answers valid requests through the contract', async () => {
    const result = await handle()('worklist.query', { search: 'Tran' });
    expect(result).toMatchObject({ ok: true, value: { total: 1 } });
    expect(await handle()('worklist.modalities', {})).toEqual({ ok: true, value: ['CR', 'CT', 'DX', 'MR'] });
  });

  it('refuses unknown channels and malformed requests with the field at fault', async () => {
    expect(await handle()('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const bad = await handle()('worklist.query', { limit: 100000 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/limit/) } });
    const extra = await handle()('study.get', { studyInstanceUid: '1.2', sql: 'DROP TABLE studies' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await handle()('study.get', { studyInstanceUid: '9.9.9' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
