// The managed copy of every imported instance. A file is written before its index row is committed, so the index
// never points at a missing or partial file; a crash can leave an unindexed file behind, which the next import of
// that instance simply overwrites.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataDir } from '../store/data-dir';
import type { InstanceHeader } from './header';

const SAFE_UID = /^[0-9A-Za-z.\-_]{1,64}$/;

/** A UID as a file or folder name; anything unusual (a hostile "../") is hashed instead of trusted. */
function uidSegment(uid: string): string {
  return SAFE_UID.test(uid) && uid !== '.' && uid !== '..'
    ? uid
    : crypto.createHash('sha256').update(uid).digest('hex').slice(0, 40);
}

export function storedRelativePath(header: InstanceHeader): string {
  // One folder per study keeps the store browsable by a person without a directory per series to create.
  return path.join(uidSegment(header.study.uid), `${uidSegment(header.sopInstanceUid)}.dcm`);
}

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
  private readonly folders = new Map<string, Promise<unknown>>();

  constructor(private readonly dataDir: DataDir) {}

  absolute(relativePath: string): string {
    return path.join(this.dataDir.store, relativePath);
  }

  /**
   * Writes the instance under its final name and returns its path relative to the store. Asynchronous so the
   * importer can keep several file creations in flight: on these disks creating a file costs more than parsing it.
   */
  async write(bytes: Buffer, header: InstanceHeader): Promise<{ relativePath: string; size: number }> {
    const relativePath = storedRelativePath(header);
    const content = header.hasPart10Header ? bytes : withPart10Header(bytes.subarray(header.datasetStart), header);
    const target = this.absolute(relativePath);
    const folder = path.dirname(target);
    let created = this.folders.get(folder);
    if (!created) {
      created = fs.promises.mkdir(folder, { recursive: true });
      this.folders.set(folder, created);
    }
    await created;
    await fs.promises.writeFile(target, content);
    return { relativePath, size: content.length };
  }
}
