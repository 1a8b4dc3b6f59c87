// One import in its own process, so that its peak memory is its own. Prints one JSON line.
import { ImportLog } from '../main/dicom/import-log';
import { runImport } from '../main/dicom/importer';
import { dataDirAt } from '../main/store/data-dir';
import { openDatabase } from '../main/store/database';

const [corpus, dataRoot] = process.argv.slice(2) as [string, string];
const dataDir = dataDirAt(dataRoot);
const db = openDatabase(dataDir.database);
const importId = new ImportLog(db).create([corpus]);
const started = performance.now();
const result = await runImport(db, dataDir, importId, [corpus]);
const seconds = (performance.now() - started) / 1000;
db.close();
process.stdout.write(
  `${JSON.stringify({ files: result.seen, imported: result.imported, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
