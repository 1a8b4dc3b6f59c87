// 100,000 studies: the worklist opens, jumps to the end with the keyboard and shows the last rows, while the DOM
// holds only the rows in view and the renderer has fetched only the pages it showed.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPersonName } from '../renderer/shared/dicom-format';
import { freshDataRoot, screenshot, startTestHost, type TestHost } from './support/host';
import { writeSyntheticWorklist } from './support/synthetic-worklist';
import { COLUMN, renderedRows, waitForTotal } from './support/ui';

const STUDY_COUNT = 100_000;
/** A 1000 px tall window shows ~27 rows; with overscan a few dozen exist at once. */
const MAX_ROW_ELEMENTS = 60;

describe(`worklist with ${STUDY_COUNT.toLocaleString('en-US')} studies`, () => {
  let host: TestHost;
  let db: Database.Database;
  let fetchedRows = 0;

  beforeAll(async () => {
    const dataRoot = freshDataRoot('scale');
    writeSyntheticWorklist(dataRoot, STUDY_COUNT);
    host = await startTestHost('scale', { dataRoot });
    db = new Database(host.lantern.dataDir.database, { readonly: true });
    // Count what the renderer asks for: it must page, never pull the table.
    const query = host.lantern.worklist.query.bind(host.lantern.worklist);
    host.lantern.worklist.query = (request) => {
      const page = query(request);
      fetchedRows += page.rows.length;
      return page;
    };
  });
  afterAll(async () => {
    db?.close();
    await host?.dispose();
  });

  const rowElements = () => host.page.locator('.worklist-row').count();
  const expectedNames = (offset: number, limit: number) =>
    (
      db.prepare('SELECT patient_name FROM studies ORDER BY study_date DESC, id DESC LIMIT ? OFFSET ?').pluck().all(limit, offset) as string[]
    ).map(formatPersonName);

  it('opens with the total and the newest studies, rendering only the rows in view', async () => {
    await waitForTotal(host.page, STUDY_COUNT);
    await host.page.locator('.worklist-row[data-index="0"][data-study-uid]').waitFor();
    const rows = await renderedRows(host.page);
    expect(rows[0]!.index).toBe(0);
    expect(rows.map((row) => row.cells[COLUMN.patientName])).toEqual(expectedNames(0, rows.length));
    expect(await rowElements()).toBeLessThanOrEqual(MAX_ROW_ELEMENTS);
  });

  it('jumps to the last study with End and shows the oldest rows', async () => {
    const { page } = host;
    await page.getByRole('grid', { name: 'Studies' }).focus();
    await page.keyboard.press('End');
    const last = page.locator(`.worklist-row[data-index="${STUDY_COUNT - 1}"][data-study-uid]`);
    await last.waitFor();
    expect(await last.getAttribute('aria-selected')).toBe('true');
    expect(await last.isVisible()).toBe(true);
    // The last row is on screen, not just in the DOM.
    const box = await last.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(page.viewportSize()!.height + 1);

    const rows = await renderedRows(page);
    const firstShown = rows[0]!.index;
    expect(rows.at(-1)!.index).toBe(STUDY_COUNT - 1);
    expect(rows.map((row) => row.cells[COLUMN.patientName])).toEqual(expectedNames(firstShown, rows.length));
    expect(await rowElements()).toBeLessThanOrEqual(MAX_ROW_ELEMENTS);
    await screenshot(page, 'worklist-100k-end');
  });

  it('moves a page at a time with PageUp and back to the top with Home', async () => {
    const { page } = host;
    const selectedIndex = () => page.locator('.worklist-row[aria-selected="true"]').getAttribute('data-index');
    await page.keyboard.press('PageUp');
    const afterPageUp = Number(await selectedIndex());
    expect(afterPageUp).toBeLessThan(STUDY_COUNT - 1);
    expect(afterPageUp).toBeGreaterThan(STUDY_COUNT - 60);
    await page.keyboard.press('Home');
    await page.locator('.worklist-row[data-index="0"][aria-selected="true"]').waitFor();
    expect(await rowElements()).toBeLessThanOrEqual(MAX_ROW_ELEMENTS);
  });

  it('dragging the scrollbar to the middle loads just the rows there, in order', async () => {
    const { page } = host;
    await page.getByRole('grid', { name: 'Studies' }).evaluate((grid) => {
      grid.scrollTop = grid.scrollHeight / 2;
    });
    // Rows in view arrive (placeholders first, then the page holding them) without touching the ones between.
    await expect
      .poll(async () => (await renderedRows(page)).filter((row) => row.index > STUDY_COUNT / 2 - 100).length, { timeout: 10_000 })
      .toBeGreaterThan(20);
    const rows = (await renderedRows(page)).filter((row) => row.index > STUDY_COUNT / 2 - 100);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.index).toBe(rows[i - 1]!.index + 1);
    expect(rows.map((row) => row.cells[COLUMN.patientName])).toEqual(expectedNames(rows[0]!.index, rows.length));
    expect(rows.map((row) => row.cells[COLUMN.accession])).toEqual(
      db
        .prepare('SELECT accession FROM studies ORDER BY study_date DESC, id DESC LIMIT ? OFFSET ?')
        .pluck()
        .all(rows.length, rows[0]!.index),
    );
    expect(await rowElements()).toBeLessThanOrEqual(MAX_ROW_ELEMENTS);
    await screenshot(page, 'worklist-100k-middle');
  });

  it('fetched only the pages it showed, a tiny fraction of the table', () => {
    expect(fetchedRows).toBeGreaterThan(0);
    expect(fetchedRows).toBeLessThan(STUDY_COUNT / 50);
  });
});
