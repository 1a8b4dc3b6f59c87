// Search box and filters above the worklist. The search text is debounced by the parent; filters apply at once.
import { forwardRef } from 'react';
import { READ_STATUSES, type ReadStatus } from '../../preload/contract';
import { STATUS_LABELS } from './StatusBadge';

export interface FilterState {
  search: string;
  modality: string;
  /** `YYYY-MM-DD` as the date inputs give it, or ''. */
  dateFrom: string;
  dateTo: string;
  status: ReadStatus | '';
  /** Only studies whose AI second opinion found something. */
  aiPositive: boolean;
}

/** `<input type="date">` value `YYYY-MM-DD` → DICOM DA, or null when empty. */
export function isoToDicomDate(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[1]}${match[2]}${match[3]}` : null;
}

export const NO_FILTERS: FilterState = { search: '', modality: '', dateFrom: '', dateTo: '', status: '', aiPositive: false };

interface Props {
  filters: FilterState;
  modalities: string[];
  total: number | null;
  onChange(filters: FilterState): void;
  /** ↓ in the search box moves into the list. */
  onLeaveDown(): void;
}

export const WorklistFilters = forwardRef<HTMLInputElement, Props>(function WorklistFilters(
  { filters, modalities, total, onChange, onLeaveDown },
  searchRef,
) {
  const set = <K extends keyof FilterState>(key: K, value: FilterState[K]) => onChange({ ...filters, [key]: value });
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <div className="worklist-filters">
      <input
        ref={searchRef}
        type="search"
        className="worklist-search"
        placeholder="Search name, patient ID or accession"
        aria-label="Search studies"
        value={filters.search}
        onChange={(event) => set('search', event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'Enter') {
            event.preventDefault();
            onLeaveDown();
          } else if (event.key === 'Escape' && filters.search) {
            event.preventDefault();
            set('search', '');
          }
        }}
      />
      <select aria-label="Modality" value={filters.modality} onChange={(event) => set('modality', event.target.value)}>
        <option value="">All modalities</option>
        {modalities.map((modality) => (
          <option key={modality} value={modality}>
            {modality}
          </option>
        ))}
      </select>
      <label className="date-filter">
        <span>From</span>
        <input type="date" aria-label="Study date from" value={filters.dateFrom} max={filters.dateTo || undefined} onChange={(event) => set('dateFrom', event.target.value)} />
      </label>
      <label className="date-filter">
        <span>To</span>
        <input type="date" aria-label="Study date to" value={filters.dateTo} min={filters.dateFrom || undefined} onChange={(event) => set('dateTo', event.target.value)} />
      </label>
      <select aria-label="Read status" value={filters.status} onChange={(event) => set('status', event.target.value as ReadStatus | '')}>
        <option value="">Any status</option>
        {READ_STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status]}
          </option>
        ))}
      </select>
      <label className="ai-filter">
        <input type="checkbox" checked={filters.aiPositive} onChange={(event) => set('aiPositive', event.target.checked)} />
        <span>AI positive</span>
      </label>
      {filtered && (
        <button type="button" className="ghost" onClick={() => onChange(NO_FILTERS)}>
          Clear
        </button>
      )}
      <span className="worklist-count" data-testid="worklist-count">
        {total === null ? '' : `${total.toLocaleString('en-US')} ${total === 1 ? 'study' : 'studies'}`}
      </span>
    </div>
  );
});
