import { ImportLog } from '../dicom/import-log';
import { runImport } from '../dicom/importer';
import { dataDirAt } from '../store/data-dir';
import { openDatabase } from '../store/database';
import { UsageError, type CliContext } from './main';

export async function importCommand({ dataRoot, json, positionals }: CliContext): Promise<number> {
  if (positionals.length === 0) throw new UsageError('import needs at least one file, folder, DICOMDIR or ZIP path');
  const dataDir = dataDirAt(dataRoot);
  const db = openDatabase(dataDir.database);
  try {
    const log = new ImportLog(db);
    log.markInterrupted();
    const importId = log.create(positionals);
    let cancelled = false;
    const onSignal = () => {
      cancelled = true;
    };
    process.once('SIGINT', onSignal);
    const progressLine = (p: { seen: number; imported: number; duplicates: number; rejected: number }) =>
      `seen ${p.seen}, imported ${p.imported}, duplicates ${p.duplicates}, rejected ${p.rejected}`;
    const result = await runImport(db, dataDir, importId, positionals, {
      isCancelled: () => cancelled,
      onProgress: (p) => process.stderr.write(`\rimporting: ${progressLine(p)}   `),
    });
    process.off('SIGINT', onSignal);
    process.stderr.write(`\r${result.state}: ${progressLine(result)}   \n`);
    const rejected = log.rejections(importId, 0, Number.MAX_SAFE_INTEGER).rows;
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ imported: result.imported, duplicates: result.duplicates, rejected, state: result.state, dataDir: dataDir.root })}\n`,
      );
    } else {
      for (const { path, reason } of rejected) process.stdout.write(`rejected ${path}: ${reason}\n`);
    }
    if (result.state === 'failed') {
      process.stderr.write(`import failed: ${result.error}\n`);
      return 1;
    }
    return result.state === 'cancelled' ? 130 : 0;
  } finally {
    db.close();
  }
}
