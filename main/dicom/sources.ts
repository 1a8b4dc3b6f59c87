// Turns what the user pointed at (files, folders, DICOMDIRs, ZIP archives) into a stream of candidate files.
// Nothing here decides whether a file is DICOM; that is the importer's job, so every file is accounted for.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import dicomParser from 'dicom-parser';
import yauzl from 'yauzl';

export interface Candidate {
  /** What the user sees in progress and rejection lists: a file path, or `archive.zip!/entry`. */
  path: string;
  read(): Promise<Buffer>;
}

/** A source that could not be opened at all (missing path, unreadable archive, broken DICOMDIR). */
export interface SourceProblem {
  path: string;
  reason: string;
}

export type SourceItem = { kind: 'candidate'; candidate: Candidate } | { kind: 'problem'; problem: SourceProblem };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const GZIP_MAGIC = [0x1f, 0x8b];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

/**
 * Opens a file once: reads its first bytes to recognise archives, and otherwise the whole file, since the importer
 * needs all of it anyway. Synchronous on purpose: imports run on a worker thread (or the CLI), where a thread-pool
 * round trip per file costs more than the read itself.
 */
function readFileOrMagic(file: string): { magic: Uint8Array; whole: Buffer | null } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const magic = Buffer.alloc(Math.min(4, size));
    fs.readSync(fd, magic, 0, magic.length, 0);
    if (startsWith(magic, ZIP_MAGIC)) return { magic, whole: null };
    const whole = Buffer.allocUnsafe(size);
    let offset = 0;
    while (offset < size) {
      const read = fs.readSync(fd, whole, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return { magic, whole: offset === size ? whole : whole.subarray(0, offset) };
  } finally {
    fs.closeSync(fd);
  }
}

const isDicomdirName = (file: string) => path.basename(file).toUpperCase() === 'DICOMDIR';

/** A DICOMDIR under another name (copies, renamed CDs): its Media Storage SOP Class is in the meta header. */
const looksLikeDicomdir = (bytes: Buffer) => /1\.2\.840\.10008\.1\.3\.10(?![\d.])/.test(bytes.toString('latin1', 0, 1024));

export async function* enumerateSources(paths: readonly string[]): AsyncGenerator<SourceItem> {
  const visited = new Set<string>();
  for (const input of paths) {
    const absolute = path.resolve(input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      yield problem(absolute, `cannot open: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      continue;
    }
    if (stat.isDirectory()) yield* walkFolder(absolute, visited);
    else yield* fileItems(absolute, visited);
  }
}

const problem = (p: string, reason: string): SourceItem => ({ kind: 'problem', problem: { path: p, reason } });

async function* walkFolder(folder: string, visited: Set<string>): AsyncGenerator<SourceItem> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    yield problem(folder, `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return;
  }
  // A DICOMDIR first: the files it references are then taken in its order, the rest of the folder after.
  entries.sort((a, b) => Number(isDicomdirName(b.name)) - Number(isDicomdirName(a.name)) || a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* walkFolder(full, visited);
    else if (entry.isFile()) yield* fileItems(full, visited);
  }
}

async function* fileItems(file: string, visited: Set<string>): AsyncGenerator<SourceItem> {
  if (visited.has(file)) return;
  visited.add(file);
  let content: ReturnType<typeof readFileOrMagic>;
  try {
    content = readFileOrMagic(file);
  } catch (error) {
    yield problem(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return;
  }
  const { magic, whole } = content;
  if (!whole) {
    yield* zipItems(file);
  } else if (startsWith(magic, GZIP_MAGIC)) {
    yield { kind: 'candidate', candidate: { path: file, read: async () => zlib.gunzipSync(whole) } };
  } else if (isDicomdirName(file) || looksLikeDicomdir(whole)) {
    yield* dicomdirItems(file, whole, visited);
  } else {
    yield { kind: 'candidate', candidate: { path: file, read: async () => whole } };
  }
}

/** Follows a DICOMDIR's directory records to the files they reference (Referenced File ID, 0004,1500). */
async function* dicomdirItems(file: string, bytes: Buffer, visited: Set<string>): AsyncGenerator<SourceItem> {
  let referenced: string[];
  try {
    referenced = readDicomdirReferences(bytes);
  } catch (error) {
    yield problem(file, `DICOMDIR unreadable (${error instanceof Error ? error.message : String(error)}); folder scanned instead`);
    return;
  }
  const root = path.dirname(file);
  for (const relative of referenced) {
    const target = resolveFileId(root, relative);
    if (!target) {
      yield problem(path.join(root, relative), `referenced by ${file} but missing`);
      continue;
    }
    yield* fileItems(target, visited);
  }
}

export function readDicomdirReferences(bytes: Buffer): string[] {
  let dataSet: dicomParser.DataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes);
  } catch (error) {
    const inner = (error as { exception?: unknown }).exception ?? error;
    throw new Error(inner instanceof Error ? inner.message : String(inner));
  }
  const records = dataSet.elements.x00041220?.items ?? [];
  const files: string[] = [];
  for (const record of records) {
    const id = record.dataSet?.string('x00041500');
    if (id) files.push(id.trim().split('\\').join(path.sep));
  }
  return files;
}

/** CD file systems and copies disagree on case; try the ID as written, then case-insensitively. */
function resolveFileId(root: string, relative: string): string | null {
  const direct = path.join(root, relative);
  if (fs.existsSync(direct)) return direct;
  let current = root;
  for (const part of relative.split(path.sep)) {
    let names: string[];
    try {
      names = fs.readdirSync(current);
    } catch {
      return null;
    }
    const match = names.find((name) => name.toUpperCase() === part.toUpperCase());
    if (!match) return null;
    current = path.join(current, match);
  }
  return current;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? reject(error) : resolve(zip!))),
  );
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      stream!.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream!.on('error', reject);
      stream!.on('end', () => resolve(Buffer.concat(chunks)));
    }),
  );
}

/** Entries of a ZIP archive, one at a time, so a large archive never sits in memory whole. */
async function* zipItems(file: string): AsyncGenerator<SourceItem> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (error) {
    yield problem(file, `unreadable ZIP archive: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  try {
    while (true) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(null));
        zip.once('error', reject);
        zip.readEntry();
      }).catch((error: unknown) => error as Error);
      if (entry instanceof Error) {
        yield problem(file, `ZIP archive damaged: ${entry.message}`);
        return;
      }
      if (!entry) return;
      zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
      if (entry.fileName.endsWith('/')) continue;
      if (path.basename(entry.fileName).toUpperCase() === 'DICOMDIR') continue; // entries are all taken anyway
      const bytes = readEntry(zip, entry);
      bytes.catch(() => undefined); // surfaced through read()
      yield { kind: 'candidate', candidate: { path: `${file}!/${entry.fileName}`, read: () => bytes } };
    }
  } finally {
    zip.close();
  }
}
