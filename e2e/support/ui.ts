// Reading the worklist UI the way a user sees it: rows in the DOM, the count line, the sort headers.
import type { Page } from 'playwright-core';

export const worklistCount = (page: Page) => page.getByTestId('worklist-count');

/** Waits until the count line says `total` studies. */
export async function waitForTotal(page: Page, total: number): Promise<void> {
  const text = `${total.toLocaleString('en-US')} ${total === 1 ? 'study' : 'studies'}`;
  await page.waitForFunction((expected) => document.querySelector('[data-testid="worklist-count"]')?.textContent === expected, text);
}

/** The rendered study rows (loaded ones only), top to bottom: index, cell texts, study UID. */
export function renderedRows(page: Page): Promise<{ index: number; cells: string[]; uid: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.worklist-row[data-study-uid]')]
      .map((row) => ({
        index: Number(row.dataset.index),
        uid: row.dataset.studyUid!,
        cells: [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')].map((cell) => cell.textContent ?? ''),
      }))
      .sort((a, b) => a.index - b.index),
  );
}

/** Column positions in `cells`, as the header lays them out. */
export const COLUMN = { patientName: 0, patientId: 1, sex: 2, age: 3, studyDate: 4, modality: 5, description: 6, accession: 7 } as const;
