// Importing the shared test data through the import dialog, then working the worklist with mouse and keyboard.
// Real files, real import worker, real SQLite, real Chromium.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPersonName } from '../renderer/shared/dicom-format';
import { freshDataRoot, repoRoot, screenshot, sharedData, startTestHost, type TestHost } from './support/host';
import { COLUMN, renderedRows, waitForTotal, worklistCount } from './support/ui';

const SOURCES = [sharedData('cxr-dicom'), sharedData('dicom-conformance')];

interface CliResult {
  imported: number;
  duplicates: number;
  rejected: { path: string; reason: string }[];
  state: string;
}

/** The same import through the command line, on its own data directory: the reference the UI must match. */
async function importWithCli(): Promise<CliResult> {
  const dataRoot = freshDataRoot('cli');
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, 'bin', 'lantern.mjs'), 'import', ...SOURCES, '--data-dir', dataRoot, '--json'],
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
    );
    return JSON.parse(stdout) as CliResult;
  } finally {
    fs.rmSync(dataRoot, { recursive: true, force: true });
  }
}

function countFiles(folder: string): number {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).length;
}

describe('import dialog and worklist', () => {
  let host: TestHost;
  let db: Database.Database;
  let cli: CliResult;

  beforeAll(async () => {
    [host, cli] = await Promise.all([startTestHost('import-worklist'), importWithCli()]);
    db = new Database(host.lantern.dataDir.database, { readonly: true });
  });
  afterAll(async () => {
    db?.close();
    await host?.dispose();
  });

  it('starts on an empty worklist that offers an import', async () => {
    await host.page.getByText('No studies on this workstation yet.').waitFor();
    await screenshot(host.page, 'empty-worklist');
  });

  it('imports both shared folders in one import typed into the dialog, with the same tally as the CLI', async () => {
    const { page } = host;
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByLabel('Paths to import').fill(SOURCES.join('\n'));
    await page.getByRole('button', { name: 'Start import' }).click();
    // The dialog shows progress while the worker runs (a few seconds here), then the final tally.
    await page.locator('[data-testid="import-summary"][data-state="running"]').waitFor();
    await page.getByTestId('import-indicator').waitFor();
    await screenshot(page, 'import-running');
    await page.locator('[data-testid="import-summary"][data-state="done"]').waitFor({ timeout: 120_000 });

    const counter = async (key: string) => Number((await page.getByTestId(`import-${key}`).locator('dd').textContent())!.replace(/,/g, ''));
    expect(cli.state).toBe('done');
    expect(await counter('imported')).toBe(cli.imported);
    expect(await counter('duplicates')).toBe(cli.duplicates);
    expect(await counter('rejected')).toBe(cli.rejected.length);
    // Every file looked at ended up in exactly one bucket, and no file was looked at twice.
    const seen = await counter('seen');
    expect(seen).toBe(cli.imported + cli.duplicates + cli.rejected.length);
    expect(seen).toBeLessThanOrEqual(SOURCES.reduce((sum, source) => sum + countFiles(source), 0));
    // What the store holds is what the dialog claims.
    expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(cli.imported);
  });

  it('shows every rejected file with its reason in the dialog', async () => {
    const { page } = host;
    const list = page.getByTestId('rejection-list');
    await list.locator('.rejection-row').first().waitFor();
    const rows = await list.locator('.rejection-row').evaluateAll((elements) =>
      elements.map((element) => ({
        path: (element.querySelector('.rejection-path') as HTMLElement).title,
        reason: element.querySelector('.rejection-reason')!.textContent!,
      })),
    );
    expect(rows).toHaveLength(cli.rejected.length);
    expect(new Set(rows.map((row) => `${row.path}: ${row.reason}`))).toEqual(new Set(cli.rejected.map((row) => `${row.path}: ${row.reason}`)));
    const reasonOf = (name: string) => rows.find((row) => row.path === path.join(sharedData('dicom-conformance'), name))?.reason;
    expect(reasonOf('MR_truncated.dcm')).toMatch(/truncated/);
    expect(reasonOf('README.txt')).toMatch(/not a DICOM file/);
    await screenshot(page, 'import-done');
  });

  it('lists the import in the history', async () => {
    const history = host.page.locator('.history-entry');
    await history.first().waitFor();
    expect(await history.count()).toBe(1);
    expect(await history.first().textContent()).toContain(`${cli.imported} new`);
  });

  it('shows as many studies as SQLite holds once the dialog closes', async () => {
    const { page } = host;
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const studies = db.prepare('SELECT count(*) FROM studies').pluck().get() as number;
    expect(studies).toBeGreaterThan(0);
    await waitForTotal(page, studies);
    const rows = await renderedRows(page);
    expect(rows).toHaveLength(studies);
    // Newest study first by default; DICOM dates shown as YYYY-MM-DD, empty values as a dash.
    const newest = db.prepare("SELECT study_date FROM studies ORDER BY study_date DESC, id DESC LIMIT 1").pluck().get() as string;
    expect(rows[0]!.cells[COLUMN.studyDate]).toBe(`${newest.slice(0, 4)}-${newest.slice(4, 6)}-${newest.slice(6, 8)}`);
    expect(rows.some((row) => row.cells[COLUMN.accession] === '—')).toBe(true);
    await screenshot(page, 'worklist');
  });

  it('filters by a patient-name substring typed in the search box', async () => {
    const { page } = host;
    const term = 'doe';
    const expected = db
      .prepare("SELECT count(*) FROM studies WHERE patient_name LIKE ? OR patient_id LIKE ? OR accession LIKE ?")
      .pluck()
      .get(`%${term}%`, `%${term}%`, `%${term}%`) as number;
    expect(expected).toBeGreaterThan(1);
    await page.getByLabel('Search studies').fill(term);
    await waitForTotal(page, expected);
    const rows = await renderedRows(page);
    expect(rows).toHaveLength(expected);
    for (const row of rows) expect(row.cells[COLUMN.patientName]!.toLowerCase()).toContain(term);
    await screenshot(page, 'worklist-search');
    await page.getByLabel('Search studies').fill('');
    await waitForTotal(page, db.prepare('SELECT count(*) FROM studies').pluck().get() as number);
  });

  it('filters by modality, study date range and read status', async () => {
    const { page } = host;
    const count = (sql: string, ...params: unknown[]) => db.prepare(`SELECT count(*) FROM studies WHERE ${sql}`).pluck().get(...params) as number;
    const all = count('1');

    await page.getByLabel('Modality').selectOption('MR');
    const mr = count("instr('\\' || modalities || '\\', '\\MR\\') > 0");
    expect(mr).toBeGreaterThan(0);
    await waitForTotal(page, mr);
    for (const row of await renderedRows(page)) expect(row.cells[COLUMN.modality]!.split(' / ')).toContain('MR');
    await page.getByLabel('Modality').selectOption('');

    await page.getByLabel('Study date from').fill('2003-01-01');
    await page.getByLabel('Study date to').fill('2003-12-31');
    const in2003 = count("study_date BETWEEN '20030101' AND '20031231'");
    expect(in2003).toBeGreaterThan(0);
    await waitForTotal(page, in2003);
    for (const row of await renderedRows(page)) expect(row.cells[COLUMN.studyDate]).toMatch(/^2003-/);
    await screenshot(page, 'worklist-filtered');

    // Nothing is read yet: "Final" matches no study, and the empty list says so and offers the way back.
    await page.getByLabel('Read status').selectOption('final');
    expect(count("read_status = 'final'")).toBe(0);
    await page.getByText('No studies match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForTotal(page, all);
    expect(await page.getByLabel('Study date from').inputValue()).toBe('');
  });

  it('sorts by patient name, and a second click reverses it', async () => {
    const { page } = host;
    const header = page.getByRole('columnheader', { name: /Patient name/ });
    const expectedOrder = (direction: 'ASC' | 'DESC') =>
      (db.prepare(`SELECT patient_name FROM studies ORDER BY patient_name COLLATE NOCASE ${direction}, id ${direction}`).pluck().all() as string[]).map(
        (name) => formatPersonName(name) || '—',
      );
    const shownNames = async () => (await renderedRows(page)).map((row) => row.cells[COLUMN.patientName]);

    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(shownNames).toEqual(expectedOrder('ASC'));
    expect(await header.textContent()).toContain('▲');

    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(shownNames).toEqual(expectedOrder('DESC'));
    expect(await header.textContent()).toContain('▼');
  });

  it('opens the selected study with ↓ and Enter, and Esc returns to the same row', async () => {
    const { page } = host;
    const grid = page.getByRole('grid', { name: 'Studies' });
    await grid.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const selected = page.locator('.worklist-row[aria-selected="true"]');
    await expect.poll(() => selected.getAttribute('data-index')).toBe('2');
    const uid = await selected.getAttribute('data-study-uid');
    const name = (await selected.locator('[role="gridcell"]').first().textContent())!;

    await page.keyboard.press('Enter');
    const banner = page.getByTestId('patient-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(name === '—' ? '' : name);
    expect(await page.getByRole('grid', { name: 'Studies' }).isVisible()).toBe(false);
    expect(db.prepare('SELECT count(*) FROM studies WHERE study_uid = ?').pluck().get(uid)).toBe(1);
    // The viewer (its own chunk) takes over the screen; Esc is then its key to hand back.
    await page.getByTestId('viewer').waitFor({ timeout: 60_000 });
    await screenshot(page, 'study-open');

    await page.keyboard.press('Escape');
    await grid.waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('.worklist-row[aria-selected="true"]').getAttribute('data-study-uid')).toBe(uid);
    // The keyboard is back on the list.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
  });

  it('jumps to the search box with "/" and back into the list with ↓', async () => {
    const { page } = host;
    await page.getByRole('grid', { name: 'Studies' }).focus();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search studies');
    await page.keyboard.type('Archibald');
    const expected = db.prepare("SELECT count(*) FROM studies WHERE patient_name LIKE '%Archibald%'").pluck().get() as number;
    await waitForTotal(page, expected);
    expect(await worklistCount(page).textContent()).toBe(`${expected} studies`);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
    expect(await page.locator('.worklist-row[aria-selected="true"]').getAttribute('data-index')).toBe('0');
  });
});
