// `lantern models` and `lantern analyze` as a user runs them: JSON on stdout, progress and refusals on stderr.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData, tempDir } from '../support/temp';
import { CXR_FILES, cxrStudyUid, sharedManifest, sharedModelPackage } from './support';

function lantern(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/lantern.mjs', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('lantern models / analyze', () => {
  const root = tempDir('ai-cli');
  const dataDir = path.join(root, 'data');

  it('refuses a broken package naming the field, installs a good one, and lists it', () => {
    const broken = sharedModelPackage(root);
    const manifest = { ...sharedManifest(), labels: [{ name: 'COVID-19', threshold: 2 }] };
    fs.writeFileSync(path.join(broken, 'manifest.json'), JSON.stringify(manifest));
    const refused = lantern('models', 'add', broken, '--data-dir', dataDir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`refused ${broken}: ${path.join(broken, 'manifest.json')}: labels[0].threshold: Too big`);

    expect(lantern('models', 'add', sharedModelPackage(root), '--data-dir', dataDir).status).toBe(0);
    const listed = lantern('models', 'list', '--json', '--data-dir', dataDir);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ modelId: 'se-mobilenetv2-cxr3', version: '1.0.0', state: 'ready', sha256: sharedManifest().sha256 }),
    ]);
  });

  it('analyzes every study, printing results and skipped images as JSON', () => {
    const imported = lantern('import', sharedData('cxr-dicom'), sharedData('dicom-conformance', 'CT_small.dcm'), '--data-dir', dataDir);
    expect(imported.status).toBe(0);
    const run = lantern('analyze', '--all', '--json', '--data-dir', dataDir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/image 1\/1 \(se-mobilenetv2-cxr3\): cpu, \d+ ms/);
    const entries = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(entries).toHaveLength(4);
    const analysed = entries.filter((e) => 'findings' in e);
    expect(analysed.map((e) => e.studyInstanceUid).sort()).toEqual(CXR_FILES.map(cxrStudyUid).sort());
    for (const entry of analysed) {
      expect(Object.keys(entry)).toEqual([
        'studyInstanceUid', 'sopInstanceUid', 'modelId', 'modelVersion', 'modelSha256', 'executionProvider',
        'skippedProviders', 'durationMs', 'timings', 'findings',
      ]);
      expect(entry.executionProvider).toBe('cpu');
      expect((entry.findings as { label: string }[]).map((f) => f.label)).toEqual(['COVID-19', 'Normal', 'Pneumonia']);
    }
    const skipped = entries.find((e) => 'skipped' in e);
    expect(skipped).toMatchObject({ modelId: 'se-mobilenetv2-cxr3', skipped: 'modality "CT" is not one this model reads (CR, DX)' });

    const usage = lantern('analyze', '--json', '--data-dir', dataDir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('analyze needs exactly one of --study UID or --all');
  });
});
