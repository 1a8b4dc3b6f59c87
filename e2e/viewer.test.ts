// The viewer in real Chromium on real files: a chest X-ray from the shared data, plus small studies generated here
// for what the shared data cannot show on its own (MONOCHROME1 next to the same pixels as MONOCHROME2, a CT stack in
// Hounsfield units, an instance whose stored file has gone missing).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInstance, uid } from '../tests/support/dicom-fixtures';
import { importPaths, screenshot, sharedData, startTestHost, type TestHost } from './support/host';
import {
  closeViewer,
  dragInPane,
  greyStats,
  looksLikeAnImage,
  meanAbsoluteDifference,
  openStudy,
  paneGrey,
  settledPane,
  waitForPane,
} from './viewer-support';

const CXR_STUDY = '1.3.6.1.4.1.11129.5.5.112507010803284478207522016832191866964708'; // nih-cxr14-nccid-no-finding.dcm
const SIZE = 96;

/** A disc brighter towards its centre on a darker ramp: structure in every direction, so flips and windows show. */
function phantom(rows: number, columns: number, peak: number, offset = 0): Uint16Array {
  return Uint16Array.from({ length: rows * columns }, (_, i) => {
    const x = i % columns;
    const y = Math.floor(i / columns);
    const r = Math.hypot(x - columns * 0.4, y - rows * 0.45) / (rows * 0.35);
    const disc = r < 1 ? peak * (1 - r * r) : 0;
    return Math.round(offset + disc + (x / columns) * peak * 0.3 + (y < rows * 0.15 ? peak * 0.2 : 0));
  });
}

interface Fixtures {
  dir: string;
  monoStudy: string;
  voiLutStudy: string;
  ctStudy: string;
  /** A second CT series; the stored file of its `missingSlice`-th image is removed after import. */
  damagedSeries: string;
  missingSlice: number;
  damagedSops: string[];
}

function writeFixtures(): Fixtures {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-viewer-fixtures-'));
  const monoStudy = uid();
  const pixels = phantom(128, 160, 3000);
  for (const [number, photometric] of [
    [1, 'MONOCHROME2'],
    [2, 'MONOCHROME1'],
  ] as const) {
    const file = makeInstance({
      studyUid: monoStudy,
      seriesUid: uid(),
      sopUid: uid(),
      patientName: 'Fixture^Monochrome',
      patientId: 'FIX-MONO',
      modality: 'CR',
      description: 'Photometric pair',
      rows: 128,
      columns: 160,
      pixels,
      extra: {
        PhotometricInterpretation: photometric,
        SeriesNumber: String(number),
        SeriesDescription: photometric,
        WindowCenter: '1500',
        WindowWidth: '3000',
      },
    });
    fs.writeFileSync(path.join(dir, `mono-${number}.dcm`), file);
  }

  // A horizontal ramp over the 12-bit range, once plain and once with a VOI LUT that is a falling step at 2048
  // (dcmtk adds the sequence: dcmjs cannot write LUT Descriptor's US/SS value representation).
  const voiLutStudy = uid();
  const ramp = Uint16Array.from({ length: 128 * 128 }, (_, i) => (i % 128) * 32);
  for (const [number, description] of [
    [1, 'Plain ramp'],
    [2, 'Ramp with VOI LUT'],
  ] as const) {
    const file = path.join(dir, `voi-lut-${number}.dcm`);
    const extra = { SeriesNumber: String(number), SeriesDescription: description };
    fs.writeFileSync(
      file,
      makeInstance({ studyUid: voiLutStudy, seriesUid: uid(), sopUid: uid(), patientId: 'FIX-VOILUT', modality: 'CR', rows: 128, columns: 128, pixels: ramp, extra }),
    );
    if (number === 2) {
      const lut = Array.from({ length: 4096 }, (_, value) => (value < 2048 ? 4095 : 0)).join('\\');
      execFileSync('dcmodify', [
        ...['-nb', '-i', '(0028,3010)[0].(0028,3002)=4096\\0\\12', '-i', '(0028,3010)[0].(0028,3006)=' + lut],
        file,
      ]);
    }
  }

  const ctStudy = uid();
  const damagedSeries = uid();
  const damagedSops: string[] = [];
  const ctSlice = (series: { uid: string; number: number; description: string }, slice: number, sop: string) => {
    const file = makeInstance({
      studyUid: ctStudy,
      seriesUid: series.uid,
      sopUid: sop,
      patientName: 'Fixture^Stack',
      patientId: 'FIX-CT',
      modality: 'CT',
      description: 'CT stack',
      instanceNumber: slice,
      rows: 96,
      columns: 96,
      // Stored 0..~2400 with intercept -1024: air at -1024 HU, the disc up to ~+1300 HU, growing slice by slice.
      pixels: phantom(96, 96, 1400 + slice * 80, 24),
      extra: {
        RescaleIntercept: '-1024',
        RescaleSlope: '1',
        WindowCenter: '40',
        WindowWidth: '400',
        SeriesNumber: String(series.number),
        SeriesDescription: series.description,
        PixelSpacing: ['0.8', '0.8'],
      },
    });
    fs.writeFileSync(path.join(dir, `ct-${series.number}-${String(slice).padStart(2, '0')}.dcm`), file);
  };
  const axial = { uid: uid(), number: 3, description: 'Axial 5 mm' };
  for (let slice = 1; slice <= 12; slice += 1) ctSlice(axial, slice, uid());
  const damaged = { uid: damagedSeries, number: 4, description: 'Damaged copy' };
  for (let slice = 1; slice <= 4; slice += 1) {
    damagedSops.push(uid());
    ctSlice(damaged, slice, damagedSops.at(-1)!);
  }
  return { dir, monoStudy, voiLutStudy, ctStudy, damagedSeries, missingSlice: 2, damagedSops };
}

