// Reading a study's stored AI results the way the panel presents them: one block per model, its newest version
// first, each version's newest run per image, earlier versions kept as history (never overwritten).
import type { AiFinding, AiModelSummary, AiResult, AiSkippedImage } from '../../preload/contract';

export interface ModelRun {
  modelId: string;
  modelVersion: string;
  /** The installed model's card; null when that version has since been removed from this workstation. */
  model: AiModelSummary | null;
  /** Newest result per analyzed image, in the order the images were analyzed. */
  images: AiResult[];
  skipped: AiSkippedImage[];
  /** When the newest of these results was stored. */
  createdAt: string;
}

export interface ModelResults {
  modelId: string;
  latest: ModelRun;
  /** Results of this model's earlier versions, newest first. */
  earlier: ModelRun[];
}

const runKey = (modelId: string, version: string) => `${modelId}@${version}`;

/** `results` and `skipped` arrive newest first, as the store returns them. */
export function groupByModel(results: AiResult[], skipped: AiSkippedImage[], models: AiModelSummary[]): ModelResults[] {
  const cards = new Map(models.map((model) => [runKey(model.modelId, model.version), model]));
  const runs = new Map<string, ModelRun>();
  for (const result of results) {
    const key = runKey(result.modelId, result.modelVersion);
    let run = runs.get(key);
    if (!run) {
      run = { modelId: result.modelId, modelVersion: result.modelVersion, model: cards.get(key) ?? null, images: [], skipped: [], createdAt: result.createdAt };
      runs.set(key, run);
    }
    // A re-analysis with the same version stores new rows; the newest one per image is the one to read.
    if (!run.images.some((image) => image.sopInstanceUid === result.sopInstanceUid)) run.images.push(result);
  }
  for (const skip of skipped) {
    const run = runs.get(runKey(skip.modelId, skip.modelVersion));
    if (run && !run.skipped.some((s) => s.sopInstanceUid === skip.sopInstanceUid)) run.skipped.push(skip);
  }
  for (const run of runs.values()) run.images.reverse();

  const byModel = new Map<string, ModelRun[]>();
  for (const run of runs.values()) byModel.set(run.modelId, [...(byModel.get(run.modelId) ?? []), run]);
  return [...byModel.entries()].map(([modelId, modelRuns]) => {
    const [latest, ...earlier] = modelRuns;
    return { modelId, latest: latest!, earlier };
  });
}

/** Images the models skipped, by model version, where no result exists for that version at all. */
export function unmatchedSkips(skipped: AiSkippedImage[], groups: ModelResults[]): AiSkippedImage[] {
  const withResults = new Set(groups.flatMap((group) => [group.latest, ...group.earlier]).map((run) => runKey(run.modelId, run.modelVersion)));
  const seen = new Set<string>();
  return skipped.filter((skip) => {
    const key = `${runKey(skip.modelId, skip.modelVersion)}|${skip.sopInstanceUid}`;
    if (withResults.has(runKey(skip.modelId, skip.modelVersion)) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How much a finding asks for attention: a positive finding, then a positive "no finding" label, then the rest. */
const rank = (finding: AiFinding, normalLabels: ReadonlySet<string>) => (finding.positive ? (normalLabels.has(finding.label) ? 1 : 2) : 0);

/** Most attention first, then by score. Boxes of one label stay separate findings. */
export function sortFindings(findings: AiFinding[], normalLabels: ReadonlySet<string>): AiFinding[] {
  return [...findings].sort((a, b) => rank(b, normalLabels) - rank(a, normalLabels) || b.score - a.score);
}

/** Positive findings, labels that say "no finding" left out, highest score first. */
export function positiveFindings(findings: AiFinding[], normalLabels: ReadonlySet<string>): AiFinding[] {
  return findings.filter((finding) => finding.positive && !normalLabels.has(finding.label)).sort((a, b) => b.score - a.score);
}

/** One line a reader takes in first: the positive findings, or that there are none. */
export function verdict(findings: AiFinding[], normalLabels: ReadonlySet<string>): { positive: boolean; text: string } {
  const positives = positiveFindings(findings, normalLabels);
  if (positives.length > 0) {
    return { positive: true, text: `Positive: ${positives.map((finding) => `${finding.label} ${percent(finding.score)}`).join(', ')}` };
  }
  const normal = sortFindings(findings, normalLabels).find((finding) => finding.positive);
  return { positive: false, text: `No finding above its operating point${normal ? ` (${normal.label} ${percent(normal.score)})` : ''}` };
}

export const percent = (score: number) => `${(score * 100).toFixed(1)}%`;

export const milliseconds = (ms: number | null) => (ms === null ? '—' : ms < 1 ? '<1 ms' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

/** The last characters of a UID: enough to tell images of one study apart. */
export const uidTail = (uid: string) => (uid.length > 12 ? `…${uid.slice(-10)}` : uid);
