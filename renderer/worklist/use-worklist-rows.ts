import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WorklistQuery } from '../../preload/contract';
import { lantern } from '../shared/api';
import { PAGE_SIZE, WorklistPageCache } from './page-cache';

export type WorklistView = Omit<WorklistQuery, 'offset' | 'limit'>;

const noSubscription = () => () => undefined;
/** While an import runs, its new studies appear this often (the end of an import always refreshes). */
const LIVE_IMPORT_REFRESH_MS = 2000;

/**
 * The page cache for a query. While a new query's first page is on its way the previous rows stay on screen,
 * so typing in the search box never flashes an empty list.
 */
export function useWorklistRows(view: WorklistView): WorklistPageCache | null {
  const key = JSON.stringify(view);
  const [shown, setShown] = useState<WorklistPageCache | null>(null);

  useEffect(() => {
    const query = JSON.parse(key) as WorklistView;
    const cache = new WorklistPageCache((offset, limit) => lantern.worklist.query({ ...query, offset, limit }));
    const unsubscribe = cache.subscribe(() => setShown(cache));
    cache.show(0, PAGE_SIZE - 1);
    const stopChanges = lantern.on('worklist.changed', () => cache.invalidate());
    let lastRefresh = Date.now();
    let lastImported = 0;
    const stopProgress = lantern.on('import.progress', (progress) => {
      if (progress.state !== 'running' || progress.imported === lastImported) return;
      if (Date.now() - lastRefresh < LIVE_IMPORT_REFRESH_MS) return;
      lastRefresh = Date.now();
      lastImported = progress.imported;
      cache.invalidate();
    });
    return () => {
      unsubscribe();
      stopChanges();
      stopProgress();
      cache.dispose();
    };
  }, [key]);

  useSyncExternalStore(shown?.subscribe ?? noSubscription, () => shown?.version ?? -1);
  return shown;
}
