// `lantern models add <package-dir>` and `lantern models list [--json]`.
import { modelSummary } from '../inference/ai-service';
import { ModelRegistry } from '../inference/model-registry';
import { dataDirAt } from '../store/data-dir';
import { openDatabase } from '../store/database';
import { UsageError, type CliContext } from './main';

export async function modelsCommand({ dataRoot, json, positionals }: CliContext): Promise<number> {
  const [action, ...paths] = positionals;
  if (action !== 'add' && action !== 'list') throw new UsageError('models needs "add <package-dir>…" or "list"');
  if (action === 'add' && paths.length === 0) throw new UsageError('models add needs at least one package directory');
  const dataDir = dataDirAt(dataRoot);
  const db = openDatabase(dataDir.database);
  try {
    const registry = new ModelRegistry(db, dataDir.root);
    if (action === 'list') {
      const models = registry.list().map(modelSummary);
      if (json) process.stdout.write(`${JSON.stringify(models)}\n`);
      else {
        for (const m of models) {
          const state = m.state === 'broken' ? `BROKEN: ${m.brokenReason}` : m.latest ? 'ready' : 'ready (older version)';
          process.stdout.write(`${m.modelId.padEnd(28)} ${m.version.padEnd(10)} ${m.task.padEnd(28)} ${state}\n`);
        }
        process.stdout.write(`${models.length} models\n`);
      }
      return 0;
    }
    let failed = 0;
    const installed = [];
    for (const directory of paths) {
      try {
        const model = modelSummary(registry.install(directory));
        installed.push(model);
        process.stderr.write(`installed ${model.modelId} ${model.version} (sha256 ${model.sha256.slice(0, 12)}…)\n`);
      } catch (error) {
        failed++;
        process.stderr.write(`refused ${directory}: ${(error as Error).message}\n`);
      }
    }
    if (json) process.stdout.write(`${JSON.stringify(installed)}\n`);
    return failed > 0 ? 1 : 0;
  } finally {
    db.close();
  }
}
