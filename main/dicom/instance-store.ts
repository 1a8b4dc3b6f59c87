// The managed copy of every imported instance, appended to pack files (store/packs/*.pack) and located by
// (pack, offset, size) in the index. Appending to one open file is what makes import fast: creating one file per
// instance costs more than reading and parsing it on the disks Lantern runs on (see bench/import.ts).
// Each store object writes its own pack (exclusive create), so the app and the CLI can import at the same time.
// Bytes are synced before the index rows that point at them are committed; bytes a crash leaves unindexed at the
// end of a pack are never referenced.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataDir } from '../store/data-dir';
import type { InstanceHeader } from './header';

/** Where an instance's bytes are: a pack file relative to the store, and a byte range in it. */
export interface StoredLocation {
  relativePath: string;
  offset: number;
  size: number;
}

const PACK_LIMIT = 1 << 30;

/**
 * Wraps a bare dataset (no preamble, no meta header) in a Part 10 header so that every stored file can be read by
 * any DICOM tool, including the viewer's loader.
 */
export function withPart10Header(dataset: Buffer, header: InstanceHeader): Buffer {
  const element = (group: number, elementNumber: number, vr: string, value: Buffer) => {
    const padded = value.length % 2 === 0 ? value : Buffer.concat([value, Buffer.from([vr === 'UI' ? 0 : 0x20])]);
    const longForm = vr === 'OB';
    const head = Buffer.alloc(longForm ? 12 : 8);
    head.writeUInt16LE(group, 0);
    head.writeUInt16LE(elementNumber, 2);
    head.write(vr, 4, 'latin1');
    if (longForm) head.writeUInt32LE(padded.length, 8);
    else head.writeUInt16LE(padded.length, 6);
    return Buffer.concat([head, padded]);
  };
  const meta = Buffer.concat([
    element(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    element(0x0002, 0x0002, 'UI', Buffer.from(header.sopClassUid, 'latin1')),
    element(0x0002, 0x0003, 'UI', Buffer.from(header.sopInstanceUid, 'latin1')),
    element(0x0002, 0x0010, 'UI', Buffer.from(header.transferSyntaxUid, 'latin1')),
    element(0x0002, 0x0012, 'UI', Buffer.from('1.2.826.0.1.3680043.10.1613.1', 'latin1')),
    element(0x0002, 0x0013, 'SH', Buffer.from('LANTERN_0_1', 'latin1')),
  ]);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(meta.length, 0);
  const preamble = Buffer.alloc(132);
  preamble.write('DICM', 128, 'latin1');
  return Buffer.concat([preamble, element(0x0002, 0x0000, 'UL', groupLength), meta, dataset]);
}

export class InstanceStore {
  private pack: { fd: number; relativePath: string; size: number } | null = null;

  constructor(private readonly dataDir: DataDir) {}

  private absolute(relativePath: string): string {
    return path.join(this.dataDir.store, relativePath);
  }

  /** Appends the instance (as a proper Part 10 file) to this store's pack and returns where it went. */
  write(bytes: Buffer, header: InstanceHeader): StoredLocation {
    const content = header.hasPart10Header ? bytes : withPart10Header(bytes.subarray(header.datasetStart), header);
    const pack = this.openPack(content.length);
    let written = 0;
    while (written < content.length) written += fs.writeSync(pack.fd, content, written, content.length - written, pack.size + written);
    const location = { relativePath: pack.relativePath, offset: pack.size, size: content.length };
    pack.size += content.length;
    return location;
  }

  /** Makes everything written so far durable; called before the index commits rows that point at it. */
  sync(): void {
    if (this.pack) fs.fdatasyncSync(this.pack.fd);
  }

  close(): void {
    if (!this.pack) return;
    fs.fdatasyncSync(this.pack.fd);
    fs.closeSync(this.pack.fd);
    this.pack = null;
  }

  private openPack(incoming: number) {
    if (this.pack && this.pack.size + incoming > PACK_LIMIT && this.pack.size > 0) this.close();
    if (!this.pack) {
      const name = `${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${process.pid}-${crypto.randomBytes(4).toString('hex')}.pack`;
      const relativePath = path.join('packs', name);
      fs.mkdirSync(path.join(this.dataDir.store, 'packs'), { recursive: true });
      this.pack = { fd: fs.openSync(this.absolute(relativePath), 'wx'), relativePath, size: 0 };
    }
    return this.pack;
  }
}

export class StoredInstanceError extends Error {}

/** A byte range of a file on disk: a stored instance inside its pack, by absolute path. */
export interface ByteRange {
  file: string;
  offset: number;
  size: number;
}

export const storedRange = (storeRoot: string, location: StoredLocation): ByteRange => ({
  file: path.join(storeRoot, location.relativePath),
  offset: location.offset,
  size: location.size,
});

/** Reads one stored instance; a missing pack or a range past its end is a StoredInstanceError. */
export async function readStoredInstance({ file, offset, size }: ByteRange): Promise<Buffer> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (error) {
    throw new StoredInstanceError(`stored pack ${path.basename(file)} is unreadable: ${(error as Error).message}`);
  }
  try {
    const buffer = Buffer.allocUnsafe(size);
    const { bytesRead } = await handle.read(buffer, 0, size, offset);
    if (bytesRead !== size) {
      throw new StoredInstanceError(`stored pack ${path.basename(file)} ends before bytes ${offset}–${offset + size}: damaged or truncated`);
    }
    return buffer;
  } finally {
    await handle.close();
  }
}
