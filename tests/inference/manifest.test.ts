// Model packages: the manifest schema names the field and the reason for every refusal; install verifies the
// checksum and copies nothing it refused.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest } from '../../main/inference/manifest';
import { ModelRegistry, readPackage } from '../../main/inference/model-registry';
import { VINDR_GLOBAL_LABELS, VINDR_LOCAL_LABELS } from '../../main/inference/vindr-taxonomy';
import { dataDirAt } from '../../main/store/data-dir';
import { openDatabase } from '../../main/store/database';
import { sharedData, tempDir } from '../support/temp';
import { sharedManifest, sharedModelPackage } from './support';

function refusal(json: unknown): { field: string; reason: string } {
  try {
    parseManifest(json, 'test');
  } catch (error) {
    if (error instanceof ManifestError) return { field: error.field, reason: error.reason };
    throw error;
  }
  throw new Error('manifest was accepted');
}

const good = sharedManifest();
const withChanges = (change: (m: Record<string, any>) => void) => {
  const copy = structuredClone(good) as Record<string, any>;
  change(copy);
  return copy;
};

describe('model manifest', () => {
  it('accepts the shared network manifest and fills defaults', () => {
    const manifest = parseManifest(good, 'fixture');
    expect(manifest.labels[0]).toEqual({ name: 'COVID-19', threshold: 0.5, finding: true });
    expect(manifest.preprocessing.steps[0]).toMatchObject({ op: 'resize', keepAspect: false });
  });

  it.each([
    ['a missing id', (m: any) => delete m.id, 'id', /expected string/],
    ['an id with capitals', (m: any) => (m.id = 'My Model'), 'id', /lowercase letters/],
    ['a version that is not semantic', (m: any) => (m.version = '1.0'), 'version', /semantic version/],
    ['a threshold above 1', (m: any) => (m.labels[1].threshold = 1.5), 'labels[1].threshold', /<=1/],
    ['an unknown VinDr label', (m: any) => (m.labels[2].vindr = 'Pneumonitis'), 'labels[2].vindr', /not a VinDr-CXR label/],
    ['a duplicate label', (m: any) => (m.labels[2].name = 'COVID-19'), 'labels[2].name', /appears twice/],
    ['an unknown layout', (m: any) => (m.input.layout = 'CHW'), 'input.layout', /NCHW|NHWC/],
    ['steps that do not reach the input size', (m: any) => (m.preprocessing.steps[2].width = 200), 'preprocessing.steps', /must end in a resize to the input size 224×224/],
    ['a crop after the last resize', (m: any) => m.preprocessing.steps.pop(), 'preprocessing.steps', /last step must be the resize/],
    ['an unknown resize method', (m: any) => (m.preprocessing.steps[0].method = 'lanczos'), 'preprocessing.steps[0].method', /nearest/],
    ['two means for three channels', (m: any) => (m.preprocessing.normalization.mean = [0.5, 0.5]), 'preprocessing.normalization.mean', /1 or 3 values/],
    ['an unknown windowing method', (m: any) => (m.preprocessing.windowing = { method: 'auto' }), 'preprocessing.windowing.method', /./],
    ['detection without boxes', (m: any) => (m.task = 'detection'), 'outputs.boxes', /required for a detection model/],
    ['a short checksum', (m: any) => (m.sha256 = 'abc'), 'sha256', /64 lowercase hex digits/],
    ['an unexpected key', (m: any) => (m.weights = 'model.pt'), 'manifest', /weights/],
  ])('refuses %s with the field and the reason', (_what, change, field, reason) => {
    const refused = refusal(withChanges(change));
    expect(refused.field).toBe(field);
    expect(refused.reason).toMatch(reason);
  });

  it('knows exactly the VinDr-CXR labels of the shared taxonomy', () => {
    const taxonomy = JSON.parse(fs.readFileSync(sharedData('labels', 'vindr_cxr_taxonomy.json'), 'utf8'));
    expect([...VINDR_LOCAL_LABELS]).toEqual(taxonomy.vindr_cxr_physionet.local_labels_22);
    expect([...VINDR_GLOBAL_LABELS]).toEqual(taxonomy.vindr_cxr_physionet.global_labels_6);
  });
});

describe('model packages', () => {
  const root = tempDir('packages');
  const registry = () => {
    const dataDir = dataDirAt(path.join(root, `data-${Math.random().toString(36).slice(2)}`));
    return { registry: new ModelRegistry(openDatabase(dataDir.database), dataDir.root), dataDir };
  };

  it('refuses a package whose model.onnx does not match the manifest checksum, installing nothing', () => {
    const dir = sharedModelPackage(root, { sha256: 'a'.repeat(64) });
    const { registry: models } = registry();
    expect(() => models.install(dir)).toThrow(ManifestError);
    try {
      readPackage(dir);
    } catch (error) {
      expect((error as ManifestError).field).toBe('sha256');
      expect((error as ManifestError).reason).toBe(`model.onnx has sha256 ${good.sha256}, the manifest says ${'a'.repeat(64)}`);
    }
    expect(models.list()).toEqual([]);
    expect(fs.existsSync(models.root) ? fs.readdirSync(models.root) : []).toEqual([]);
  });

  it('refuses a package without a manifest or with broken JSON', () => {
    const empty = fs.mkdtempSync(path.join(root, 'empty-'));
    expect(() => readPackage(empty)).toThrow(/manifest\.json: file not found/);
    fs.writeFileSync(path.join(empty, 'manifest.json'), '{ "id": ');
    expect(() => readPackage(empty)).toThrow(/manifest\.json: not valid JSON/);
  });

  it('installs a verified copy, is idempotent, and refuses other weights under the same version', () => {
    const { registry: models, dataDir } = registry();
    const installed = models.install(sharedModelPackage(root));
    expect(installed).toMatchObject({ modelId: 'se-mobilenetv2-cxr3', version: '1.0.0', state: 'ready', latest: true });
    expect(installed.modelFile).toBe(path.join(dataDir.root, 'models', 'se-mobilenetv2-cxr3', '1.0.0', 'model.onnx'));
    expect(fs.lstatSync(installed.modelFile).isSymbolicLink()).toBe(false);
    expect(models.install(sharedModelPackage(root)).ref).toBe(installed.ref);

    const other = fs.mkdtempSync(path.join(root, 'other-'));
    fs.writeFileSync(path.join(other, 'model.onnx'), 'different weights');
    const sha = crypto.createHash('sha256').update('different weights').digest('hex');
    fs.writeFileSync(path.join(other, 'manifest.json'), JSON.stringify({ ...good, sha256: sha }));
    expect(() => models.install(other)).toThrow(/version: se-mobilenetv2-cxr3 1\.0\.0 is already installed with different weights/);
    expect(models.list()).toHaveLength(1);
  });
});
