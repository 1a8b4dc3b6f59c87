// Pipeline parity: the Node pipeline (decode → modality LUT → window → MONOCHROME1 → geometry → normalization)
// feeds the oracle model; pydicom + numpy compute the same statistics from the same files independently.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeImage } from '../../main/inference/analyze-image';
import type { ModelManifest } from '../../main/inference/manifest';
import { oracleManifest, oracleModel, ORACLE_SIZE, ORACLE_STATS } from './oracle';
import { runPython, runPythonCode } from './python';

const conformance = (name: string) => path.resolve('../shared/data/dicom-conformance', name);
const cxr = (name: string) => path.resolve('../shared/data/cxr-dicom', name);
type Preprocessing = ModelManifest['preprocessing'];

const area: Preprocessing = {
  windowing: { method: 'voi' },
  monochrome1: 'invert',
  steps: [{ op: 'resize', width: ORACLE_SIZE, height: ORACLE_SIZE, method: 'area', keepAspect: false, padValue: 0 }],
  normalization: { scale: 1, mean: [0], std: [1] },
};
const percentileBilinear: Preprocessing = {
  windowing: { method: 'percentile', low: 2, high: 98 },
  monochrome1: 'invert',
  steps: [{ op: 'center-square' }, { op: 'resize', width: ORACLE_SIZE, height: ORACLE_SIZE, method: 'bilinear', keepAspect: false, padValue: 0 }],
  normalization: { scale: 2048, mean: [1024], std: [1] },
};
const bitDepthKeepAspect: Preprocessing = {
  windowing: { method: 'bit-depth' },
  monochrome1: 'invert',
  steps: [
    { op: 'crop', x: 2, y: 4, width: 40, height: 30 },
    { op: 'resize', width: ORACLE_SIZE, height: ORACLE_SIZE, method: 'nearest', keepAspect: true, padValue: 0.25 },
  ],
  normalization: { scale: 1, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
};
const minmax: Preprocessing = { ...area, windowing: { method: 'minmax' } };

let generated: string;
beforeAll(() => {
  generated = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-oracle-'));
  // Variants pydicom writes: MONOCHROME1 with a VOI window, and a window on a CT with rescale slope/intercept.
  runPythonCode(
    `import sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
ds.WindowCenter, ds.WindowWidth = 40, 400
ds.save_as(sys.argv[2] + '/ct-window.dcm')
ds.PhotometricInterpretation = 'MONOCHROME1'
ds.save_as(sys.argv[2] + '/ct-monochrome1.dcm')`,
    [conformance('CT_small.dcm'), generated],
  );
  // dcmtk's encoders: JPEG lossless (process 14 SV1) and JPEG-LS of a signed CT and an 8-bit CXR.
  const encode = (tool: string, options: string[], source: string, name: string) => {
    const result = spawnSync(tool, [...options, source, path.join(generated, name)], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${tool} ${source}: ${result.stderr}`);
  };
  encode('dcmcjpeg', ['+e1'], path.join(generated, 'ct-window.dcm'), 'ct-jpeg-lossless.dcm');
  encode('dcmcjpeg', ['+e1'], cxr('nih-cxr14-00000001_000.dcm'), 'cxr-jpeg-lossless.dcm');
  encode('dcmcjpls', [], path.join(generated, 'ct-window.dcm'), 'ct-jpegls.dcm');
});

interface Case {
  file: string;
  preprocessing: Preprocessing;
  /** Lossy codecs may differ by a grey level between decoders. */
  tolerance: number;
}

function cases(): Case[] {
  const exact = 2e-5;
  const list: Case[] = [];
  const add = (file: string, preprocessing: Preprocessing, tolerance = exact) => list.push({ file, preprocessing, tolerance });
  for (const name of ['nih-cxr14-00000001_000.dcm', 'nih-cxr14-nccid-no-finding.dcm']) {
    add(cxr(name), area);
    add(cxr(name), percentileBilinear);
  }
  add(cxr('siim-acr-pa-jpeg-baseline.dcm'), area, 2e-3);
  for (const name of [
    'MR_small.dcm', 'MR_small_implicit.dcm', 'MR_small_bigendian.dcm', 'MR_small_RLE.dcm', 'MR_small_jp2klossless.dcm',
    'MR_small_jpeg_ls_lossless.dcm', 'CT_small.dcm', 'JPEG2000.dcm', 'image_dfl.dcm', 'rtdose_rle_1frame.dcm', 'rtdose_1frame.dcm',
  ]) {
    add(conformance(name), area);
  }
  add(conformance('MR_small.dcm'), percentileBilinear);
  add(conformance('MR_small_RLE.dcm'), bitDepthKeepAspect);
  add(conformance('JPEG2000.dcm'), percentileBilinear);
  add(conformance('CT_small.dcm'), minmax);
  add(path.join(generated, 'ct-window.dcm'), area);
  add(path.join(generated, 'ct-monochrome1.dcm'), area);
  add(path.join(generated, 'ct-monochrome1.dcm'), percentileBilinear);
  for (const name of ['ct-jpeg-lossless.dcm', 'cxr-jpeg-lossless.dcm', 'ct-jpegls.dcm']) add(path.join(generated, name), area);
  for (const name of ['SC_rgb_jpeg_gdcm.dcm', 'SC_rgb_rle.dcm', 'SC_rgb_rle_16bit.dcm', 'SC_rgb_rle_32bit.dcm', 'ExplVR_BigEnd.dcm', 'SC_ybr_full_422_uncompressed.dcm']) {
    add(conformance(name), area, name.includes('ybr') ? 5e-3 : exact);
  }
  add(conformance('ExplVR_BigEnd.dcm'), bitDepthKeepAspect);
  return list;
}

describe('oracle parity with pydicom + numpy', () => {
  it('gives the same input statistics for CXRs and conformance files across transfer syntaxes', async () => {
    const model = oracleModel();
    const session = await ort.InferenceSession.create(model);
    const all = cases();
    const reference = JSON.parse(
      runPython('tests/inference/oracle_reference.py', [], JSON.stringify({ cases: all.map(({ file, preprocessing }) => ({ file, preprocessing })) })),
    ) as { file: string; stats?: number[]; error?: string }[];
    const mismatches: string[] = [];
    for (const [i, c] of all.entries()) {
      const expected = reference[i]!;
      expect(expected.error, `${c.file}: reference failed`).toBeUndefined();
      const manifest = oracleManifest(c.preprocessing, '0'.repeat(64));
      const { findings } = await analyzeImage(session, manifest, fs.readFileSync(c.file));
      const actual = findings.map((f) => f.score);
      // Compare on the scale of the normalized values so that a 2048× scaled tensor gets the same relative check.
      const scale = Math.max(1, ...expected.stats!.map(Math.abs));
      ORACLE_STATS.forEach((stat, s) => {
        const diff = Math.abs(actual[s]! - expected.stats![s]!) / scale;
        if (!(diff <= c.tolerance)) {
          mismatches.push(`${path.basename(c.file)} [${c.preprocessing.windowing.method}] ${stat}: node ${actual[s]} numpy ${expected.stats![s]}`);
        }
      });
    }
    await session.release();
    expect(mismatches).toEqual([]);
  });

  it('catches a flipped image (the oracle is sensitive to orientation)', async () => {
    const session = await ort.InferenceSession.create(oracleModel());
    const manifest = oracleManifest(area, '0'.repeat(64));
    const { findings } = await analyzeImage(session, manifest, fs.readFileSync(cxr('nih-cxr14-00000001_000.dcm')));
    const byName = Object.fromEntries(findings.map((f) => [f.label, f.score]));
    // A frontal CXR is not left-right or top-bottom symmetric in intensity; a flip would swap these halves.
    expect(Math.abs(byName['c0.leftMean']! - byName['c0.mean']!)).toBeGreaterThan(1e-3);
    expect(Math.abs(byName['c0.topMean']! - byName['c0.mean']!)).toBeGreaterThan(1e-3);
    await session.release();
  });
});
