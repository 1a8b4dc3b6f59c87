// Helpers for the end-to-end tests: a browser host on a fresh data directory, imports through the real service,
// screenshots for people to look at.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { ImportProgress } from '../../preload/contract';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/host';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The shared read-only test data, beside the repository. */
export const sharedData = (...parts: string[]) => path.resolve(repoRoot, '..', 'shared', 'data', ...parts);
export const screenshotDir = path.join(repoRoot, 'test-output', 'e2e');

export interface TestHost extends BrowserHost {
  dataRoot: string;
  /** Closes the host and deletes its data directory. */
  dispose(): Promise<void>;
}

export function freshDataRoot(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lantern-e2e-${name}-`));
}

/** Starts a headless host. `dataRoot` defaults to a fresh empty data directory, deleted on dispose. */
export async function startTestHost(
  name: string,
  options: { dataRoot?: string; viewport?: { width: number; height: number } } = {},
): Promise<TestHost> {
  const dataRoot = options.dataRoot ?? freshDataRoot(name);
  const host = await startBrowserHost({ dataRoot, headless: true, viewport: options.viewport ?? { width: 1600, height: 1000 } });
  host.page.on('pageerror', (error) => process.stderr.write(`[${name}] page error: ${error.message}\n`));
  host.page.on('console', (message) => {
    if (message.type() === 'error') process.stderr.write(`[${name}] console error: ${message.text()}\n`);
  });
  return {
    ...host,
    dataRoot,
    async dispose() {
      await host.close();
      fs.rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}

/** Imports through the host's import service (the one the UI drives) and waits for the end. */
export async function importPaths(host: BrowserHost, paths: string[]): Promise<ImportProgress> {
  const importId = host.lantern.imports.start(paths);
  const done = host.lantern.imports.whenDone(importId);
  if (!done) throw new Error(`import ${importId} of ${paths.join(', ')} ended before it could be awaited`);
  return done;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
