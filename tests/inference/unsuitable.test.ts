// Files that cannot feed a model are refused with a reason a person can act on, never decoded wrongly.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImage, UnsuitableImage } from '../../main/dicom/pixels/decode';
import { sharedData } from '../support/temp';

describe('unsuitable images', () => {
  it.each([
    ['JPEG-lossy.dcm', '12-bit JPEG Extended is not supported by the inference pipeline (no exact decoder)'],
    ['reportsi.dcm', 'no Pixel Data (7FE0,0010): not an image'],
    ['liver_1frame.dcm', 'Bits Allocated (0028,0100) 1 is not supported (8, 16 or 32)'],
    ['MR_truncated.dcm', /^unreadable DICOM: .*buffer overrun/],
    ['JPEG2000-embedded-sequence-delimiter.dcm', 'OpenJPEG decoded 0×0, the header says 256×1024'],
    ['README.txt', 'not a DICOM file'],
  ])('%s: %s', async (name, reason) => {
    const attempt = decodeImage(fs.readFileSync(sharedData('dicom-conformance', name)));
    await expect(attempt).rejects.toBeInstanceOf(UnsuitableImage);
    await expect(attempt).rejects.toThrow(reason);
  });

  it('refuses a frame beyond the last one', async () => {
    await expect(decodeImage(fs.readFileSync(sharedData('dicom-conformance', 'SC_rgb_rle_2frame.dcm')), 2)).rejects.toThrow(
      'frame 3 requested, the image has 2',
    );
  });
});
