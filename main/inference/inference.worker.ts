// Worker thread: owns the onnxruntime sessions (session.run blocks the thread it runs on) and analyses one image at
// a time. It is never terminated mid-run — that aborts the whole process — so it exits only when asked, between runs.
import { parentPort, workerData } from 'node:worker_threads';
import { UnsuitableImage } from '../dicom/pixels/decode';
import { workerInput } from '../node/worker-host';
import { analyzeImage } from './analyze-image';
import type { InferenceReply, InferenceRequest, InferenceWorkerInput } from './engine';
import { loadModel, ModelLoadError, type LoadedModel } from './session-loader';
import { readStoredInstance } from '../dicom/instance-store';

const { intraOpNumThreads } = workerInput<InferenceWorkerInput>(workerData);
const port = parentPort!;
const sessions = new Map<string, Promise<LoadedModel>>();

async function run(request: Extract<InferenceRequest, { type: 'run' }>): Promise<InferenceReply['outcome']> {
  const { model, file } = request;
  const key = `${model.ref}:${model.providers.join(',')}`;
  let loading = sessions.get(key);
  if (!loading) {
    loading = loadModel(model.modelFile, model.manifest, model.providers, intraOpNumThreads);
    sessions.set(key, loading);
  }
  let loaded: LoadedModel;
  try {
    loaded = await loading;
  } catch (error) {
    sessions.delete(key);
    const reason = error instanceof ModelLoadError ? error.message : `model ${model.manifest.id} failed to load: ${(error as Error).message}`;
    return { kind: 'model-broken', reason };
  }
  try {
    const analysis = await analyzeImage(loaded.session, model.manifest, await readStoredInstance(file));
    return { kind: 'analysed', analysis, provider: loaded.provider, skippedProviders: loaded.skipped };
  } catch (error) {
    if (error instanceof UnsuitableImage) return { kind: 'unsuitable', reason: error.message };
    return { kind: 'failed', reason: `${file.file}@${file.offset}: ${(error as Error).message}` };
  }
}

port.on('message', async (request: InferenceRequest) => {
  if (request.type === 'close') {
    for (const loading of sessions.values()) await loading.then((l) => l.session.release(), () => undefined);
    port.close();
    return;
  }
  port.postMessage({ type: 'done', jobId: request.jobId, outcome: await run(request) } satisfies InferenceReply);
});
