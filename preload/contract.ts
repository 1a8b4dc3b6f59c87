// The one IPC contract between the renderer and the main process.
// Channel names, request/response schemas and event payloads are all defined here; Electron's ipcMain glue,
// the browser test host and the renderer's API object are all derived from this file, so a channel cannot
// exist in one place and be missing in another.
import { z } from 'zod';

export const READ_STATUSES = ['unread', 'in_progress', 'final'] as const;
export const ReadStatus = z.enum(READ_STATUSES);
export type ReadStatus = z.infer<typeof ReadStatus>;

export const WORKLIST_COLUMNS = [
  'patientName',
  'patientId',
  'patientSex',
  'patientAge',
  'studyDate',
  'modalities',
  'description',
  'accession',
  'seriesCount',
  'instanceCount',
  'readStatus',
] as const;
export const WorklistColumn = z.enum(WORKLIST_COLUMNS);
export type WorklistColumn = z.infer<typeof WorklistColumn>;

const Uid = z.string().min(1).max(64);
/** DICOM DA as YYYYMMDD. */
const DicomDate = z.string().regex(/^\d{8}$/);

export const WorklistQuery = z.object({
  search: z.string().max(200).default(''),
  modalities: z.array(z.string().max(16)).max(32).default([]),
  dateFrom: DicomDate.nullable().default(null),
  dateTo: DicomDate.nullable().default(null),
  statuses: z.array(ReadStatus).default([]),
  /** Only studies whose latest AI second opinion has a positive finding. */
  aiPositive: z.boolean().default(false),
  sort: z
    .object({ column: WorklistColumn, direction: z.enum(['asc', 'desc']) })
    .default({ column: 'studyDate', direction: 'desc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type WorklistQuery = z.input<typeof WorklistQuery>;
export type WorklistQueryParsed = z.output<typeof WorklistQuery>;

export interface WorklistRow {
  studyInstanceUid: string;
  patientName: string;
  patientId: string;
  patientSex: string;
  patientAge: string;
  patientBirthDate: string;
  studyDate: string;
  studyTime: string;
  modalities: string[];
  description: string;
  accession: string;
  seriesCount: number;
  instanceCount: number;
  readStatus: ReadStatus;
  /** The study's AI second opinion: null until it is queued. */
  ai: { state: AiState; reason: string | null; topLabel: string | null; topScore: number | null } | null;
}

export interface WorklistPage {
  total: number;
  offset: number;
  rows: WorklistRow[];
}

export interface InstanceSummary {
  sopInstanceUid: string;
  instanceNumber: number | null;
  frames: number;
  rows: number | null;
  columns: number | null;
  transferSyntaxUid: string;
  photometricInterpretation: string;
}

export interface SeriesSummary {
  seriesInstanceUid: string;
  modality: string;
  seriesNumber: number | null;
  description: string;
  bodyPart: string;
  instances: InstanceSummary[];
}

export interface StudyDetail {
  study: WorklistRow & { referringPhysician: string; institution: string };
  series: SeriesSummary[];
}

export interface ImportRejection {
  path: string;
  reason: string;
}

export interface ImportProgress {
  importId: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  seen: number;
  imported: number;
  duplicates: number;
  rejected: number;
  currentPath: string | null;
  error: string | null;
}

/** An import that has just started: nothing seen yet. */
export const startedImport = (importId: number): ImportProgress => ({
  importId,
  state: 'running',
  seen: 0,
  imported: 0,
  duplicates: 0,
  rejected: 0,
  currentPath: null,
  error: null,
});

export interface ImportRecord extends ImportProgress {
  sources: string[];
  startedAt: string;
  finishedAt: string | null;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  /** Which host runs the renderer: the Electron shell or the browser host (Chromium without Electron). */
  host: 'electron' | 'browser';
  /** The browser host asks for CPU rendering (SwiftShader WebGL is slower than Cornerstone's CPU path). */
  preferCpuRendering: boolean;
  /** Whether `import.chooseSources` can show a native picker; otherwise the UI asks for a path. */
  nativeFilePicker: boolean;
}

/** AI second opinion (main/inference). Execution providers in onnxruntime-node's names. */
export const AI_PROVIDERS = ['cuda', 'dml', 'coreml', 'webgpu', 'cpu'] as const;
export type AiProvider = (typeof AI_PROVIDERS)[number];
export type AiState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface AiFinding {
  label: string;
  score: number;
  /** Score at or above the model's operating point for this label. */
  positive: boolean;
  /** Detection models only: [x0, y0, x1, y1] in pixels of the analysed image. */
  box?: [number, number, number, number];
}

export interface AiSkippedProvider {
  provider: AiProvider;
  reason: string;
}

/** A model's heatmap: one plane of raw values, row-major, spread over `region` of the analysed image. */
export interface AiHeatmap {
  width: number;
  height: number;
  values: number[];
  /** [x0, y0, x1, y1] in pixels of the analysed image (may reach past its edges where the input was padded). */
  region: [number, number, number, number];
}

export interface AiResult {
  sopInstanceUid: string;
  modelId: string;
  modelVersion: string;
  modelSha256: string;
  executionProvider: AiProvider;
  /** Preferred providers that were not used, and why. */
  skippedProviders: AiSkippedProvider[];
  /** The grey-level mapping applied (window, min-max, …), for the reader to judge the input. */
  windowing: string;
  findings: AiFinding[];
  heatmap: AiHeatmap | null;
  timings: { decodeMs: number; preprocessMs: number; inferMs: number; storeMs: number | null };
  createdAt: string;
}

export interface AiSkippedImage {
  sopInstanceUid: string;
  modelId: string;
  modelVersion: string;
  reason: string;
}

export interface AiStudyStatus {
  state: AiState;
  reason: string | null;
  /** Highest-scoring positive finding of the latest run (labels such as "Normal" excluded). */
  topFinding: { label: string; score: number; modelId: string } | null;
  updatedAt: string;
}

export interface AiStudyResults {
  studyInstanceUid: string;
  status: AiStudyStatus | null;
  /** Every run, newest first; a newer model version adds results and never replaces older ones. */
  results: AiResult[];
  skipped: AiSkippedImage[];
}

export interface AiModelSummary {
  modelId: string;
  version: string;
  name: string;
  licence: string;
  intendedUse: string;
  task: 'multi-label-classification' | 'multi-class-classification' | 'detection';
  labels: string[];
  /** Operating point per label: a score at or above it is reported as positive. */
  thresholds: Record<string, number>;
  /** Labels that say "no finding" (such as Normal): positive there is reassurance, not an alert. */
  normalLabels: string[];
  sha256: string;
  state: 'ready' | 'broken';
  brokenReason: string | null;
  installedAt: string;
  /** Newest installed version of its model id (the one that runs). */
  latest: boolean;
}

export const AiSettingsSchema = z
  .object({
    /** Tried in order; onnxruntime throws for an absent provider, so each is tried alone and the next taken. */
    providerOrder: z.array(z.enum(AI_PROVIDERS)).min(1).max(AI_PROVIDERS.length),
    /** Queue every newly imported study for analysis. */
    analyzeOnImport: z.boolean(),
  })
  .strict();
export type AiSettings = z.infer<typeof AiSettingsSchema>;

export interface AiProgress {
  studyInstanceUid: string;
  state: AiState;
  imagesDone: number;
  imagesTotal: number;
  reason: string | null;
  /** Studies still waiting after this one. */
  queueLength: number;
}

/**
 * Request channels: name → request schema. The response types live in `ResponseOf` below.
 * The `as const` object is the allowlist: anything not listed here is refused by the main process.
 */
export const requestSchemas = {
  'app.info': z.object({}).strict(),
  'worklist.query': WorklistQuery,
  'worklist.modalities': z.object({}).strict(),
  'study.get': z.object({ studyInstanceUid: Uid }).strict(),
  'import.chooseSources': z.object({ kind: z.enum(['folder', 'files']) }).strict(),
  'import.start': z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(1000) }).strict(),
  'import.cancel': z.object({ importId: z.number().int().positive() }).strict(),
  'import.list': z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(),
  'import.rejections': z
    .object({
      importId: z.number().int().positive(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    })
    .strict(),
  'ai.models.list': z.object({}).strict(),
  /** Installs a model package directory (manifest.json + model.onnx) from a path the main process can read. */
  'ai.models.install': z.object({ path: z.string().min(1).max(4096) }).strict(),
  'ai.results': z.object({ studyInstanceUid: Uid }).strict(),
  /** Queues a study (again: that is also "retry"); `priority` puts it first (the study on screen). */
  'ai.analyze': z.object({ studyInstanceUid: Uid, priority: z.boolean().default(false) }).strict(),
  'ai.analyzeUnread': z.object({}).strict(),
  'ai.cancel': z.object({ studyInstanceUid: Uid }).strict(),
  'ai.settings.get': z.object({}).strict(),
  'ai.settings.update': AiSettingsSchema.partial().strict(),
} as const;

export type Channel = keyof typeof requestSchemas;
export const CHANNELS = Object.keys(requestSchemas) as Channel[];

export interface ResponseOf {
  'app.info': AppInfo;
  'worklist.query': WorklistPage;
  'worklist.modalities': string[];
  'study.get': StudyDetail;
  'import.chooseSources': string[] | null;
  'import.start': { importId: number };
  'import.cancel': { cancelled: boolean };
  'import.list': ImportRecord[];
  'import.rejections': { total: number; rows: ImportRejection[] };
  'ai.models.list': AiModelSummary[];
  'ai.models.install': AiModelSummary;
  'ai.results': AiStudyResults;
  'ai.analyze': { queued: boolean };
  'ai.analyzeUnread': { queued: number };
  'ai.cancel': { cancelled: boolean };
  'ai.settings.get': AiSettings;
  'ai.settings.update': AiSettings;
}

export type RequestOf<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof requestSchemas)[C]>;

/** Events pushed from main to the renderer. */
export interface EventPayloads {
  'import.progress': ImportProgress;
  'worklist.changed': { reason: 'import' | 'status' };
  'ai.progress': AiProgress;
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES = ['import.progress', 'worklist.changed', 'ai.progress'] as const satisfies readonly EventName[];


/** Errors cross the boundary as data, never as thrown Electron errors (which lose their message). */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export { APP_ORIGIN, APP_SCHEME, instancePath, ipcChannelName } from './channels';
