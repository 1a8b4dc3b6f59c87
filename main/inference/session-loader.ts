// Creates an onnxruntime session for an installed model, trying the execution providers in order.
import * as ort from 'onnxruntime-node';
import type { ModelManifest } from './manifest';
import { describeFailure, isEnvironmentalFailure, unavailableReason, type Provider, type SkippedProvider } from './providers';

export interface LoadedModel {
  session: ort.InferenceSession;
  provider: Provider;
  skipped: SkippedProvider[];
  loadMs: number;
}

export class ModelLoadError extends Error {}

/** Provider failures that hold for the whole process (missing libraries, no adapter): tried once, not per model. */
const knownMissing = new Map<Provider, string>();

export async function loadModel(
  modelFile: string,
  manifest: ModelManifest,
  order: readonly Provider[],
  intraOpNumThreads: number,
): Promise<LoadedModel> {
  const started = performance.now();
  const skipped: SkippedProvider[] = [];
  for (const provider of order) {
    const unavailable = unavailableReason(provider) ?? knownMissing.get(provider);
    if (unavailable) {
      skipped.push({ provider, reason: unavailable });
      continue;
    }
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(modelFile, {
        executionProviders: [provider],
        intraOpNumThreads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const reason = describeFailure(provider, message);
      if (isEnvironmentalFailure(message)) knownMissing.set(provider, reason);
      skipped.push({ provider, reason });
      continue;
    }
    checkSignature(session, manifest);
    return { session, provider, skipped, loadMs: performance.now() - started };
  }
  const tried = skipped.map((s) => `${s.provider}: ${s.reason}`).join('; ');
  throw new ModelLoadError(`model ${manifest.id} ${manifest.version} could not be loaded with any execution provider (${tried})`);
}

/** The manifest and the network must agree on names, or every run would fail later with a vaguer error. */
function checkSignature(session: ort.InferenceSession, manifest: ModelManifest): void {
  const problems: string[] = [];
  if (!session.inputNames.includes(manifest.input.name)) {
    problems.push(`input "${manifest.input.name}" not in the network (it has ${session.inputNames.join(', ')})`);
  }
  const { scores, boxes, heatmap } = manifest.outputs;
  for (const name of [scores.name, boxes?.name, heatmap?.name]) {
    if (name && !session.outputNames.includes(name)) {
      problems.push(`output "${name}" not in the network (it has ${session.outputNames.join(', ')})`);
    }
  }
  if (problems.length > 0) {
    void session.release();
    throw new ModelLoadError(`model ${manifest.id} ${manifest.version}: ${problems.join('; ')}`);
  }
}
