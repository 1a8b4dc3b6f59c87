// The import dialog's other paths: cancelling a running import, and a typed path that does not exist.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, sharedData, startTestHost, type TestHost } from './support/host';
import { waitForTotal } from './support/ui';

describe('import dialog', () => {
  let host: TestHost;
  let db: Database.Database;

  beforeAll(async () => {
    host = await startTestHost('import-dialog');
    db = new Database(host.lantern.dataDir.database, { readonly: true });
    await host.page.getByRole('button', { name: 'Import…' }).click();
  });
  afterAll(async () => {
    db?.close();
    await host?.dispose();
  });

  const summary = () => host.page.getByTestId('import-summary');
  const counter = async (key: string) => Number((await host.page.getByTestId(`import-${key}`).locator('dd').textContent())!.replace(/,/g, ''));

  it('cancels a running import and keeps what it had committed', async () => {
    const { page } = host;
    await page.getByLabel('Paths to import').fill([sharedData('dicom-conformance'), sharedData('cxr-dicom')].join('\n'));
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.locator('[data-testid="import-summary"][data-state="running"]').waitFor();
    await summary().getByRole('button', { name: 'Cancel' }).click();
    await page.locator('[data-testid="import-summary"][data-state="cancelled"]').waitFor({ timeout: 60_000 });
    expect(await summary().locator('h3').first().textContent()).toBe('Import cancelled');
    // What the dialog reports as imported is exactly what the store kept, and the worklist shows it.
    const imported = await counter('imported');
    expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(imported);
    expect(await page.locator('.history-entry').first().textContent()).toContain('cancelled');
    await page.keyboard.press('Escape');
    await waitForTotal(page, db.prepare('SELECT count(*) FROM studies').pluck().get() as number);
    await page.getByRole('button', { name: 'Import…' }).click();
  });

  it('reports a path that does not exist as not imported, with the reason', async () => {
    const { page } = host;
    const missing = path.join(sharedData(), 'no-such-folder');
    await page.getByLabel('Paths to import').fill(missing);
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.locator('[data-testid="import-summary"]:not([data-state="running"])').waitFor();
    const row = page.getByTestId('rejection-list').locator('.rejection-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.locator('.rejection-path').getAttribute('title')).toBe(missing);
    expect(await row.locator('.rejection-reason').textContent()).toMatch(/ENOENT/);
    await screenshot(page, 'import-missing-path');
  });
});
