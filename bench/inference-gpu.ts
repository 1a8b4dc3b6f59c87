// GPU check for the inference path: on a machine with an NVIDIA GPU and onnxruntime-node installed with
// ONNXRUNTIME_NODE_INSTALL=cuda12, times the shared network on CUDA next to CPU. Anywhere else it reports
// "no GPU available" and why, and exits 0.
//   npx tsx bench/inference-gpu.ts [--runs N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import * as ort from 'onnxruntime-node';
import { decodeImage } from '../main/dicom/pixels/decode';
import { parseManifest } from '../main/inference/manifest';
import { prepareInput } from '../main/inference/preprocess';
import { loadModel } from '../main/inference/session-loader';
import { percentile, printTable } from './report';

const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 20;
const MODEL = '../shared/models/se-mobilenetv2-cxr3/model.onnx';
const manifest = parseManifest(JSON.parse(fs.readFileSync('tests/inference/fixtures/se-mobilenetv2-cxr3.manifest.json', 'utf8')), 'fixture');

const smi = spawnSync('nvidia-smi', ['--query-gpu=name,memory.total', '--format=csv,noheader'], { encoding: 'utf8' });
const gpu = smi.status === 0 ? smi.stdout.trim() : null;
let cuda;
try {
  cuda = await loadModel(MODEL, manifest, ['cuda'], 1);
} catch (error) {
  process.stdout.write(`no GPU available: ${gpu ? `${gpu} present, but ` : 'nvidia-smi found no GPU; '}${(error as Error).message}\n`);
  process.exit(0);
}
process.stdout.write(`GPU: ${gpu ?? 'unknown (nvidia-smi missing)'}; CUDA session loaded in ${cuda.loadMs.toFixed(0)} ms\n`);
const cpu = await loadModel(MODEL, manifest, ['cpu'], 2);
const input = prepareInput(await decodeImage(fs.readFileSync('../shared/data/cxr-dicom/nih-cxr14-00000001_000.dcm')), manifest);
const rows: string[][] = [];
for (const [name, loaded] of [['cuda', cuda], ['cpu', cpu]] as const) {
  const feeds = { input: new ort.Tensor('float32', input.tensor, input.dims) };
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    await loaded.session.run(feeds);
    if (run > 0) times.push(performance.now() - started);
  }
  rows.push([name, percentile(times, 50).toFixed(2), percentile(times, 95).toFixed(2)]);
  await loaded.session.release();
}
printTable(`SE-MobileNetV2 1×3×224², ${RUNS} runs, ms`, ['provider', 'median', 'p95'], rows);
