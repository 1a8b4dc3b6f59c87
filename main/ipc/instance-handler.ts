// The one way instance bytes reach the renderer. Electron's custom protocol and the browser host's HTTP route both
// call this; the renderer never gets file-system access.
import fs from 'node:fs';
import type { Lantern } from '../lantern';

export interface InstanceResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export async function handleInstanceRequest(lantern: Lantern, pathname: string): Promise<InstanceResponse> {
  const match = /^\/instances\/([^/]+)$/.exec(pathname);
  if (!match) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
  const sopInstanceUid = decodeURIComponent(match[1]!);
  const relative = lantern.worklist.instanceFile(sopInstanceUid);
  if (!relative) return { status: 404, headers: { 'content-type': 'text/plain' }, body: `no instance ${sopInstanceUid}` };
  try {
    const body = await fs.promises.readFile(lantern.store.absolute(relative));
    return {
      status: 200,
      headers: { 'content-type': 'application/dicom', 'cache-control': 'private, max-age=31536000, immutable' },
      body,
    };
  } catch (error) {
    return {
      status: 410,
      headers: { 'content-type': 'text/plain' },
      body: `instance ${sopInstanceUid} is indexed but its stored file is unreadable: ${(error as Error).message}`,
    };
  }
}
