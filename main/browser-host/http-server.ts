// The browser host's HTTP server on 127.0.0.1: the built renderer plus stored instances at /instances/<sop>,
// the latter through the same handler Electron's custom protocol uses.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { handleAppRequest } from '../ipc/app-request';
import type { Lantern } from '../lantern';

export interface HostServer {
  origin: string;
  close(): Promise<void>;
}

export async function startHostServer(lantern: Lantern, rendererDir: string, port = 0): Promise<HostServer> {
  const root = path.resolve(rendererDir);
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'content-type': 'text/plain' }).end('method not allowed');
      return;
    }
    const handled = handleAppRequest(lantern, root, pathname).then(({ status, headers, body }) => {
      response.writeHead(status, headers).end(body);
    });
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
