// The worklist's window onto the studies table: pages fetched by offset as the user scrolls, never the whole table.
// One cache per query (filters + sort); a new query gets a new cache.
import type { WorklistPage, WorklistRow } from '../../preload/contract';

export const PAGE_SIZE = 100;
/** While the user flings through the list, only the pages still in view when it slows down are fetched. */
const SETTLE_MS = 50;

type FetchPage = (offset: number, limit: number) => Promise<WorklistPage>;

interface CachedPage {
  rows: WorklistRow[];
  /** Fetched before the last `invalidate`: still shown, refetched when next in view. */
  stale: boolean;
}

export class WorklistPageCache {
  /** Null until the first page has answered. */
  total: number | null = null;
  error: string | null = null;
  private readonly pages = new Map<number, CachedPage>();
  private readonly inFlight = new Set<number>();
  /** Pages whose last fetch failed: not retried on every scroll, only after `invalidate`. */
  private readonly failed = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private visible = { first: 0, last: 0 };
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  /** Changes whenever anything shown changes (useSyncExternalStore's snapshot). */
  version = 0;

  constructor(private readonly fetchPage: FetchPage) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  row(index: number): WorklistRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE];
  }

  /** Loads whatever rows `first..last` need that are missing or stale (at most every SETTLE_MS). */
  show(first: number, last: number): void {
    this.visible = { first, last };
    this.settleTimer ??= setTimeout(() => {
      this.settleTimer = null;
      this.loadVisible();
    }, SETTLE_MS);
  }

  private loadVisible(): void {
    if (this.disposed) return;
    const { first, last } = this.visible;
    const lastPage = this.total === null ? 0 : Math.max(0, Math.ceil(this.total / PAGE_SIZE) - 1);
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.min(Math.floor(last / PAGE_SIZE), lastPage); page++) {
      const cached = this.pages.get(page);
      if ((!cached || cached.stale) && !this.inFlight.has(page) && !this.failed.has(page)) void this.load(page);
    }
  }

  /** The table changed underneath (an import, a status change): keep showing what we have, refetch what is in view. */
  invalidate(): void {
    for (const page of this.pages.values()) page.stale = true;
    this.failed.clear();
    // Page 0 carries the total, so it is always refetched even when scrolled away.
    if (!this.inFlight.has(0)) void this.load(0);
    this.loadVisible();
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    if (this.settleTimer !== null) clearTimeout(this.settleTimer);
  }

  private async load(page: number): Promise<void> {
    this.inFlight.add(page);
    try {
      const result = await this.fetchPage(page * PAGE_SIZE, PAGE_SIZE);
      if (this.disposed) return;
      const totalChanged = result.total !== this.total;
      this.total = result.total;
      this.error = null;
      this.failed.delete(page);
      this.pages.set(page, { rows: result.rows, stale: false });
      if (totalChanged) {
        // Rows beyond the new end are gone; pages that now start elsewhere are refetched as they come into view.
        for (const key of this.pages.keys()) if (key * PAGE_SIZE >= result.total) this.pages.delete(key);
      }
    } catch (error) {
      if (this.disposed) return;
      this.failed.add(page);
      this.error = `loading worklist rows ${page * PAGE_SIZE + 1}–${(page + 1) * PAGE_SIZE} failed: ${(error as Error).message}`;
    } finally {
      this.inFlight.delete(page);
    }
    this.version++;
    for (const listener of this.listeners) listener();
    // The total may have grown so that more of the visible range exists now.
    this.loadVisible();
  }
}
