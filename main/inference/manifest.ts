// The model package format: a directory with manifest.json and model.onnx. A model is data, not code: everything
// the engine needs to feed it and read it back is declared here, so no model gets a code path of its own.
import { z } from 'zod';
import { VINDR_LABELS } from './vindr-taxonomy';

export const MANIFEST_FILE = 'manifest.json';
export const MODEL_FILE = 'model.onnx';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits (sha256 of model.onnx)');
const Probability = z.number().min(0).max(1);

const Label = z
  .object({
    name: z.string().min(1).max(100),
    /** Operating point: a score at or above it makes the finding positive. */
    threshold: Probability,
    /** False for labels that are not findings ("Normal", "No finding"): never the study's top finding. */
    finding: z.boolean().default(true),
    vindr: z
      .string()
      .refine((value) => VINDR_LABELS.includes(value), { message: 'is not a VinDr-CXR label name' })
      .optional(),
  })
  .strict();

const Windowing = z.discriminatedUnion('method', [
  z.object({ method: z.literal('voi') }).strict(),
  z.object({ method: z.literal('minmax') }).strict(),
  z.object({ method: z.literal('bit-depth') }).strict(),
  z
    .object({ method: z.literal('percentile'), low: z.number().min(0).max(100), high: z.number().min(0).max(100) })
    .strict()
    .refine((w) => w.low < w.high, { message: 'low must be below high', path: ['low'] }),
]);

const Size = z.number().int().min(1).max(8192);
const Step = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('resize'),
      width: Size,
      height: Size,
      method: z.enum(['nearest', 'bilinear', 'area']),
      /** Scale to fit inside width×height keeping the aspect ratio, centred, the rest filled with `padValue`. */
      keepAspect: z.boolean().default(false),
      padValue: z.number().min(0).max(1).default(0),
    })
    .strict(),
  z.object({ op: z.literal('crop'), x: z.number().int().min(0), y: z.number().int().min(0), width: Size, height: Size }).strict(),
  /** The largest centred square (what TorchXRayVision's XRayCenterCrop does). */
  z.object({ op: z.literal('center-square') }).strict(),
]);

const Input = z
  .object({
    name: z.string().min(1),
    layout: z.enum(['NCHW', 'NHWC']),
    channels: z.union([z.literal(1), z.literal(3)]),
    width: Size,
    height: Size,
    dtype: z.literal('float32'),
  })
  .strict();

const Preprocessing = z
  .object({
    windowing: Windowing,
    /** MONOCHROME1 images are inverted so bright means dense, unless the model was trained on them raw. */
    monochrome1: z.enum(['invert', 'keep']).default('invert'),
    /** Geometry steps, in order; the last must produce the input's width×height. */
    steps: z.array(Step).max(16),
    /** tensor = (level × scale − mean[c]) / std[c], level in [0, 1]. */
    normalization: z
      .object({
        scale: z.number().positive(),
        mean: z.array(z.number()).min(1).max(3),
        std: z.array(z.number().positive()).min(1).max(3),
      })
      .strict(),
  })
  .strict();

const Outputs = z
  .object({
    scores: z.object({ name: z.string().min(1), kind: z.enum(['probabilities', 'logits']) }).strict(),
    /** Detection only: [1, N, 4] boxes in model-input pixels (or 0–1 when normalized). Scores are then [1, N, labels]. */
    boxes: z
      .object({
        name: z.string().min(1),
        format: z.enum(['xyxy', 'xywh', 'cxcywh']),
        normalized: z.boolean().default(false),
      })
      .strict()
      .optional(),
    nms: z
      .object({ iouThreshold: Probability, maxDetections: z.number().int().min(1).max(1000).default(100) })
      .strict()
      .optional(),
    heatmap: z.object({ name: z.string().min(1) }).strict().optional(),
  })
  .strict();

export const ModelManifest = z
  .object({
    schemaVersion: z.literal(1),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be lowercase letters, digits, ".", "_" or "-" (max 64)'),
    name: z.string().min(1).max(200),
    version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, 'must be a semantic version like 1.2.0'),
    licence: z.string().min(1).max(200),
    intendedUse: z.string().min(1).max(2000),
    task: z.enum(['multi-label-classification', 'multi-class-classification', 'detection']),
    labels: z.array(Label).min(1).max(1000),
    input: Input,
    preprocessing: Preprocessing,
    outputs: Outputs,
    applicability: z
      .object({
        modalities: z.array(z.string().regex(/^[A-Z]{2,4}$/)).min(1),
        /** View Position (0018,5101) values accepted; an image without one is accepted too. Empty: any view. */
        views: z.array(z.string().regex(/^[A-Z]{1,8}$/)).default([]),
      })
      .strict(),
    sha256: Sha256,
  })
  .strict()
  .superRefine((m, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const { mean, std } = m.preprocessing.normalization;
    for (const [key, values] of [['mean', mean], ['std', std]] as const) {
      if (values.length !== 1 && values.length !== m.input.channels) {
        issue(['preprocessing', 'normalization', key], `needs 1 or ${m.input.channels} values (one per input channel)`);
      }
    }
    const last = [...m.preprocessing.steps].reverse().find((s) => s.op === 'resize');
    if (!last || last.width !== m.input.width || last.height !== m.input.height) {
      issue(['preprocessing', 'steps'], `must end in a resize to the input size ${m.input.width}×${m.input.height}`);
    } else if (m.preprocessing.steps.at(-1)!.op !== 'resize') {
      issue(['preprocessing', 'steps'], 'the last step must be the resize to the input size');
    }
    if (m.task === 'detection' && !m.outputs.boxes) issue(['outputs', 'boxes'], 'is required for a detection model');
    if (m.task !== 'detection' && m.outputs.boxes) issue(['outputs', 'boxes'], 'is only for detection models');
    const names = new Set<string>();
    m.labels.forEach((label, i) => {
      if (names.has(label.name)) issue(['labels', i, 'name'], `"${label.name}" appears twice`);
      names.add(label.name);
    });
  });
export type ModelManifest = z.output<typeof ModelManifest>;

export class ManifestError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    where: string,
  ) {
    super(`${where}: ${field}: ${reason}`);
    this.name = 'ManifestError';
  }
}

/** Validates parsed manifest JSON; the error names the first offending field and why. */
export function parseManifest(json: unknown, where: string): ModelManifest {
  const result = ModelManifest.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') : 'manifest';
  throw new ManifestError(field, issue.message, where);
}