describe('viewer', () => {
  let host: TestHost;
  let fixtures: Fixtures;

  beforeAll(async () => {
    fixtures = writeFixtures();
    host = await startTestHost('viewer');
    const result = await importPaths(host, [sharedData('cxr-dicom'), fixtures.dir]);
    expect(result.state).toBe('done');
    // The stored copy of one CT slice is lost behind the index's back (a failing disk truncated its pack): the
    // index now points past the end of the pack.
    host.lantern.db
      .prepare('UPDATE instances SET file_offset = file_offset + 1e9 WHERE sop_uid = ?')
      .run(fixtures.damagedSops[fixtures.missingSlice - 1]!);
    await host.page.reload();
  });
  afterAll(async () => {
    await host?.dispose();
    if (fixtures) fs.rmSync(fixtures.dir, { recursive: true, force: true });
  });

  it('draws the chest X-ray with its overlays', async () => {
    await openStudy(host.page, CXR_STUDY, 'Covid0000');
    const state = await settledPane(host.page);
    expect(state.status).toBe('ready');
    expect(state).toMatchObject({ imageIndex: 1, imageCount: 1 });
    const stats = greyStats(await paneGrey(host.page, 0, SIZE));
    expect(looksLikeAnImage(stats), JSON.stringify(stats)).toBe(true);
    const overlay = host.page.getByTestId('viewport-pane');
    await expect(overlay.getByTestId('overlay-patient').textContent()).resolves.toContain('COVID0000');
    await expect(overlay.getByTestId('overlay-study').textContent()).resolves.toContain('No Finding');
    await expect(overlay.getByTestId('overlay-image').textContent()).resolves.toContain('Im 1/1');
    expect(state.overlayWindow).toMatch(/^W \d+ {2}L -?\d+$/);
    await screenshot(host.page, 'viewer-cxr');
  });

  it('changes window/level by left drag, live in the overlay, and the DICOM default preset restores it', async () => {
    const before = await settledPane(host.page);
    const pixelsBefore = await paneGrey(host.page, 0, SIZE);
    await dragInPane(host.page, { x: 160, y: 90 });
    const after = await waitForPane(host.page, (s) => s.windowWidth !== before.windowWidth || s.windowCenter !== before.windowCenter);
    expect(after.overlayWindow).not.toBe(before.overlayWindow);
    expect(meanAbsoluteDifference(pixelsBefore, await paneGrey(host.page, 0, SIZE))).toBeGreaterThan(3);
    await screenshot(host.page, 'viewer-cxr-window-dragged');

    await host.page.keyboard.press('1');
    const restored = await waitForPane(host.page, (s) => s.windowWidth === before.windowWidth && s.windowCenter === before.windowCenter);
    expect(restored.overlayWindow).toBe(before.overlayWindow);
    expect(meanAbsoluteDifference(pixelsBefore, await paneGrey(host.page, 0, SIZE))).toBeLessThan(1);
  });

  it('offers only DICOM default and full range on a radiograph, and explains why a CT preset does nothing', async () => {
    await expect(host.page.getByTestId('preset-lung').count()).resolves.toBe(0);
    const before = await settledPane(host.page);
    await host.page.keyboard.press('2');
    await expect(host.page.getByTestId('viewer-notice').textContent()).resolves.toContain('Hounsfield');
    expect((await settledPane(host.page)).overlayWindow).toBe(before.overlayWindow);
    await expect(host.page.getByTestId('preset-full').count()).resolves.toBe(1);
  });

  it('zooms with a right drag and Ctrl+wheel, and inverts with I', async () => {
    const before = await settledPane(host.page);
    const pixelsBefore = await paneGrey(host.page, 0, SIZE);
    await dragInPane(host.page, { x: 0, y: -150 }, { button: 'right' });
    const zoomed = await waitForPane(host.page, (s) => s.zoom !== before.zoom);
    expect(Math.abs(zoomed.zoom! - before.zoom!)).toBeGreaterThan(10);
    expect(meanAbsoluteDifference(pixelsBefore, await paneGrey(host.page, 0, SIZE))).toBeGreaterThan(3);

    await host.page.keyboard.press(' ');
    await waitForPane(host.page, (s) => s.zoom === before.zoom);
    const box = (await host.page.getByTestId('viewport-pane').boundingBox())!;
    await host.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await host.page.keyboard.down('Control');
    await host.page.mouse.wheel(0, -300);
    await host.page.keyboard.up('Control');
    await waitForPane(host.page, (s) => s.zoom! > before.zoom!);
    await host.page.keyboard.press(' ');
    await waitForPane(host.page, (s) => s.zoom === before.zoom);
    const upright = await paneGrey(host.page, 0, SIZE);
    await host.page.keyboard.press('i');
    await waitForPane(host.page, (s) => s.invert);
    const inverted = await paneGrey(host.page, 0, SIZE);
    // Inside the image every grey level g becomes 255 - g; the black margins beside it stay black.
    const inside = upright.flatMap((value, i) => (value > 8 && inverted[i]! > 8 ? [[value, inverted[i]!] as const] : []));
    expect(inside.length).toBeGreaterThan(SIZE * SIZE * 0.3);
    const error = inside.reduce((sum, [a, b]) => sum + Math.abs(255 - a - b), 0) / inside.length;
    expect(error).toBeLessThan(3);
    await screenshot(host.page, 'viewer-cxr-inverted');
    await host.page.keyboard.press('i');
  });

  it('flips horizontally as a mirror image, rotates, and resets', async () => {
    await host.page.keyboard.press(' ');
    const upright = await paneGrey(host.page, 0, SIZE);
    await host.page.keyboard.press('h');
    await host.page.waitForFunction(() => document.querySelector('[data-testid="overlay-display"]')?.textContent?.includes('Flip H'));
    const flipped = await paneGrey(host.page, 0, SIZE);
    const mirrored = upright.map((_, i) => upright[Math.floor(i / SIZE) * SIZE + (SIZE - 1 - (i % SIZE))]!);
    expect(meanAbsoluteDifference(flipped, mirrored)).toBeLessThan(3);
    expect(meanAbsoluteDifference(flipped, upright)).toBeGreaterThan(3);

    await host.page.keyboard.press('r');
    await host.page.waitForFunction(() => document.querySelector('[data-testid="overlay-display"]')?.textContent?.includes('Rot 90°'));
    await host.page.keyboard.press(' ');
    await host.page.waitForFunction(() => !/Rot|Flip/.test(document.querySelector('[data-testid="overlay-display"]')?.textContent ?? ''));
    expect(meanAbsoluteDifference(upright, await paneGrey(host.page, 0, SIZE))).toBeLessThan(1);
  });

  it('lists the shortcuts on ? and goes back to the worklist on Esc', async () => {
    await host.page.keyboard.press('?');
    const help = host.page.getByRole('dialog', { name: 'Viewer shortcuts' });
    await help.waitFor();
    await expect(help.textContent()).resolves.toContain('Window / level');
    await screenshot(host.page, 'viewer-help');
    await host.page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await closeViewer(host.page);
  });

  it('shows MONOCHROME1 as the grey-scale negative of the same pixels in MONOCHROME2, side by side', async () => {
    await openStudy(host.page, fixtures.monoStudy, 'FIX-MONO');
    await settledPane(host.page, 0);
    await host.page.keyboard.press('l');
    const second = await settledPane(host.page, 1);
    expect(second.status).toBe('ready');
    // Neither one counts as "inverted by the reader": each is shown the way its photometric interpretation says.
    expect([(await settledPane(host.page, 0)).invert, second.invert]).toEqual([false, false]);
    const mono2 = await paneGrey(host.page, 0, SIZE);
    const mono1 = await paneGrey(host.page, 1, SIZE);
    expect(looksLikeAnImage(greyStats(mono2))).toBe(true);
    const inside = mono2.flatMap((value, i) => (value > 8 && mono1[i]! > 8 ? [Math.abs(255 - value - mono1[i]!)] : []));
    expect(inside.length).toBeGreaterThan(SIZE * SIZE * 0.3);
    expect(inside.reduce((a, b) => a + b, 0) / inside.length).toBeLessThan(4);
    await screenshot(host.page, 'viewer-mono2-vs-mono1');
    await closeViewer(host.page);
  });

  it('applies a VOI LUT from the file (a falling step: bright below 2048, dark above), also after W/L and reset', async () => {
    await openStudy(host.page, fixtures.voiLutStudy, 'FIX-VOILUT');
    await host.page.keyboard.press('l');
    const withLut = await settledPane(host.page, 1);
    expect(withLut).toMatchObject({ status: 'ready', windowWidth: 2, windowCenter: 2048, invert: false });
    const halves = async () => {
      const grey = await paneGrey(host.page, 1, SIZE);
      // The square image sits in the middle of the wider pane: compare its left and right quarters.
      const column = (from: number, to: number) =>
        grey.filter((value, i) => i % SIZE >= from * SIZE && i % SIZE < to * SIZE && value > 0).reduce((a, b) => a + b, 0) /
        Math.max(1, grey.filter((value, i) => i % SIZE >= from * SIZE && i % SIZE < to * SIZE && value > 0).length);
      return { left: column(0.3, 0.4), right: column(0.6, 0.7) };
    };
    const shown = await halves();
    expect(shown.left).toBeGreaterThan(200);
    expect(shown.right).toBeLessThan(30);
    await screenshot(host.page, 'viewer-voi-lut');

    await host.page.keyboard.press('Tab');
    await dragInPane(host.page, { x: 120, y: 60 }, { index: 1 });
    await waitForPane(host.page, (s) => s.windowWidth !== 2, 1);
    await host.page.keyboard.press(' ');
    await waitForPane(host.page, (s) => s.windowWidth === 2 && s.windowCenter === 2048, 1);
    expect((await halves()).left).toBeGreaterThan(200);
    await closeViewer(host.page);
  });

  it('scrolls a CT stack by wheel and keys, applies HU presets, plays cine', async () => {
    await openStudy(host.page, fixtures.ctStudy, 'FIX-CT');
    const first = await settledPane(host.page);
    expect(first).toMatchObject({ status: 'ready', imageIndex: 1, imageCount: 12, windowWidth: 400, windowCenter: 40 });
    await host.page.keyboard.press('ArrowDown');
    await waitForPane(host.page, (s) => s.imageIndex === 2);
    const box = (await host.page.getByTestId('viewport-pane').boundingBox())!;
    await host.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await host.page.mouse.wheel(0, 120);
    await waitForPane(host.page, (s) => s.imageIndex === 3);
    await host.page.keyboard.press('End');
    await waitForPane(host.page, (s) => s.imageIndex === 12);
    await host.page.keyboard.press('PageUp');
    await waitForPane(host.page, (s) => s.imageIndex === 2);

    const soft = await paneGrey(host.page, 0, SIZE);
    await host.page.keyboard.press('2');
    const lung = await waitForPane(host.page, (s) => s.windowWidth === 1500 && s.windowCenter === -600);
    expect(lung.overlayWindow).toBe('W 1500  L -600');
    expect(meanAbsoluteDifference(soft, await paneGrey(host.page, 0, SIZE))).toBeGreaterThan(3);
    await host.page.getByTestId('preset-bone').click();
    await waitForPane(host.page, (s) => s.windowWidth === 2000 && s.windowCenter === 300);
    await screenshot(host.page, 'viewer-ct-bone');
    // Full range spans the slice's stored values after rescale: air at -1000 HU up to the disc's peak.
    await host.page.keyboard.press('0');
    const full = await waitForPane(host.page, (s) => s.windowWidth !== 2000);
    expect(full.windowWidth!).toBeGreaterThan(1500);
    expect(full.windowCenter! - full.windowWidth! / 2).toBeLessThan(-950);

    await host.page.keyboard.press('c');
    const seen = new Set<number>();
    const deadline = Date.now() + 4000;
    while (seen.size < 4 && Date.now() < deadline) {
      seen.add((await settledPane(host.page)).imageIndex!);
      await host.page.waitForTimeout(80);
    }
    await host.page.keyboard.press('c');
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it('shows a missing instance as an in-viewport error, keeps working on the next image and series', async () => {
    await host.page.locator(`[data-testid="series-thumb"][data-series-uid="${fixtures.damagedSeries}"]`).click();
    await waitForPane(host.page, (s) => s.status === 'ready' && s.imageCount === 4);
    await host.page.keyboard.press('ArrowDown');
    const failed = await waitForPane(host.page, (s) => s.status === 'error');
    expect(failed.error).toContain(`Cannot display instance ${fixtures.missingSlice}`);
    await screenshot(host.page, 'viewer-ct-missing-instance');

    await host.page.keyboard.press('ArrowDown');
    const next = await waitForPane(host.page, (s) => s.status === 'ready' && s.imageIndex === fixtures.missingSlice + 1);
    expect(next.error).toBeNull();
    expect(looksLikeAnImage(greyStats(await paneGrey(host.page, 0, SIZE)))).toBe(true);

    await host.page.keyboard.press('ArrowLeft');
    await waitForPane(host.page, (s) => s.status === 'ready' && s.imageCount === 12);
    await closeViewer(host.page);
  });
});
