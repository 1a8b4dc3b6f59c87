import fs from 'node:fs';
import { decodeImage } from '../../main/dicom/pixels/decode';
import { toUnitImage } from '../../main/dicom/pixels/levels';
const dir = '/work/shared/data/dicom-conformance/';
const files = process.argv.slice(2);
for (const f of files) {
  const t = performance.now();
  try {
    const img = await decodeImage(fs.readFileSync(f.includes('/') ? f : dir + f));
    const u = toUnitImage(img, { method: 'voi' }, 'invert', 1);
    let s = 0; for (const v of u.image.data) s += v;
    console.log(f, img.rows, img.columns, img.channels, img.photometric, (performance.now() - t).toFixed(1), 'ms', u.windowing, (s / u.image.data.length).toFixed(4));
  } catch (e) { console.log(f, 'ERR', (e as Error).message); }
}
