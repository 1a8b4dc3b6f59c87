// Shared set-up for the inference tests: a data directory with the real CXRs imported, and model packages.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readInstanceHeader } from '../../main/dicom/header';
import { openLantern, type Lantern } from '../../main/lantern';
import type { ModelManifest } from '../../main/inference/manifest';
import { sharedData, tempDir } from '../support/temp';

export const SHARED_MODEL = path.resolve('../shared/models/se-mobilenetv2-cxr3/model.onnx');
export const SHARED_MANIFEST = path.resolve('tests/inference/fixtures/se-mobilenetv2-cxr3.manifest.json');

export const sharedManifest = (): ModelManifest => JSON.parse(fs.readFileSync(SHARED_MANIFEST, 'utf8')) as ModelManifest;

/** A package directory for the shared network (the weights are linked, never copied into the repository). */
export function sharedModelPackage(root: string, changes: Partial<ModelManifest> = {}): string {
  const dir = fs.mkdtempSync(path.join(root, 'package-'));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...sharedManifest(), ...changes }));
  fs.symlinkSync(SHARED_MODEL, path.join(dir, 'model.onnx'));
  return dir;
}

/** A package for generated weights; the manifest gets their real sha256 unless one is given. */
export function writePackage(root: string, manifest: Omit<ModelManifest, 'sha256'> & { sha256?: string }, model: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(root, 'package-'));
  const sha256 = manifest.sha256 ?? crypto.createHash('sha256').update(model).digest('hex');
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, sha256 }));
  fs.writeFileSync(path.join(dir, 'model.onnx'), model);
  return dir;
}

export const CXR_FILES = ['nih-cxr14-00000001_000.dcm', 'nih-cxr14-nccid-no-finding.dcm', 'siim-acr-pa-jpeg-baseline.dcm'];

/** A Lantern over a fresh data directory holding the three real CXRs and one MR (which no CXR model reads). */
export async function lanternWithCxrs(label: string): Promise<{ lantern: Lantern; root: string }> {
  const root = tempDir(label);
  const lantern = openLantern(path.join(root, 'data'));
  const importId = lantern.imports.start([sharedData('cxr-dicom'), sharedData('dicom-conformance', 'MR_small.dcm')]);
  const outcome = await lantern.imports.whenDone(importId);
  if (outcome?.state !== 'done' || outcome.imported !== 4) throw new Error(`test import failed: ${JSON.stringify(outcome)}`);
  return { lantern, root };
}

/** The Study Instance UID of a shared CXR file (read with the importer's own header reader). */
export function cxrStudyUid(fileName: string): string {
  return readInstanceHeader(fs.readFileSync(sharedData('cxr-dicom', fileName))).study.uid;
}
