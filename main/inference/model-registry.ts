// Installed model packages: validated and checksum-verified on the way in, copied into the data directory, listed,
// and marked broken (with the reason) when they fail to load — which affects no other model.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/database';
import { MANIFEST_FILE, MODEL_FILE, ManifestError, parseManifest, type ModelManifest } from './manifest';

export interface InstalledModel {
  ref: number;
  modelId: string;
  version: string;
  name: string;
  sha256: string;
  state: 'ready' | 'broken';
  brokenReason: string | null;
  installedAt: string;
  /** Whether this is the newest installed version of its model id. */
  latest: boolean;
  manifest: ModelManifest;
  /** Absolute path of the installed model.onnx. */
  modelFile: string;
}

interface ModelRow {
  id: number;
  model_id: string;
  version: string;
  name: string;
  sha256: string;
  manifest: string;
  directory: string;
  state: 'ready' | 'broken';
  broken_reason: string | null;
  installed_at: string;
}

export function sha256File(file: string): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let read: number;
    while ((read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0) hash.update(buffer.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Reads and checks a package directory; throws ManifestError naming the field and the reason. */
export function readPackage(directory: string): { manifest: ModelManifest; modelFile: string } {
  const manifestFile = path.join(directory, MANIFEST_FILE);
  const modelFile = path.join(directory, MODEL_FILE);
  if (!fs.existsSync(manifestFile)) throw new ManifestError(MANIFEST_FILE, 'file not found', directory);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    throw new ManifestError(MANIFEST_FILE, `not valid JSON (${(error as Error).message})`, manifestFile);
  }
  const manifest = parseManifest(json, manifestFile);
  if (!fs.existsSync(modelFile)) throw new ManifestError(MODEL_FILE, 'file not found beside the manifest', directory);
  const actual = sha256File(modelFile);
  if (actual !== manifest.sha256) {
    throw new ManifestError('sha256', `model.onnx has sha256 ${actual}, the manifest says ${manifest.sha256}`, manifestFile);
  }
  return { manifest, modelFile };
}

const compareVersions = (a: string, b: string): number => {
  const parts = (v: string) => v.split(/[-+]/)[0]!.split('.').map(Number);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return a.localeCompare(b);
};

export class ModelRegistry {
  readonly root: string;

  constructor(
    private readonly db: Db,
    dataRoot: string,
  ) {
    this.root = path.join(dataRoot, 'models');
  }

  /** Validates, verifies and copies a package into the data directory. Re-installing identical content is a no-op. */
  install(packageDirectory: string): InstalledModel {
    const { manifest, modelFile } = readPackage(packageDirectory);
    const existing = this.db
      .prepare('SELECT id, sha256 FROM ai_models WHERE model_id = ? AND version = ?')
      .get(manifest.id, manifest.version) as { id: number; sha256: string } | undefined;
    if (existing && existing.sha256 !== manifest.sha256) {
      throw new ManifestError(
        'version',
        `${manifest.id} ${manifest.version} is already installed with different weights (sha256 ${existing.sha256}); give the new package a new version`,
        packageDirectory,
      );
    }
    if (existing) return this.get(existing.id)!;
    const relative = path.join('models', manifest.id, manifest.version);
    const target = path.join(this.root, manifest.id, manifest.version);
    const staging = `${target}.installing-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    fs.copyFileSync(modelFile, path.join(staging, MODEL_FILE));
    fs.writeFileSync(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    // The copy is checked again: a disk error must not install weights other than the ones verified.
    if (sha256File(path.join(staging, MODEL_FILE)) !== manifest.sha256) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw new Error(`copying ${modelFile} into ${target} changed its content; nothing installed`);
    }
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO ai_models (model_id, version, name, sha256, manifest, directory) VALUES (?, ?, ?, ?, ?, ?)')
      .run(manifest.id, manifest.version, manifest.name, manifest.sha256, JSON.stringify(manifest), relative);
    return this.get(Number(lastInsertRowid))!;
  }

  list(): InstalledModel[] {
    const rows = this.db.prepare('SELECT * FROM ai_models ORDER BY model_id, installed_at').all() as ModelRow[];
    const latest = new Map<string, string>();
    for (const row of rows) {
      const current = latest.get(row.model_id);
      if (!current || compareVersions(row.version, current) > 0) latest.set(row.model_id, row.version);
    }
    return rows.map((row) => this.fromRow(row, latest.get(row.model_id) === row.version));
  }

  get(ref: number): InstalledModel | null {
    return this.list().find((m) => m.ref === ref) ?? null;
  }

  /** The newest ready version of each model (or of the one asked for). */
  runnable(modelId?: string): InstalledModel[] {
    const ready = this.list().filter((m) => m.state === 'ready' && (!modelId || m.modelId === modelId));
    const newest = new Map<string, InstalledModel>();
    for (const m of ready) {
      const current = newest.get(m.modelId);
      if (!current || compareVersions(m.version, current.version) > 0) newest.set(m.modelId, m);
    }
    return [...newest.values()];
  }

  markBroken(ref: number, reason: string): void {
    this.db.prepare("UPDATE ai_models SET state = 'broken', broken_reason = ? WHERE id = ?").run(reason, ref);
  }

  private fromRow(row: ModelRow, latest: boolean): InstalledModel {
    return {
      ref: row.id,
      modelId: row.model_id,
      version: row.version,
      name: row.name,
      sha256: row.sha256,
      state: row.state,
      brokenReason: row.broken_reason,
      installedAt: row.installed_at,
      latest,
      manifest: JSON.parse(row.manifest) as ModelManifest,
      modelFile: path.join(path.dirname(this.root), row.directory, MODEL_FILE),
    };
  }
}
