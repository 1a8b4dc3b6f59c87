// `lantern analyze [--study UID | --all] [--model ID] --json`: runs the installed models over stored studies in
// worker threads, stores the results, and prints one entry per (image, model). Progress goes to stderr.
//
// Output (--json): an array of
//   {studyInstanceUid, sopInstanceUid, modelId, modelVersion, modelSha256, executionProvider, skippedProviders,
//    durationMs, timings: {decodeMs, preprocessMs, inferMs, storeMs}, findings: [{label, score, positive, box?}]}
// and, for images that were not analysed,
//   {studyInstanceUid, sopInstanceUid, modelId, modelVersion, skipped: "<why the image does not fit>"}  or
//   {studyInstanceUid, sopInstanceUid, modelId, modelVersion, error: "<why the model or the run failed>"}.
import { readAiSettings } from '../inference/ai-settings';
import { InferenceEngine } from '../inference/engine';
import { ModelRegistry } from '../inference/model-registry';
import { ResultsStore } from '../inference/results-store';
import { analyzeStudy, type ImageEntry } from '../inference/study-analysis';
import { dataDirAt } from '../store/data-dir';
import { openDatabase } from '../store/database';
import { UsageError, type CliContext } from './main';

export async function analyzeCommand({ dataRoot, json, values }: CliContext): Promise<number> {
  const study = values.study as string | undefined;
  const all = values.all === true;
  const modelId = values.model as string | undefined;
  if (!study === !all) throw new UsageError('analyze needs exactly one of --study UID or --all');
  const dataDir = dataDirAt(dataRoot);
  const db = openDatabase(dataDir.database);
  const engine = new InferenceEngine();
  try {
    const registry = new ModelRegistry(db, dataDir.root);
    const results = new ResultsStore(db);
    const models = registry.runnable(modelId);
    if (models.length === 0) {
      throw new Error(modelId ? `no ready model "${modelId}" is installed (see lantern models list)` : 'no ready model is installed (lantern models add <package-dir>)');
    }
    const studies = study
      ? [study]
      : (db.prepare('SELECT study_uid FROM studies ORDER BY study_date DESC, id').all() as { study_uid: string }[]).map((r) => r.study_uid);
    let cancelled = false;
    const onSignal = () => {
      cancelled = true;
    };
    process.once('SIGINT', onSignal);
    const context = { db, storeRoot: dataDir.store, registry, results, engine, providers: readAiSettings(db).providerOrder };
    const entries: ImageEntry[] = [];
    for (const [index, uid] of studies.entries()) {
      const ref = results.studyRef(uid);
      if (ref === null) throw new Error(`study ${uid} is not in the store at ${dataDir.root}`);
      results.setStatus(ref, 'running');
      const outcome = await analyzeStudy(context, uid, models, {
        isCancelled: () => cancelled,
        onImage: (done, total, entry) => {
          const what = 'findings' in entry ? `${entry.executionProvider}, ${entry.durationMs.toFixed(0)} ms` : 'skipped' in entry ? `skipped: ${entry.skipped}` : `error: ${entry.error}`;
          process.stderr.write(`study ${index + 1}/${studies.length}, image ${done}/${total} (${entry.modelId}): ${what}\n`);
        },
      });
      results.setStatus(ref, outcome.state, outcome.reason, outcome.top);
      entries.push(...outcome.entries);
      if (cancelled) break;
    }
    process.off('SIGINT', onSignal);
    if (json) process.stdout.write(`${JSON.stringify(entries)}\n`);
    else {
      for (const e of entries) {
        const detail =
          'findings' in e
            ? e.findings.filter((f) => f.positive).map((f) => `${f.label} ${f.score.toFixed(3)}`).join(', ') || 'nothing positive'
            : 'skipped' in e
              ? `skipped: ${e.skipped}`
              : `error: ${e.error}`;
        process.stdout.write(`${e.sopInstanceUid} ${e.modelId} ${e.modelVersion}: ${detail}\n`);
      }
    }
    if (cancelled) return 130;
    return entries.some((e) => 'error' in e) ? 1 : 0;
  } finally {
    await engine.close();
    db.close();
  }
}
