// The app shell: a slim top bar, the worklist as the home view, and the viewer for the open study.
import { useCallback, useState } from 'react';
import type { WorklistRow } from '../../preload/contract';
import { ImportDialog } from '../import/ImportDialog';
import { useImports } from '../import/use-imports';
import { SettingsDialog } from '../settings/SettingsDialog';
import { Worklist } from '../worklist/Worklist';
import { TopBar } from './TopBar';
import { ViewerFrame } from './ViewerFrame';
import './app.css';

export function App() {
  const [openStudy, setOpenStudy] = useState<WorklistRow | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  /** The import whose ending the user has already seen (in the dialog), so the top bar stops announcing it. */
  const [acknowledgedImport, setAcknowledgedImport] = useState<number | null>(null);
  const imports = useImports();

  const showImport = useCallback(() => setImportOpen(true), []);
  const closeImport = useCallback(() => {
    setImportOpen(false);
    if (imports.current && imports.current.state !== 'running') setAcknowledgedImport(imports.current.importId);
  }, [imports.current]);
  const closeStudy = useCallback(() => setOpenStudy(null), []);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);

  return (
    <div className="app">
      <TopBar
        openStudy={openStudy}
        importProgress={imports.current}
        importAcknowledged={importOpen || acknowledgedImport === imports.current?.importId}
        onImport={showImport}
        onSettings={() => setSettingsOpen(true)}
      />
      <main className="app-main">
        <Worklist active={openStudy === null} onOpen={setOpenStudy} onImport={showImport} />
        {openStudy && <ViewerFrame key={openStudy.studyInstanceUid} studyInstanceUid={openStudy.studyInstanceUid} onClose={closeStudy} />}
      </main>
      {importOpen && <ImportDialog imports={imports} onClose={closeImport} />}
      {settingsOpen && <SettingsDialog onClose={closeSettings} />}
    </div>
  );
}
