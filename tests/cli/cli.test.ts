import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData, tempDir } from '../support/temp';

const lantern = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/lantern.mjs', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('lantern CLI', () => {
  const dataDir = path.join(tempDir('cli'), 'data');

  it('imports with a JSON summary on stdout and progress on stderr, exit 0 despite rejections', () => {
    const run = lantern('import', sharedData('cxr-dicom'), sharedData('dicom-conformance', 'MR_truncated.dcm'), '--data-dir', dataDir, '--json');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/done: seen 4, imported 3, duplicates 0, rejected 1/);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ imported: 3, duplicates: 0 });
    expect(summary.rejected).toEqual([{ path: sharedData('dicom-conformance', 'MR_truncated.dcm'), reason: expect.stringMatching(/truncated/) }]);
  });

  it('lists studies as JSON with the documented fields', () => {
    const run = lantern('studies', '--data-dir', dataDir, '--json');
    expect(run.status).toBe(0);
    const studies = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(studies).toHaveLength(3);
    for (const study of studies) {
      expect(Object.keys(study).sort()).toEqual(
        ['instanceCount', 'modalities', 'patientId', 'patientName', 'seriesCount', 'studyDate', 'studyInstanceUid'].sort(),
      );
    }
    expect(studies.flatMap((s) => s.modalities as string[]).sort()).toEqual(['CR', 'DX', 'DX']);
  });

  it('exits non-zero with a usage message when it cannot run', () => {
    const noPaths = lantern('import', '--data-dir', dataDir);
    expect(noPaths.status).toBe(2);
    expect(noPaths.stderr).toMatch(/at least one file/);
    expect(lantern('frobnicate').status).toBe(2);
    const file = path.join(tempDir('cli-file'), 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const badDataDir = lantern('import', sharedData('cxr-dicom'), '--data-dir', path.join(file, 'data'));
    expect(badDataDir.status).toBe(1);
    expect(badDataDir.stderr).toMatch(/ENOTDIR|EEXIST/);
  });
});
