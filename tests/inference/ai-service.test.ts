// The AI service end to end on real data: the shared network on the real CXRs through worker threads, results in
// SQLite, provider fallback, model history, broken models, the queue, and the main thread's responsiveness.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiProgress } from '../../preload/contract';
import { createRouter } from '../../main/ipc/router';
import type { Lantern } from '../../main/lantern';
import { sharedData } from '../support/temp';
import { runPythonCode } from './python';
import { cxrStudyUid, lanternWithCxrs, sharedManifest, sharedModelPackage, writePackage } from './support';

// source-info.json: onnx_float, app preprocessing, on NIH 00000002_000.png — the same pixels as this DICOM (checked below).
const REFERENCE_00000002_000 = [0.8489, 0.1259, 0.0253];
const NCCID = 'nih-cxr14-nccid-no-finding.dcm';

let lantern: Lantern;
let root: string;
const progress: AiProgress[] = [];

beforeAll(async () => {
  ({ lantern, root } = await lanternWithCxrs('ai-service'));
  lantern.events.on('ai.progress', (p) => progress.push(p));
  lantern.ai.updateSettings({ providerOrder: ['cuda', 'cpu'] });
  lantern.ai.install(sharedModelPackage(root));
});
afterAll(async () => {
  await lantern?.close();
});

const analyzeAll = async () => {
  for (const uid of lantern.db.prepare('SELECT study_uid FROM studies').pluck().all() as string[]) lantern.ai.enqueue(uid);
  await lantern.ai.whenIdle();
};

