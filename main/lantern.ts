// Composition root: the services every host (Electron, the browser host, the CLI, tests) drives.
import { ImportLog } from './dicom/import-log';
import { ImportService } from './dicom/import-service';
import { AiService } from './inference/ai-service';
import { LanternEvents } from './node/events';
import { dataDirAt, type DataDir } from './store/data-dir';
import { openDatabase, type Db } from './store/database';
import { Worklist } from './worklist/worklist';

export interface Lantern {
  ai: AiService;
  dataDir: DataDir;
  db: Db;
  events: LanternEvents;
  importLog: ImportLog;
  imports: ImportService;
  worklist: Worklist;
  close(): Promise<void>;
}

export function openLantern(dataRoot: string): Lantern {
  const dataDir = dataDirAt(dataRoot);
  const db = openDatabase(dataDir.database);
  const events = new LanternEvents();
  const importLog = new ImportLog(db);
  importLog.markInterrupted();
  const imports = new ImportService(dataDir, importLog, events);
  const ai = new AiService(db, dataDir, events);
  ai.results.markInterrupted();
  return {
    ai,
    dataDir,
    db,
    events,
    importLog,
    imports,
    worklist: new Worklist(db),
    async close() {
      await imports.stopAll();
      await ai.close();
      db.close();
    },
  };
}
