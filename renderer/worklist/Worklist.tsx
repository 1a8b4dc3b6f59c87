// The home view: every study in the store, searched, filtered and sorted by SQLite, shown a page at a time.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { WorklistColumn, WorklistRow } from '../../preload/contract';
import { lantern, useLanternEvent } from '../shared/api';
import { useDebounced } from '../shared/use-debounced';
import { COLUMNS, type SortableColumn } from './columns';
import { isoToDicomDate, NO_FILTERS, WorklistFilters, type FilterState } from './WorklistFilters';
import { WorklistTable, type SortState } from './WorklistTable';
import { useWorklistRows, type WorklistView } from './use-worklist-rows';
import './worklist.css';

const SEARCH_DEBOUNCE_MS = 250;

interface Props {
  /** False while a study is open: the list stays mounted (scroll and selection kept) but hidden. */
  active: boolean;
  onOpen(row: WorklistRow): void;
  onImport(): void;
}

function useModalities(): string[] {
  const [modalities, setModalities] = useState<string[]>([]);
  const [generation, setGeneration] = useState(0);
  useLanternEvent('worklist.changed', () => setGeneration((g) => g + 1));
  useEffect(() => {
    let live = true;
    void lantern.worklist.modalities().then((list) => live && setModalities(list));
    return () => {
      live = false;
    };
  }, [generation]);
  return modalities;
}

export function Worklist({ active, onOpen, onImport }: Props) {
  const [filters, setFilters] = useState<FilterState>(NO_FILTERS);
  const [sort, setSort] = useState<SortState>({ column: 'studyDate', direction: 'desc' });
  const [selected, setSelected] = useState(0);
  const search = useDebounced(filters.search, SEARCH_DEBOUNCE_MS);
  const gridRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const modalities = useModalities();

  const view = useMemo<WorklistView>(
    () => ({
      search,
      modalities: filters.modality ? [filters.modality] : [],
      dateFrom: isoToDicomDate(filters.dateFrom),
      dateTo: isoToDicomDate(filters.dateTo),
      statuses: filters.status ? [filters.status] : [],
      aiPositive: filters.aiPositive,
      sort,
    }),
    [search, filters.modality, filters.dateFrom, filters.dateTo, filters.status, filters.aiPositive, sort],
  );
  const cache = useWorklistRows(view);

  // A new query starts at its first row.
  useEffect(() => {
    setSelected(0);
    gridRef.current?.scrollTo({ top: 0 });
  }, [view]);

  // Rows disappear when the list shrinks under the selection (a narrower filter, a deleted study).
  const total = cache?.total ?? null;
  useEffect(() => {
    if (total !== null && selected >= total) setSelected(Math.max(0, total - 1));
  }, [total, selected]);

  // Coming back from the viewer: the keyboard is back on the list, at the study that was open.
  useEffect(() => {
    if (active) gridRef.current?.focus({ preventScroll: true });
  }, [active]);

  // Ctrl+F / "/" jump to the search box, as in any list a radiologist searches all day.
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('[role="dialog"]')) return;
      const typing = target?.closest('input, textarea, select, [contenteditable]') != null;
      if ((event.key === 'f' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !typing)) {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  function toggleSort(column: WorklistColumn) {
    setSort((current) =>
      current.column === column
        ? { column, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { column, direction: COLUMNS.find((c): c is SortableColumn => c.id === column)!.firstDirection },
    );
  }

  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  return (
    <section className="worklist" hidden={!active} aria-label="Worklist">
      <WorklistFilters
        ref={searchRef}
        filters={filters}
        modalities={modalities}
        total={total}
        onChange={setFilters}
        onLeaveDown={() => gridRef.current?.focus()}
      />
      {cache?.error && (
        <div className="worklist-error" role="alert">
          {cache.error}
        </div>
      )}
      {cache && total === 0 ? (
        <div className="worklist-empty">
          {filtered ? (
            <>
              <p>No studies match these filters.</p>
              <button type="button" onClick={() => setFilters(NO_FILTERS)}>
                Clear filters
              </button>
            </>
          ) : (
            <>
              <p>No studies on this workstation yet.</p>
              <button type="button" className="primary" onClick={onImport}>
                Import studies…
              </button>
            </>
          )}
        </div>
      ) : (
        cache && (
          <WorklistTable
            cache={cache}
            sort={sort}
            onSort={toggleSort}
            selected={selected}
            onSelect={setSelected}
            onOpen={onOpen}
            gridRef={gridRef}
          />
        )
      )}
    </section>
  );
}
