// The browser host: Lantern's renderer in Debian's Chromium (driven by playwright-core) instead of Electron.
// It is the real-browser test host for the end-to-end tests and `npx lantern host` for machines without Electron.
// The renderer cannot tell the hosts apart: it gets the same `window.lantern`, built over a Playwright binding
// that ends in the same router Electron's ipcMain uses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { EVENT_NAMES, type EventName, type EventPayloads } from '../../preload/contract';
import { createRouter } from '../ipc/router';
import { openLantern, type Lantern } from '../lantern';
import { bridgeScript } from './bridge-bundle';
import { startHostServer } from './http-server';
import { ensureRendererBuilt } from './renderer-build';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Measured on these machines (FIELD-NOTES, Chromium): software GL, nothing that phones home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserHostOptions {
  dataRoot: string;
  headless: boolean;
  /** 0 or absent: any free port. */
  port?: number;
  /** Page size; absent in a visible window means "follow the window". */
  viewport?: { width: number; height: number } | null;
  /** Rebuild the renderer even when out/renderer looks current. */
  rebuild?: boolean;
}

export interface BrowserHost {
  page: Page;
  context: BrowserContext;
  url: string;
  lantern: Lantern;
  close(): Promise<void>;
}

function packageVersion(): string {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const [rendererDir, bridge] = await Promise.all([ensureRendererBuilt({ rebuild: options.rebuild }), bridgeScript()]);
  const lantern = openLantern(options.dataRoot);
  const cleanups: (() => Promise<void> | void)[] = [() => lantern.close()];
  // Every cleanup runs even if an earlier one fails: a browser that died must not leave the server or database open.
  const close = async () => {
    const failures: unknown[] = [];
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        failures.push(error);
      }
    }
    cleanups.length = 0;
    if (failures.length > 0) throw new AggregateError(failures, `closing the browser host: ${(failures[0] as Error).message}`);
  };
  try {
    const server = await startHostServer(lantern, rendererDir, options.port ?? 0);
    cleanups.push(() => server.close());
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-chromium-'));
    cleanups.push(() => fs.rmSync(userDataDir, { recursive: true, force: true }));

    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless,
      args: CHROMIUM_ARGS,
      // Whoever runs the host decides what Ctrl+C means (`lantern host` closes it cleanly, exit 0); Playwright
      // would otherwise exit the process with 130 on its own. It still kills Chromium when the process exits.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      viewport: options.viewport === undefined ? (options.headless ? { width: 1600, height: 1000 } : null) : options.viewport,
    });
    // The user may close the window (and with it the browser) before the host closes.
    let contextClosed = false;
    context.once('close', () => {
      contextClosed = true;
    });
    cleanups.push(() => (contextClosed ? undefined : context.close()));

    const router = createRouter(
      lantern,
      { appInfo: { host: 'browser', preferCpuRendering: true, nativeFilePicker: false } },
      packageVersion(),
    );
    await context.exposeBinding('__lanternInvoke', async (source, channel: unknown, payload: unknown) => {
      // Only the renderer this host served may reach the services; any other page (a link the user followed,
      // an about: page) gets a refusal.
      if (!source.frame.url().startsWith(`${server.origin}/`)) {
        return { ok: false, error: { code: 'forbidden', message: `${source.frame.url()} is not the Lantern renderer` } };
      }
      return router(String(channel), payload);
    });
    await context.addInitScript({ content: bridge });

    for (const event of EVENT_NAMES) {
      const unsubscribe = lantern.events.on(event, (payload) => forwardEvent(context, server.origin, event, payload));
      cleanups.push(unsubscribe);
    }

    const page = context.pages()[0] ?? (await context.newPage());
    const url = `${server.origin}/`;
    await page.goto(url);
    return { page, context, url, lantern, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function forwardEvent<E extends EventName>(context: BrowserContext, origin: string, event: E, payload: EventPayloads[E]): void {
  for (const page of context.pages()) {
    if (!page.url().startsWith(`${origin}/`)) continue;
    page
      .evaluate(
        ([name, value]) => (window as unknown as { __lanternDispatch?: (e: string, p: unknown) => void }).__lanternDispatch?.(name, value),
        [event, payload] as const,
      )
      // A page that is closing or navigating misses the event; it reloads its state when it comes back.
      .catch(() => undefined);
  }
}
