// Model outputs → findings, as the manifest declares them: activation for logits, per-label operating points,
// and for detection models box decoding, per-label non-maximum suppression and mapping back to image pixels.
import type { AiFinding } from '../../preload/contract';
import type { ModelManifest } from './manifest';
import type { InputToImage } from './preprocess';

export type Finding = AiFinding;

export interface OutputTensor {
  data: Float32Array;
  dims: readonly number[];
}

export interface Heatmap {
  width: number;
  height: number;
  data: Float32Array;
  /** The image pixels the plane covers, [x0, y0, x1, y1]: the model input mapped back through the preprocessing. */
  region: [number, number, number, number];
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function softmax(values: Float32Array): Float32Array {
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
}

function output(outputs: Record<string, OutputTensor>, name: string, modelId: string): OutputTensor {
  const tensor = outputs[name];
  if (!tensor) throw new Error(`model ${modelId} has no output "${name}" (it has: ${Object.keys(outputs).join(', ')})`);
  return tensor;
}

function classify(manifest: ModelManifest, outputs: Record<string, OutputTensor>): Finding[] {
  const { data } = output(outputs, manifest.outputs.scores.name, manifest.id);
  if (data.length !== manifest.labels.length) {
    throw new Error(`model ${manifest.id} output "${manifest.outputs.scores.name}" has ${data.length} values for ${manifest.labels.length} labels`);
  }
  const logits = manifest.outputs.scores.kind === 'logits';
  const scores = !logits ? data : manifest.task === 'multi-class-classification' ? softmax(data) : data.map(sigmoid);
  return manifest.labels.map((label, i) => ({ label: label.name, score: scores[i]!, positive: scores[i]! >= label.threshold }));
}

type Box = [number, number, number, number];

function iou(a: Box, b: Box): number {
  const w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = w * h;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

function detect(manifest: ModelManifest, outputs: Record<string, OutputTensor>, toImage: InputToImage): Finding[] {
  const boxesSpec = manifest.outputs.boxes!;
  const boxes = output(outputs, boxesSpec.name, manifest.id).data;
  const scores = output(outputs, manifest.outputs.scores.name, manifest.id).data;
  const labelCount = manifest.labels.length;
  const count = boxes.length / 4;
  if (!Number.isInteger(count) || scores.length !== count * labelCount) {
    throw new Error(`model ${manifest.id}: ${boxes.length / 4} boxes but ${scores.length} scores for ${labelCount} labels`);
  }
  const activate = manifest.outputs.scores.kind === 'logits' ? sigmoid : (x: number) => x;
  const candidates: { label: number; score: number; box: Box }[] = [];
  for (let n = 0; n < count; n++) {
    let [a, b, c, d] = [boxes[4 * n]!, boxes[4 * n + 1]!, boxes[4 * n + 2]!, boxes[4 * n + 3]!];
    if (boxesSpec.normalized) [a, b, c, d] = [a * manifest.input.width, b * manifest.input.height, c * manifest.input.width, d * manifest.input.height];
    const inInput: Box =
      boxesSpec.format === 'xyxy' ? [a, b, c, d] : boxesSpec.format === 'xywh' ? [a, b, a + c, b + d] : [a - c / 2, b - d / 2, a + c / 2, b + d / 2];
    const box: Box = [
      inInput[0] * toImage.scaleX + toImage.offsetX,
      inInput[1] * toImage.scaleY + toImage.offsetY,
      inInput[2] * toImage.scaleX + toImage.offsetX,
      inInput[3] * toImage.scaleY + toImage.offsetY,
    ];
    for (let l = 0; l < labelCount; l++) {
      const score = activate(scores[n * labelCount + l]!);
      if (score >= manifest.labels[l]!.threshold) candidates.push({ label: l, score, box });
    }
  }
  candidates.sort((x, y) => y.score - x.score);
  const { iouThreshold, maxDetections } = manifest.outputs.nms ?? { iouThreshold: 1, maxDetections: 100 };
  const kept: typeof candidates = [];
  for (const candidate of candidates) {
    if (kept.length >= maxDetections) break;
    const suppressed = kept.some((k) => k.label === candidate.label && iou(k.box, candidate.box) > iouThreshold);
    if (!suppressed) kept.push(candidate);
  }
  return kept.map((k) => ({ label: manifest.labels[k.label]!.name, score: k.score, positive: true, box: k.box }));
}

export function readFindings(manifest: ModelManifest, outputs: Record<string, OutputTensor>, toImage: InputToImage): Finding[] {
  return manifest.task === 'detection' ? detect(manifest, outputs, toImage) : classify(manifest, outputs);
}

/** The declared heatmap output as a single plane (the last two dimensions), spread over the whole model input. */
export function readHeatmap(manifest: ModelManifest, outputs: Record<string, OutputTensor>, toImage: InputToImage): Heatmap | null {
  if (!manifest.outputs.heatmap) return null;
  const { data, dims } = output(outputs, manifest.outputs.heatmap.name, manifest.id);
  const height = dims.at(-2) ?? 1;
  const width = dims.at(-1) ?? data.length;
  const region: Heatmap['region'] = [
    toImage.offsetX,
    toImage.offsetY,
    manifest.input.width * toImage.scaleX + toImage.offsetX,
    manifest.input.height * toImage.scaleY + toImage.offsetY,
  ];
  return { width, height, data: data.slice(0, width * height), region };
}
