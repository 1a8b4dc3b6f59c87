// Everything the renderer loads by URL: its own bundle and stored instances. Electron's lantern:// protocol and the
// browser host's HTTP server both answer through here, so both hosts serve the same bytes under the same rules.
import fs from 'node:fs';
import path from 'node:path';
import type { Lantern } from '../lantern';
import { handleInstanceRequest, type InstanceResponse } from './instance-handler';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const text = (status: number, body: string): InstanceResponse => ({ status, headers: { 'content-type': 'text/plain' }, body });

async function serveRendererFile(rendererRoot: string, pathname: string): Promise<InstanceResponse> {
  const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const file = path.resolve(rendererRoot, relative);
  if (!file.startsWith(rendererRoot + path.sep)) return text(403, `outside the renderer bundle: ${pathname}`);
  try {
    const body = await fs.promises.readFile(file);
    const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return { status: 200, headers: { 'content-type': type, 'cache-control': 'no-cache' }, body };
  } catch {
    return text(404, `not found: ${pathname}`);
  }
}

export function handleAppRequest(lantern: Lantern, rendererRoot: string, pathname: string): Promise<InstanceResponse> {
  return pathname.startsWith('/instances/')
    ? handleInstanceRequest(lantern, pathname)
    : serveRendererFile(path.resolve(rendererRoot), pathname);
}
