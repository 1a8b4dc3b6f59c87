// models/export/export_cxr_model.py, run here on torchvision's DenseNet-121 with random weights (the
// TorchXRayVision source needs a download): the package it writes installs, and the ONNX network gives the same
// logits as PyTorch on the same preprocessed CXR.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../main/dicom/pixels/decode';
import { ModelRegistry } from '../../main/inference/model-registry';
import { prepareInput } from '../../main/inference/preprocess';
import { dataDirAt } from '../../main/store/data-dir';
import { openDatabase } from '../../main/store/database';
import { sharedData, tempDir } from '../support/temp';
import { DEBIAN_PYTHON, runPython } from './python';

describe('model export script', () => {
  it('exports DenseNet-121 to an installable package whose logits match PyTorch', async () => {
    const root = tempDir('export');
    const out = path.join(root, 'densenet121');
    const state = path.join(root, 'state.pt');
    const exported = spawnSync(DEBIAN_PYTHON, ['models/export/export_cxr_model.py', '--source', 'torchvision-random', '--out', out, '--save-state', state], {
      encoding: 'utf8',
    });
    expect(exported.status, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ id: 'densenet121-random', version: '0.0.1' });

    const dataDir = dataDirAt(path.join(root, 'data'));
    const db = openDatabase(dataDir.database);
    const model = new ModelRegistry(db, dataDir.root).install(out);
    db.close();
    expect(model.manifest.labels.find((l) => l.name === 'Effusion')?.vindr).toBe('Pleural effusion');

    const decoded = await decodeImage(fs.readFileSync(sharedData('cxr-dicom', 'siim-acr-pa-jpeg-baseline.dcm')));
    const input = prepareInput(decoded, model.manifest);
    const tensorFile = path.join(root, 'input.f32');
    fs.writeFileSync(tensorFile, Buffer.from(input.tensor.buffer, input.tensor.byteOffset, input.tensor.byteLength));
    const torch = JSON.parse(
      runPython('models/export/torch_reference.py', ['--state', state, '--input', tensorFile, '--shape', input.dims.join(',')]),
    ) as { outputs: number[] };

    const session = await ort.InferenceSession.create(model.modelFile);
    const result = await session.run({ image: new ort.Tensor('float32', input.tensor, input.dims) });
    await session.release();
    const onnx = Array.from(result.logits!.data as Float32Array);
    expect(onnx).toHaveLength(14);
    const scale = Math.max(...torch.outputs.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    onnx.forEach((value, i) => expect(Math.abs(value - torch.outputs[i]!) / scale).toBeLessThan(1e-4));
  });
});
