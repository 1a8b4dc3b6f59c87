import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where a Lantern installation keeps its database and its copy of every imported instance. */
export interface DataDir {
  root: string;
  database: string;
  /** Managed copies of imported instances, laid out study/series/instance. */
  store: string;
}

export function dataDirAt(root: string): DataDir {
  const absolute = path.resolve(root);
  const dir: DataDir = {
    root: absolute,
    database: path.join(absolute, 'lantern.sqlite'),
    store: path.join(absolute, 'store'),
  };
  for (const folder of [dir.root, dir.store]) fs.mkdirSync(folder, { recursive: true });
  return dir;
}

/** The CLI's default when no --data-dir is given: the same place the desktop app uses on Linux. */
export function defaultDataRoot(): string {
  if (process.env.LANTERN_DATA_DIR) return process.env.LANTERN_DATA_DIR;
  const xdg = process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Lantern');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? os.homedir(), 'Lantern');
  return path.join(xdg, 'Lantern');
}
