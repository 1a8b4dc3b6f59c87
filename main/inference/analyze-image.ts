// One image through one model: applicability, decode, preprocess, run, read findings — timing each stage.
import * as ort from 'onnxruntime-node';
import { decodeParsedImage, parseImageFile, UnsuitableImage, type ImageAttributes } from '../dicom/pixels/decode';
import type { ModelManifest } from './manifest';
import { readFindings, readHeatmap, type Finding, type Heatmap, type OutputTensor } from './postprocess';
import { prepareInput } from './preprocess';

export interface StageTimings {
  decodeMs: number;
  preprocessMs: number;
  inferMs: number;
}

export interface ImageAnalysis {
  sopInstanceUid: string;
  findings: Finding[];
  heatmap: Heatmap | null;
  windowing: string;
  timings: StageTimings;
}

/** Why this image does not fit this model; null when it does. */
export function inapplicableReason(a: ImageAttributes, manifest: ModelManifest): string | null {
  const { modalities, views } = manifest.applicability;
  if (!modalities.includes(a.modality)) {
    return `modality "${a.modality || 'none'}" is not one this model reads (${modalities.join(', ')})`;
  }
  if (views.length > 0 && a.viewPosition && !views.includes(a.viewPosition)) {
    return `view position "${a.viewPosition}" is not one this model reads (${views.join(', ')})`;
  }
  return null;
}

export async function analyzeImage(session: ort.InferenceSession, manifest: ModelManifest, bytes: Uint8Array): Promise<ImageAnalysis> {
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const elapsed = now - mark;
    mark = now;
    return elapsed;
  };
  const parsed = parseImageFile(bytes);
  const reason = inapplicableReason(parsed.attributes, manifest);
  if (reason) throw new UnsuitableImage(reason);
  const decoded = await decodeParsedImage(parsed);
  const decodeMs = lap();
  const prepared = prepareInput(decoded, manifest);
  const feeds = { [manifest.input.name]: new ort.Tensor('float32', prepared.tensor, prepared.dims) };
  const preprocessMs = lap();
  const raw = await session.run(feeds);
  const outputs: Record<string, OutputTensor> = {};
  for (const [name, tensor] of Object.entries(raw)) {
    const data = tensor.data instanceof Float32Array ? tensor.data : Float32Array.from(tensor.data as ArrayLike<number>);
    outputs[name] = { data, dims: tensor.dims };
  }
  const findings = readFindings(manifest, outputs, prepared.toImage);
  const heatmap = readHeatmap(manifest, outputs, prepared.toImage);
  // Reading the outputs is part of the model's cost, so it is counted with the run.
  const inferMs = lap();
  return {
    sopInstanceUid: parsed.attributes.sopInstanceUid,
    findings,
    heatmap,
    windowing: prepared.windowing,
    timings: { decodeMs, preprocessMs, inferMs },
  };
}
