// The virtualized study table: only the rows in view exist in the DOM, and only their pages are fetched.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { WorklistColumn, WorklistRow } from '../../preload/contract';
import { COLUMNS, GRID_TEMPLATE } from './columns';
import type { WorklistPageCache } from './page-cache';

export const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 36;

export interface SortState {
  column: WorklistColumn;
  direction: 'asc' | 'desc';
}

interface Props {
  cache: WorklistPageCache;
  sort: SortState;
  onSort(column: WorklistColumn): void;
  selected: number;
  onSelect(index: number): void;
  onOpen(row: WorklistRow): void;
  /** The grid element, for the parent to give focus back after the viewer closes. */
  gridRef: React.RefObject<HTMLDivElement | null>;
}

export function WorklistTable({ cache, sort, onSort, selected, onSelect, onOpen, gridRef }: Props) {
  const total = cache.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (total > 0) cache.show(first, last);
  }, [cache, first, last, total]);

  // Keep the selected row in view whichever way it moved (keys, a new query, a shrinking list).
  const previousSelected = useRef(selected);
  useEffect(() => {
    if (total > 0 && previousSelected.current !== selected) virtualizer.scrollToIndex(selected, { align: 'auto' });
    previousSelected.current = selected;
  }, [selected, total, virtualizer]);

  const pageRows = () => Math.max(1, Math.floor(((gridRef.current?.clientHeight ?? 0) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (total === 0) return;
    const moves: Record<string, () => number> = {
      ArrowDown: () => selected + 1,
      ArrowUp: () => selected - 1,
      PageDown: () => selected + pageRows(),
      PageUp: () => selected - pageRows(),
      Home: () => 0,
      End: () => total - 1,
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      onSelect(Math.min(total - 1, Math.max(0, move())));
    } else if (event.key === 'Enter') {
      const row = cache.row(selected);
      if (row) {
        event.preventDefault();
        onOpen(row);
      }
    }
  }

  return (
    <div
      ref={gridRef}
      className="worklist-grid"
      role="grid"
      tabIndex={0}
      aria-label="Studies"
      aria-rowcount={total + 1}
      aria-activedescendant={total > 0 ? `worklist-row-${selected}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="worklist-sizer" style={{ height: virtualizer.getTotalSize() }}>
        <div className="worklist-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: GRID_TEMPLATE, height: HEADER_HEIGHT }}>
          {COLUMNS.map((column) => {
            const active = sort.column === column.id;
            return (
              <div
                key={column.id}
                role="columnheader"
                aria-sort={column.id === 'ai' ? undefined : active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                className={`worklist-cell${column.align === 'end' ? ' end' : ''}${active ? ' sorted' : ''}`}
              >
                {column.id === 'ai' ? (
                  <span className="header-label">{column.title}</span>
                ) : (
                  <button type="button" className="sort-button" tabIndex={-1} onClick={() => onSort(column.id)} title={`Sort by ${column.title.toLowerCase()}`}>
                    <span>{column.title}</span>
                    <span className="sort-indicator" aria-hidden>
                      {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                )}
              </div>
            );
          })}
        </div>
        {items.map((item) => {
          const row = cache.row(item.index);
          return (
            <div
              key={item.key}
              id={`worklist-row-${item.index}`}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={item.index === selected}
              data-index={item.index}
              data-study-uid={row?.studyInstanceUid}
              className={`worklist-row${item.index === selected ? ' selected' : ''}${row ? '' : ' loading'}`}
              style={{ gridTemplateColumns: GRID_TEMPLATE, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              onMouseDown={() => onSelect(item.index)}
              onDoubleClick={() => row && onOpen(row)}
            >
              {row
                ? COLUMNS.map((column) => (
                    <div
                      key={column.id}
                      role="gridcell"
                      className={`worklist-cell${column.align === 'end' ? ' end' : ''}`}
                      title={column.tooltip?.(row)}
                    >
                      {column.cell(row)}
                    </div>
                  ))
                : COLUMNS.map((column) => (
                    <div key={column.id} role="gridcell" className="worklist-cell">
                      <span className="placeholder-bar" />
                    </div>
                  ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