describe('AI service on the shared network and the real CXRs', () => {
  it('reproduces the reference prediction where the input is the same image, deterministically', async () => {
    const samePixels = runPythonCode(
      `import sys, numpy, pydicom
from PIL import Image
a = pydicom.dcmread(sys.argv[1]).pixel_array.astype(int)
b = numpy.asarray(Image.open(sys.argv[2])).astype(int)
print(a.shape == b.shape and int(numpy.abs(a - b).max()) == 0)`,
      [sharedData('cxr-dicom', NCCID), sharedData('cxr-png', 'nih-cxr14', '00000002_000.png')],
    );
    expect(samePixels.trim()).toBe('True');

    await analyzeAll();
    await analyzeAll();
    const { results, status } = lantern.ai.studyResults(cxrStudyUid(NCCID));
    expect(results).toHaveLength(2);
    for (const result of results) {
      expect(result.findings.map((f) => f.label)).toEqual(['COVID-19', 'Normal', 'Pneumonia']);
      result.findings.forEach((f, i) => expect(Math.abs(f.score - REFERENCE_00000002_000[i]!)).toBeLessThan(5e-4));
      expect(result.modelSha256).toBe(sharedManifest().sha256);
      expect(result.windowing).toBe('stored bit depth (8 bits)');
    }
    expect(results[0]!.findings).toEqual(results[1]!.findings);
    // "Normal" is not a finding: the top finding is the positive COVID-19 score.
    expect(status?.state).toBe('done');
    expect(status?.topFinding).toMatchObject({ label: 'COVID-19', modelId: 'se-mobilenetv2-cxr3' });
  });

  it('falls back from CUDA to CPU and records why, with per-stage timings', () => {
    const { results } = lantern.ai.studyResults(cxrStudyUid('siim-acr-pa-jpeg-baseline.dcm'));
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(result.executionProvider).toBe('cpu');
      expect(result.skippedProviders).toHaveLength(1);
      expect(result.skippedProviders[0]!.provider).toBe('cuda');
      expect(result.skippedProviders[0]!.reason).toMatch(/CUDA libraries not installed/);
      for (const stage of ['decodeMs', 'preprocessMs', 'inferMs', 'storeMs'] as const) expect(result.timings[stage]).toBeGreaterThan(0);
    }
  });

  it('lists images the model does not read with the reason, and the worklist status says so', () => {
    const mrStudy = lantern.db.prepare("SELECT study_uid FROM studies WHERE modalities = 'MR'").pluck().get() as string;
    const { results, skipped, status } = lantern.ai.studyResults(mrStudy);
    expect(results).toEqual([]);
    expect(skipped[0]?.reason).toBe('modality "MR" is not one this model reads (CR, DX)');
    expect(status).toMatchObject({ state: 'done', topFinding: null });
    expect(status?.reason).toMatch(/^no image the models read: modality "MR"/);
    const row = lantern.db
      .prepare('SELECT a.state FROM studies s LEFT JOIN ai_study_status a ON a.study_ref = s.id WHERE s.study_uid = ?')
      .get(mrStudy);
    expect(row).toEqual({ state: 'done' });
  });

  it('keeps the results of an older model version when a newer one runs', async () => {
    const uid = cxrStudyUid('nih-cxr14-00000001_000.dcm');
    const before = lantern.ai.studyResults(uid).results;
    lantern.ai.install(sharedModelPackage(root, { version: '1.1.0' }));
    lantern.ai.enqueue(uid);
    await lantern.ai.whenIdle();
    const after = lantern.ai.studyResults(uid).results;
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]!.modelVersion).toBe('1.1.0');
    expect(after.slice(1)).toEqual(before);
  });

  it('marks a model that fails to load as broken and still runs the others', async () => {
    const corrupt = Buffer.from('this is not an ONNX protobuf');
    const { sha256: _, ...manifest } = { ...sharedManifest(), id: 'corrupt-model' };
    lantern.ai.install(writePackage(root, manifest, corrupt));
    const uid = cxrStudyUid(NCCID);
    const before = lantern.ai.studyResults(uid).results.length;
    lantern.ai.enqueue(uid);
    await lantern.ai.whenIdle();
    const broken = lantern.ai.models().find((m) => m.modelId === 'corrupt-model')!;
    expect(broken.state).toBe('broken');
    expect(broken.brokenReason).toMatch(/corrupt-model 1\.0\.0 could not be loaded with any execution provider \(cuda: .*; cpu: /);
    const { results, status } = lantern.ai.studyResults(uid);
    expect(results).toHaveLength(before + 1);
    expect(results[0]!.modelId).toBe('se-mobilenetv2-cxr3');
    expect(status?.state).toBe('done');
    expect(lantern.ai.models().filter((m) => m.state === 'ready').map((m) => m.modelId)).toContain('se-mobilenetv2-cxr3');
  });

  it('keeps the main thread responsive while the worker infers', async () => {
    let worstGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 2);
    const before = lantern.db.prepare('SELECT coalesce(max(id), 0) FROM ai_results').pluck().get() as number;
    await analyzeAll();
    clearInterval(timer);
    const runs = lantern.db
      .prepare('SELECT decode_ms + preprocess_ms + infer_ms AS work FROM ai_results WHERE id > ?')
      .pluck()
      .all(before) as number[];
    expect(runs.length).toBeGreaterThanOrEqual(3);
    // Had the images been analysed on this thread, the timer would have waited at least as long as the longest
    // one's work. (Not the shortest: on a busy 2-core machine the OS alone can delay a timer by tens of ms.)
    expect(worstGap).toBeLessThan(Math.max(...runs));
  });

  it('runs the study on screen first, cancels queued studies, and reports progress', async () => {
    const [first, second, third] = ['nih-cxr14-00000001_000.dcm', NCCID, 'siim-acr-pa-jpeg-baseline.dcm'].map(cxrStudyUid);
    progress.length = 0;
    lantern.ai.enqueue(first!);
    lantern.ai.enqueue(second!);
    lantern.ai.enqueue(third!);
    lantern.ai.prioritize(third!);
    expect(lantern.ai.cancel(second!)).toBe(true);
    await lantern.ai.whenIdle();
    const started = progress.filter((p) => p.state === 'running' && p.imagesTotal === 0).map((p) => p.studyInstanceUid);
    expect(started).toEqual([first, third]);
    expect(progress.find((p) => p.studyInstanceUid === second)?.state).toBe('queued');
    expect(progress.filter((p) => p.studyInstanceUid === second).at(-1)?.state).toBe('cancelled');
    expect(lantern.ai.studyResults(second!).status?.state).toBe('cancelled');
  });

  it('serves results and settings through the IPC router', async () => {
    const handle = createRouter(lantern, { appInfo: { host: 'browser', preferCpuRendering: true, nativeFilePicker: false } }, 'test');
    const results = await handle('ai.results', { studyInstanceUid: cxrStudyUid(NCCID) });
    expect(results.ok && (results.value as { results: unknown[] }).results.length).toBeGreaterThan(0);
    const settings = await handle('ai.settings.update', { analyzeOnImport: true });
    expect(settings).toEqual({ ok: true, value: { providerOrder: ['cuda', 'cpu'], analyzeOnImport: true } });
    const refused = await handle('ai.settings.update', { providerOrder: ['tpu'] });
    expect(refused.ok).toBe(false);
    const models = await handle('ai.models.list', {});
    expect(models.ok && (models.value as { modelId: string }[]).map((m) => m.modelId).sort()).toEqual([
      'corrupt-model',
      'se-mobilenetv2-cxr3',
      'se-mobilenetv2-cxr3',
    ]);
    expect(fs.existsSync(path.join(lantern.dataDir.root, 'models', 'se-mobilenetv2-cxr3', '1.1.0', 'model.onnx'))).toBe(true);
  });

  it('analyzes newly imported studies when "analyze on import" is on, and queues all unread studies on request', async () => {
    lantern.ai.updateSettings({ analyzeOnImport: true });
    const importId = lantern.imports.start([sharedData('dicom-conformance', 'CT_small.dcm')]);
    await lantern.imports.whenDone(importId);
    await lantern.ai.whenIdle();
    const ctStudy = lantern.db.prepare("SELECT study_uid FROM studies WHERE modalities = 'CT'").pluck().get() as string;
    expect(lantern.ai.studyResults(ctStudy).status).toMatchObject({ state: 'done', reason: expect.stringMatching(/modality "CT"/) });

    const unread = lantern.db.prepare("SELECT count(*) FROM studies WHERE read_status = 'unread'").pluck().get();
    expect(lantern.ai.analyzeUnread()).toBe(unread);
    await lantern.ai.whenIdle();
    const states = lantern.db.prepare('SELECT DISTINCT state FROM ai_study_status').pluck().all();
    expect(states).toEqual(['done']);
  });
});
