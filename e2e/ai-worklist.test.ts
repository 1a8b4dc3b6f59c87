// The AI second opinion as the worklist shows it: a real model installed through Settings, studies imported through
// the import dialog and analyzed on import by onnxruntime in worker threads, the AI column and its filter.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataRoot, repoRoot, screenshot, sharedData, startTestHost, type TestHost } from './support/host';
import { renderedRows, waitForTotal } from './support/ui';

const SHARED_MODEL = path.resolve(repoRoot, '..', 'shared', 'models', 'se-mobilenetv2-cxr3', 'model.onnx');
const MANIFEST = path.join(repoRoot, 'tests', 'inference', 'fixtures', 'se-mobilenetv2-cxr3.manifest.json');
/** The AI column's position among the cells (after the read counts). */
const AI_CELL = 10;

describe('AI second opinion in the worklist', () => {
  let host: TestHost;
  let db: Database.Database;
  let packageDir: string;

  beforeAll(async () => {
    host = await startTestHost('ai-worklist');
    db = new Database(host.lantern.dataDir.database, { readonly: true });
    packageDir = freshDataRoot('ai-package');
    fs.copyFileSync(MANIFEST, path.join(packageDir, 'manifest.json'));
    fs.copyFileSync(SHARED_MODEL, path.join(packageDir, 'model.onnx'));
  });
  afterAll(async () => {
    db?.close();
    await host?.dispose();
    if (packageDir) fs.rmSync(packageDir, { recursive: true, force: true });
  });

  it('analyses imported chest X-rays when asked to in Settings, and shows each outcome in the AI column', async () => {
    const { page } = host;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Model package folder').fill(packageDir);
    await settings.getByRole('button', { name: 'Install model' }).click();
    await settings.getByText(/^Installed /).waitFor({ timeout: 60_000 });
    const analyseOnImport = settings.getByLabel('Analyze every newly imported study');
    if (!(await analyseOnImport.isChecked())) await analyseOnImport.click();
    await expect.poll(() => host.lantern.ai.settings().analyzeOnImport).toBe(true);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByLabel('Paths to import').fill(sharedData('cxr-dicom'));
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.locator('[data-testid="import-summary"][data-state="done"]').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');

    const studies = db.prepare('SELECT count(*) FROM studies').pluck().get() as number;
    await waitForTotal(page, studies);
    // Every study reaches an end state in the store, and the worklist follows without a reload.
    await expect
      .poll(() => db.prepare("SELECT count(*) FROM ai_study_status WHERE state IN ('done', 'failed')").pluck().get(), { timeout: 120_000 })
      .toBe(studies);
    const expected = new Map(
      (
        db
          .prepare('SELECT s.study_uid, a.state, a.top_label, a.top_score FROM studies s JOIN ai_study_status a ON a.study_ref = s.id')
          .all() as { study_uid: string; state: string; top_label: string | null; top_score: number | null }[]
      ).map((row) => [
        row.study_uid,
        row.state === 'failed' ? 'Failed' : row.top_label ? `${row.top_label} ${Math.round(row.top_score! * 100)}%` : 'No finding',
      ]),
    );
    await expect
      .poll(async () => new Map((await renderedRows(page)).map((row) => [row.uid, row.cells[AI_CELL]])), { timeout: 10_000 })
      .toEqual(expected);
    await screenshot(page, 'worklist-ai');
  });

  it('filters to the studies with a positive AI finding', async () => {
    const { page } = host;
    const positive = db.prepare('SELECT count(*) FROM ai_study_status WHERE top_label IS NOT NULL').pluck().get() as number;
    await page.getByLabel('AI positive').check();
    if (positive === 0) await page.getByText('No studies match these filters.').waitFor();
    else await waitForTotal(page, positive);
    await page.getByLabel('AI positive').uncheck();
    await waitForTotal(page, db.prepare('SELECT count(*) FROM studies').pluck().get() as number);
  });
});
