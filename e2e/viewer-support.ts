// Driving and reading the viewer the way a reader sees it: open a study from the worklist, wait for the pane to
// settle, and read the pixels Chromium actually drew.
import type { Page } from 'playwright-core';

export interface PaneState {
  status: 'empty' | 'loading' | 'ready' | 'error';
  imageIndex: number | null;
  imageCount: number | null;
  windowWidth: number | null;
  windowCenter: number | null;
  zoom: number | null;
  invert: boolean;
  error: string | null;
  overlayWindow: string | null;
}

const pane = (index: number) => `[data-testid="viewport-pane"] >> nth=${index}`;

/** Filters the worklist down to `search` and opens the study by double-clicking its row. */
export async function openStudy(page: Page, studyInstanceUid: string, search: string): Promise<void> {
  const box = page.getByPlaceholder('Search name, patient ID or accession');
  await box.fill(search);
  const row = page.locator(`.worklist-row[data-study-uid="${studyInstanceUid}"]`);
  await row.dblclick();
  await page.getByTestId('viewer').waitFor();
}

/** Esc leaves the viewer; the worklist comes back. */
export async function closeViewer(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId('viewer').waitFor({ state: 'detached' });
}

export async function paneState(page: Page, index = 0): Promise<PaneState> {
  return page.locator(pane(index)).evaluate((element: HTMLElement) => {
    const data = element.dataset;
    const number = (value: string | undefined) => (value === undefined ? null : Number(value));
    return {
      status: data.status as PaneState['status'],
      imageIndex: number(data.imageIndex),
      imageCount: number(data.imageCount),
      windowWidth: number(data.windowWidth),
      windowCenter: number(data.windowCenter),
      zoom: number(data.zoom),
      invert: data.invert === 'true',
      error: element.querySelector('[data-testid="viewport-error"] span')?.textContent ?? null,
      overlayWindow: element.querySelector('[data-testid="overlay-window"]')?.textContent ?? null,
    };
  });
}

/** Waits until the pane shows an image or an error, then for the next paint. */
export async function settledPane(page: Page, index = 0, timeout = 30_000): Promise<PaneState> {
  await page.locator(pane(index)).and(page.locator('[data-status="ready"], [data-status="error"]')).waitFor({ timeout });
  await page.waitForFunction(
    (i) => {
      const element = document.querySelectorAll<HTMLElement>('[data-testid="viewport-pane"]')[i];
      return element?.dataset.status === 'error' || element?.dataset.imageIndex !== undefined;
    },
    index,
    { timeout },
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return paneState(page, index);
}

/** Waits until a pane attribute satisfies `predicate` (the overlay follows renders asynchronously). */
export async function waitForPane(page: Page, predicate: (state: PaneState) => boolean, index = 0, timeout = 10_000): Promise<PaneState> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await paneState(page, index);
    if (predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`pane ${index} never reached the expected state; last: ${JSON.stringify(state)}`);
    await page.waitForTimeout(50);
  }
}

/**
 * The pane's canvas as a grid of grey levels (`size`×`size` samples, luminance 0–255), copied through a 2D canvas
 * so that CPU (2D) and GPU (WebGL) viewports read the same way.
 */
export async function paneGrey(page: Page, index = 0, size = 96): Promise<number[]> {
  return page.locator(pane(index)).evaluate((element: HTMLElement, samples: number) => {
    const source = element.querySelector<HTMLCanvasElement>('[data-testid="viewport-element"] canvas');
    if (!source) throw new Error('viewport has no canvas');
    const copy = document.createElement('canvas');
    copy.width = samples;
    copy.height = samples;
    const context = copy.getContext('2d', { willReadFrequently: true })!;
    context.imageSmoothingEnabled = true;
    context.drawImage(source, 0, 0, samples, samples);
    const { data } = context.getImageData(0, 0, samples, samples);
    const grey: number[] = [];
    for (let i = 0; i < data.length; i += 4) grey.push(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
    return grey;
  }, size);
}

export interface GreyStats {
  mean: number;
  std: number;
  /** Share of samples brighter than the black background. */
  lit: number;
}

export function greyStats(grey: number[]): GreyStats {
  const mean = grey.reduce((sum, value) => sum + value, 0) / grey.length;
  const variance = grey.reduce((sum, value) => sum + (value - mean) ** 2, 0) / grey.length;
  return { mean, std: Math.sqrt(variance), lit: grey.filter((value) => value > 8).length / grey.length };
}

/** A picture, not a blank or flat canvas: some structure, and more than a sliver of the pane lit. */
export const looksLikeAnImage = (stats: GreyStats) => stats.std > 4 && stats.lit > 0.02;

export function meanAbsoluteDifference(a: number[], b: number[]): number {
  if (a.length !== b.length) throw new Error(`sample grids differ in size: ${a.length} vs ${b.length}`);
  return a.reduce((sum, value, i) => sum + Math.abs(value - b[i]!), 0) / a.length;
}

/** Drags inside the pane with the given mouse button (left = active tool, right = zoom, middle = pan). */
export async function dragInPane(
  page: Page,
  delta: { x: number; y: number },
  options: { button?: 'left' | 'right' | 'middle'; index?: number } = {},
): Promise<void> {
  const box = await page.locator(pane(options.index ?? 0)).boundingBox();
  if (!box) throw new Error('viewport pane is not on screen');
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down({ button: options.button ?? 'left' });
  const steps = 8;
  for (let step = 1; step <= steps; step += 1) {
    await page.mouse.move(start.x + (delta.x * step) / steps, start.y + (delta.y * step) / steps);
  }
  await page.mouse.up({ button: options.button ?? 'left' });
}
