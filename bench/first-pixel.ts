// "Open study → first rendered pixels" for a 2500×3000 16-bit uncompressed DX, in the browser host (Debian Chromium,
// Cornerstone's CPU rendering, the real import service and instance handler). The clock starts at the Enter key
// event that opens the study from the worklist and stops at the first Cornerstone IMAGE_RENDERED whose canvas has
// lit pixels at its centre; both stamps are taken inside the page on the same clock.
// Run: npx tsx bench/first-pixel.ts [--runs 7]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { importPaths, startTestHost } from '../e2e/support/host';
import { makeInstance, uid } from '../tests/support/dicom-fixtures';
import { percentile, printTable } from './report';
import { syntheticChest } from './viewer-synthetic-chest';

const TARGET_MS = 300;
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 7;

interface Study {
  uid: string;
  label: string;
}

function writeStudies(dir: string): { chest: Study; warmUp: Study } {
  const chest = { uid: uid(), label: 'chest' };
  const warmUp = { uid: uid(), label: 'warm-up' };
  const rows = 3000;
  const columns = 2500;
  fs.writeFileSync(
    path.join(dir, 'chest-2500x3000.dcm'),
    makeInstance({
      studyUid: chest.uid,
      seriesUid: uid(),
      sopUid: uid(),
      patientName: 'Bench^Chest',
      patientId: 'BENCH-CXR',
      modality: 'DX',
      description: 'Chest PA 2500x3000',
      rows,
      columns,
      pixels: syntheticChest(rows, columns),
      extra: { WindowCenter: '2048', WindowWidth: '4096', ImagerPixelSpacing: ['0.139', '0.139'] },
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'warm-up.dcm'),
    makeInstance({ studyUid: warmUp.uid, seriesUid: uid(), sopUid: uid(), patientName: 'Bench^WarmUp', patientId: 'BENCH-WARM', rows: 64, columns: 64 }),
  );
  return { chest, warmUp };
}

/** Page-side stamps: the opening Enter's event time, and the first render with lit pixels at the canvas centre. */
function instrument(page: Page): Promise<void> {
  return page.evaluate(() => {
    const marks = window as unknown as { __openAt: number | null; __firstPixelAt: number | null };
    marks.__openAt = null;
    marks.__firstPixelAt = null;
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Enter' && marks.__openAt === null) marks.__openAt = event.timeStamp;
      },
      true,
    );
    // Cornerstone's events do not bubble, but capture listeners on the document still see them.
    document.addEventListener(
      'CORNERSTONE_IMAGE_RENDERED',
      (event) => {
        if (marks.__firstPixelAt !== null) return;
        const canvas = (event.target as HTMLElement).querySelector('canvas');
        const context = canvas?.getContext('2d');
        if (!canvas || !context) return;
        const { data } = context.getImageData(Math.floor(canvas.width / 2) - 4, Math.floor(canvas.height / 2) - 4, 8, 8);
        if (data.some((value, i) => i % 4 !== 3 && value > 0)) marks.__firstPixelAt = performance.now();
      },
      true,
    );
  });
}

async function openAndMeasure(page: Page, study: Study): Promise<number> {
  await instrument(page);
  await page.locator(`.worklist-row[data-study-uid="${study.uid}"]`).click();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (window as unknown as { __firstPixelAt: number | null }).__firstPixelAt !== null, undefined, {
    timeout: 60_000,
    polling: 50,
  });
  const elapsed = await page.evaluate(() => {
    const marks = window as unknown as { __openAt: number; __firstPixelAt: number };
    return marks.__firstPixelAt - marks.__openAt;
  });
  await page.keyboard.press('Escape');
  await page.getByTestId('viewer').waitFor({ state: 'detached' });
  return elapsed;
}

async function freshPage(page: Page, study: Study): Promise<void> {
  await page.reload();
  await page.locator(`.worklist-row[data-study-uid="${study.uid}"]`).waitFor();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-bench-first-pixel-'));
const host = await startTestHost('bench-first-pixel');
try {
  const { chest, warmUp } = writeStudies(dir);
  const imported = await importPaths(host, [dir]);
  if (imported.imported !== 2) throw new Error(`bench import: expected 2 instances, got ${JSON.stringify(imported)}`);
  const bytes = fs.statSync(path.join(dir, 'chest-2500x3000.dcm')).size;

  const scenarios: Record<string, number[]> = {
    'cold app (first study after start)': [],
    'app warm, image not yet loaded': [],
    'same study reopened (image cached)': [],
  };
  for (let run = 0; run < RUNS; run += 1) {
    await freshPage(host.page, chest);
    scenarios['cold app (first study after start)']!.push(await openAndMeasure(host.page, chest));
    await freshPage(host.page, chest);
    await openAndMeasure(host.page, warmUp); // loads the viewer chunk, Cornerstone, its workers and codecs
    scenarios['app warm, image not yet loaded']!.push(await openAndMeasure(host.page, chest));
    scenarios['same study reopened (image cached)']!.push(await openAndMeasure(host.page, chest));
  }

  printTable(
    `Open study → first rendered pixels: DX 2500×3000, 16-bit uncompressed (${(bytes / 2 ** 20).toFixed(1)} MiB), ` +
      `browser host (Chromium, CPU rendering), ${RUNS} runs each, target ≤ ${TARGET_MS} ms`,
    ['scenario', 'median ms', 'p95 ms', 'min ms', 'median / target'],
    Object.entries(scenarios).map(([label, times]) => [
      label,
      percentile(times, 50).toFixed(0),
      percentile(times, 95).toFixed(0),
      Math.min(...times).toFixed(0),
      `${(percentile(times, 50) / TARGET_MS).toFixed(2)}×`,
    ]),
  );
} finally {
  await host.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
}
