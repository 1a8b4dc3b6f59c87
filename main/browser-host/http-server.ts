// The browser host's HTTP server on 127.0.0.1: the built renderer plus stored instances at /instances/<sop>,
// the latter through the same handler Electron's custom protocol uses.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { handleInstanceRequest } from '../ipc/instance-handler';
import type { Lantern } from '../lantern';

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
  '.onnx': 'application/octet-stream',
};

export interface HostServer {
  origin: string;
  close(): Promise<void>;
}

async function serveStatic(root: string, pathname: string, response: http.ServerResponse): Promise<void> {
  const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) {
    response.writeHead(403, { 'content-type': 'text/plain' }).end('outside the renderer bundle');
    return;
  }
  try {
    const body = await fs.promises.readFile(file);
    response
      .writeHead(200, {
        'content-type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      })
      .end(body);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${pathname}`);
  }
}

export async function startHostServer(lantern: Lantern, rendererDir: string, port = 0): Promise<HostServer> {
  const root = path.resolve(rendererDir);
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'content-type': 'text/plain' }).end('method not allowed');
      return;
    }
    const handled = pathname.startsWith('/instances/')
      ? handleInstanceRequest(lantern, pathname).then(({ status, headers, body }) => {
          response.writeHead(status, headers).end(body);
        })
      : serveStatic(root, pathname, response);
    handled.catch((error: Error) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`${pathname}: ${error.message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
