// Recent imports, newest first; picking one shows its tally and its rejected files.
import { useEffect, useState } from 'react';
import type { ImportRecord } from '../../preload/contract';
import { lantern } from '../shared/api';

const HISTORY_LENGTH = 10;

interface Props {
  /** Changes whenever an import starts or ends, so the list reloads. */
  refreshKey: string;
  selectedId: number | null;
  onSelect(record: ImportRecord): void;
}

const whenText = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export function ImportHistory({ refreshKey, selectedId, onSelect }: Props) {
  const [records, setRecords] = useState<ImportRecord[]>([]);
  useEffect(() => {
    let live = true;
    void lantern.imports.list(HISTORY_LENGTH).then((list) => live && setRecords(list));
    return () => {
      live = false;
    };
  }, [refreshKey]);

  if (records.length === 0) return null;
  return (
    <div className="import-history">
      <h3>Recent imports</h3>
      <ul>
        {records.map((record) => (
          <li key={record.importId}>
            <button
              type="button"
              className={`history-entry${record.importId === selectedId ? ' selected' : ''}`}
              onClick={() => onSelect(record)}
              title={record.sources.join('\n')}
            >
              <span className="history-when">{whenText(record.startedAt)}</span>
              <span className="history-sources">{record.sources.join(', ')}</span>
              <span className={`history-tally ${record.state}`}>
                {record.state === 'running'
                  ? 'running'
                  : `${record.imported} new · ${record.duplicates} already here · ${record.rejected} not imported${record.state === 'done' ? '' : ` · ${record.state}`}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
