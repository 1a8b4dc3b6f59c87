import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WorklistQuery } from '../../preload/contract';
import { lantern } from '../shared/api';
import { PAGE_SIZE, WorklistPageCache } from './page-cache';

export type WorklistView = Omit<WorklistQuery, 'offset' | 'limit'>;

const noSubscription = () => () => undefined;
/** While imports and AI analyses run, the rows they change refresh this often (an import's end refreshes at once). */
const LIVE_REFRESH_MS = 1500;

/** Keeps a cache current: at once when the store says the worklist changed, every so often while work runs. */
function refreshOnChanges(cache: WorklistPageCache): () => void {
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  const refreshSoon = () => {
    refreshTimer ??= setTimeout(() => {
      refreshTimer = null;
      cache.invalidate();
    }, LIVE_REFRESH_MS);
  };
  let lastImported = 0;
  const unsubscribers = [
    lantern.on('worklist.changed', () => cache.invalidate()),
    lantern.on('import.progress', (progress) => {
      if (progress.state !== 'running' || progress.imported === lastImported) return;
      lastImported = progress.imported;
      refreshSoon();
    }),
    lantern.on('ai.progress', refreshSoon),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    if (refreshTimer !== null) clearTimeout(refreshTimer);
  };
}

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
    const stopRefreshing = refreshOnChanges(cache);
    return () => {
      unsubscribe();
      stopRefreshing();
      cache.dispose();
    };
  }, [key]);

  useSyncExternalStore(shown?.subscribe ?? noSubscription, () => shown?.version ?? -1);
  return shown;
}
