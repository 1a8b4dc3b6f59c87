// The one way instance bytes reach the renderer. Electron's custom protocol and the browser host's HTTP route both
// call this; the renderer never gets file-system access.
import { readStoredInstance, StoredInstanceError, storedRange } from '../dicom/instance-store';
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
  const location = lantern.worklist.instanceLocation(sopInstanceUid);
  if (!location) return { status: 404, headers: { 'content-type': 'text/plain' }, body: `no instance ${sopInstanceUid}` };
  try {
    const body = await readStoredInstance(storedRange(lantern.dataDir.store, location));
    return {
      status: 200,
      headers: { 'content-type': 'application/dicom', 'cache-control': 'private, max-age=31536000, immutable' },
      body,
    };
  } catch (error) {
    if (!(error instanceof StoredInstanceError)) throw error;
    return {
      status: 410,
      headers: { 'content-type': 'text/plain' },
      body: `instance ${sopInstanceUid} is indexed but its stored copy is unreadable: ${error.message}`,
    };
  }
}
