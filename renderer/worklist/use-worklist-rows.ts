import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WorklistQuery } from '../../preload/contract';
import { lantern } from '../shared/api';
import { PAGE_SIZE, WorklistPageCache } from './page-cache';

export type WorklistView = Omit<WorklistQuery, 'offset' | 'limit'>;

const noSubscription = () => () => undefined;

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
    const stopListening = lantern.on('worklist.changed', () => cache.invalidate());
    return () => {
      unsubscribe();
      stopListening();
      cache.dispose();
    };
  }, [key]);

  useSyncExternalStore(shown?.subscribe ?? noSubscription, () => shown?.version ?? -1);
  return shown;
}
