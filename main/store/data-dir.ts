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

/**
 * The CLI's default when no --data-dir is given: the desktop app's own folder, `<userData>/data`, where Electron's
 * userData is the OS application-data folder plus the product name.
 */
export function defaultDataRoot(): string {
  if (process.env.LANTERN_DATA_DIR) return process.env.LANTERN_DATA_DIR;
  const appData =
    process.platform === 'darwin'
      ? path.join(os.homedir(), 'Library', 'Application Support')
      : process.platform === 'win32'
        ? (process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'))
        : (process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'));
  return path.join(appData, 'Lantern', 'data');
}
