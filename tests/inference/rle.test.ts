// Lantern's own RLE Lossless decoder against pydicom, on the conformance RLE files (8/16/32-bit, grey and RGB,
// multi-frame) and on files dcmtk's encoder (dcmcrle) writes here from uncompressed originals.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../main/dicom/pixels/decode';
import { decodeRleFrame } from '../../main/dicom/pixels/rle';
import { sharedData, tempDir } from '../support/temp';
import { runPythonCode } from './python';

const PYDICOM_FRAMES = `import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
arr = ds.pixel_array
frames = int(ds.get('NumberOfFrames', 1) or 1)
arr = arr.reshape((frames, -1))
print(json.dumps([f.tolist() for f in arr]))`;

async function expectSameAsPydicom(file: string): Promise<void> {
  const expected = JSON.parse(runPythonCode(PYDICOM_FRAMES, [file])) as number[][];
  for (const [frame, values] of expected.entries()) {
    const decoded = await decodeImage(fs.readFileSync(file), frame);
    expect(Array.from(decoded.samples), `${path.basename(file)} frame ${frame + 1}`).toEqual(values);
  }
}

describe('RLE Lossless decoder', () => {
  it.each(['MR_small_RLE.dcm', 'SC_rgb_rle.dcm', 'SC_rgb_rle_16bit_2frame.dcm', 'SC_rgb_rle_32bit_2frame.dcm', 'rtdose_rle.dcm'])(
    'matches pydicom on %s',
    async (name) => {
      await expectSameAsPydicom(sharedData('dicom-conformance', name));
    },
  );

  it('matches pydicom on images encoded by dcmtk here (signed CT, 8-bit CXR)', async () => {
    const dir = tempDir('rle');
    for (const source of [sharedData('dicom-conformance', 'CT_small.dcm'), sharedData('cxr-dicom', 'nih-cxr14-00000001_000.dcm')]) {
      const target = path.join(dir, `${path.basename(source)}.rle.dcm`);
      const result = spawnSync('dcmcrle', [source, target], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      await expectSameAsPydicom(target);
    }
  });

  it('refuses a frame whose segments run short, naming the segment', () => {
    const frame = new Uint8Array(64 + 2);
    const view = new DataView(frame.buffer);
    view.setUint32(0, 1, true);
    view.setUint32(4, 64, true);
    frame.set([0x81, 7], 64); // a run of 128 sevens, for 4×4 = 16 pixels: fine
    expect(Array.from(decodeRleFrame(frame, { rows: 4, columns: 4, samplesPerPixel: 1, bitsAllocated: 8 }))).toEqual(Array(16).fill(7));
    expect(() => decodeRleFrame(frame, { rows: 16, columns: 16, samplesPerPixel: 1, bitsAllocated: 8 })).toThrow(
      'RLE segment 1 ends after 128 of 256 pixels',
    );
    expect(() => decodeRleFrame(frame, { rows: 4, columns: 4, samplesPerPixel: 1, bitsAllocated: 16 })).toThrow(
      'RLE header lists 1 segments; 1 samples of 16 bits need 2',
    );
  });
});
