// The import the UI is following: started here, or found running when the window opened.
import { useCallback, useEffect, useState } from 'react';
import { startedImport, type ImportProgress } from '../../preload/contract';
import { lantern, useLanternEvent } from '../shared/api';

export interface ImportsState {
  /** The latest import: running, or the last one to finish. Null before any import in this window. */
  current: ImportProgress | null;
  start(paths: string[]): Promise<void>;
  cancel(): Promise<void>;
}

export function useImports(): ImportsState {
  const [current, setCurrent] = useState<ImportProgress | null>(null);

  useLanternEvent('import.progress', (progress) =>
    setCurrent((previous) => (previous && previous.importId > progress.importId ? previous : progress)),
  );

  useEffect(() => {
    let live = true;
    void lantern.imports.list(1).then(([latest]) => {
      if (live && latest?.state === 'running') setCurrent((previous) => previous ?? latest);
    });
    return () => {
      live = false;
    };
  }, []);

  const start = useCallback(async (paths: string[]) => {
    const { importId } = await lantern.imports.start(paths);
    // Progress events may already have arrived for it; never overwrite them with zeros.
    setCurrent((previous) => (previous?.importId === importId ? previous : startedImport(importId)));
  }, []);

  const cancel = useCallback(async () => {
    if (current?.state === 'running') await lantern.imports.cancel(current.importId);
  }, [current]);

  return { current, start, cancel };
}
