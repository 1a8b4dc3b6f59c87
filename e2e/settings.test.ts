// The settings dialog: AI settings saved through the real service, a real model package installed from a typed
// path, and a broken path refused with its reason.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataRoot, repoRoot, screenshot, startTestHost, type TestHost } from './support/host';

const SHARED_MODEL = path.resolve(repoRoot, '..', 'shared', 'models', 'se-mobilenetv2-cxr3', 'model.onnx');
const MANIFEST = path.join(repoRoot, 'tests', 'inference', 'fixtures', 'se-mobilenetv2-cxr3.manifest.json');

describe('settings dialog', () => {
  let host: TestHost;
  let packageDir: string;

  beforeAll(async () => {
    host = await startTestHost('settings');
    // A model package as a vendor would ship it: manifest.json beside model.onnx.
    packageDir = freshDataRoot('model-package');
    fs.copyFileSync(MANIFEST, path.join(packageDir, 'manifest.json'));
    fs.copyFileSync(SHARED_MODEL, path.join(packageDir, 'model.onnx'));
    await host.page.getByRole('button', { name: 'Settings' }).click();
  });
  afterAll(async () => {
    await host?.dispose();
    if (packageDir) fs.rmSync(packageDir, { recursive: true, force: true });
  });

  const dialog = () => host.page.getByRole('dialog', { name: 'Settings' });

  it('says where this workstation keeps its data and what it runs in', async () => {
    expect(await dialog().getByTestId('data-dir').textContent()).toBe(host.lantern.dataDir.root);
    expect(await dialog().textContent()).toContain('Browser host (Chromium)');
  });

  it('saves "analyze on import" in the main process, and shows it again after reopening', async () => {
    const checkbox = dialog().getByLabel('Analyze every newly imported study');
    const before = host.lantern.ai.settings().analyzeOnImport;
    expect(await checkbox.isChecked()).toBe(before);
    await checkbox.click();
    await expect.poll(() => host.lantern.ai.settings().analyzeOnImport).toBe(!before);
    await host.page.keyboard.press('Escape');
    await host.page.getByRole('button', { name: 'Settings' }).click();
    expect(await dialog().getByLabel('Analyze every newly imported study').isChecked()).toBe(!before);
  });

  it('reorders, removes and adds execution providers', async () => {
    const initial = host.lantern.ai.settings().providerOrder;
    expect(initial.length).toBeGreaterThan(1);
    const shown = () => dialog().locator('.provider-list li').evaluateAll((items) => items.map((item) => item.getAttribute('data-provider')));
    expect(await shown()).toEqual(initial);

    const last = initial.at(-1)!;
    await dialog().locator(`.provider-list li[data-provider="${last}"]`).getByRole('button', { name: /earlier/ }).click();
    const swapped = [...initial.slice(0, -2), last, initial.at(-2)!];
    await expect.poll(() => host.lantern.ai.settings().providerOrder).toEqual(swapped);
    await expect.poll(shown).toEqual(swapped);

    const first = swapped[0]!;
    await dialog().locator(`.provider-list li[data-provider="${first}"]`).getByRole('button', { name: /Do not use/ }).click();
    await expect.poll(() => host.lantern.ai.settings().providerOrder).toEqual(swapped.slice(1));
    await dialog().locator('.provider-unused button', { hasText: new RegExp(first, 'i') }).first().click();
    await expect.poll(() => host.lantern.ai.settings().providerOrder).toEqual([...swapped.slice(1), first]);
  });

  it('installs a model package from a typed folder and lists it', async () => {
    const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { id: string; name: string; version: string };
    await dialog().getByLabel('Model package folder').fill(packageDir);
    await dialog().getByRole('button', { name: 'Install model' }).click();
    await dialog().getByText(`Installed ${manifest.name} ${manifest.version}.`).waitFor({ timeout: 60_000 });
    const listed = dialog().locator(`.model[data-model-id="${manifest.id}"]`);
    await listed.waitFor();
    expect(await listed.locator('.model-version').textContent()).toBe(manifest.version);
    expect(host.lantern.ai.models().map((model) => model.modelId)).toContain(manifest.id);
    await screenshot(host.page, 'settings');
  });

  it('refuses a folder that is not a model package, saying why', async () => {
    const notAPackage = path.join(packageDir, 'missing');
    await dialog().getByLabel('Model package folder').fill(notAPackage);
    await dialog().getByRole('button', { name: 'Install model' }).click();
    const alert = dialog().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(notAPackage);
    expect(host.lantern.ai.models()).toHaveLength(1);
  });
});
