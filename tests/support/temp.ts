import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A fresh folder under the OS temp dir, removed when the test file finishes. */
export function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lantern-${label}-`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const sharedData = (...parts: string[]) => path.resolve('..', 'shared', 'data', ...parts);
