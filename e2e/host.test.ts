// The browser host itself: the renderer gets `window.lantern`, requests reach the real router, instance bytes
// come over http, and pages from other origins are refused.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHostServer } from '../main/browser-host/http-server';
import { openLantern } from '../main/lantern';
import { freshDataRoot, importPaths, sharedData, startTestHost, type TestHost } from './support/host';

describe('browser host', () => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startTestHost('host');
    await importPaths(host, [sharedData('cxr-dicom')]);
  });
  afterAll(async () => host?.dispose());

  it('gives the renderer the browser AppInfo through window.lantern', async () => {
    const info = await host.page.evaluate(() => (window as any).lantern.appInfo());
    expect(info).toMatchObject({ host: 'browser', preferCpuRendering: true, nativeFilePicker: false, dataDir: host.lantern.dataDir.root });
  });

  it('validates requests through the router', async () => {
    const error = await host.page.evaluate(() =>
      (window as any).lantern.worklist.query({ limit: 100000 }).then(
        () => null,
        (e: Error & { code: string }) => ({ code: e.code, message: e.message }),
      ),
    );
    expect(error?.code).toBe('invalid_request');
    expect(error?.message).toContain('limit');
  });

  it('serves stored instance bytes at /instances/<sop> and 404s unknown ones', async () => {
    const sop = host.lantern.db.prepare('SELECT sop_uid FROM instances LIMIT 1').pluck().get() as string;
    const result = await host.page.evaluate(async (uid) => {
      const response = await fetch((window as any).lantern.instanceUrl(uid));
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, type: response.headers.get('content-type'), dicm: String.fromCharCode(...bytes.slice(128, 132)) };
    }, sop);
    expect(result).toEqual({ status: 200, type: 'application/dicom', dicm: 'DICM' });
    const missing = await host.page.evaluate(() => fetch('/instances/1.2.3.4.5').then((r) => r.status));
    expect(missing).toBe(404);
  });

  it('refuses the binding to pages from any other origin', async () => {
    const other = http.createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<p>not Lantern</p>'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const page = await host.context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      const answer = await page.evaluate(() => (window as any).lantern.appInfo().catch((e: Error & { code: string }) => e.code));
      expect(answer).toBe('forbidden');
    } finally {
      await page.close();
      other.close();
    }
  });
});

describe('browser host http server', () => {
  it('serves renderer files with the MIME types Chromium needs (wasm streaming, module workers)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-static-'));
    const files = { 'index.html': '<p>x</p>', 'codec.wasm': '\0asm', 'worker.mjs': '', 'app.js': '', 'style.css': '' };
    for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(root, name), body);
    const lantern = openLantern(freshDataRoot('static'));
    const server = await startHostServer(lantern, root);
    try {
      const typeOf = async (name: string) => (await fetch(`${server.origin}/${name}`)).headers.get('content-type');
      expect(await typeOf('codec.wasm')).toBe('application/wasm');
      expect(await typeOf('worker.mjs')).toMatch(/^text\/javascript/);
      expect(await typeOf('app.js')).toMatch(/^text\/javascript/);
      expect(await typeOf('style.css')).toMatch(/^text\/css/);
      expect(await typeOf('')).toMatch(/^text\/html/);
      expect((await fetch(`${server.origin}/missing.js`)).status).toBe(404);
      expect((await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(403);
    } finally {
      await server.close();
      await lantern.close();
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(lantern.dataDir.root, { recursive: true, force: true });
    }
  });
});
