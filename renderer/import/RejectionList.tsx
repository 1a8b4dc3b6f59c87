// Every file an import turned away, with the reason: shown to the user, not buried in a log.
import { useEffect, useState } from 'react';
import type { ImportRejection } from '../../preload/contract';
import { lantern } from '../shared/api';
import { FileName } from './FileName';

const PAGE = 200;

export function RejectionList({ importId, expected }: { importId: number; expected: number }) {
  const [rows, setRows] = useState<ImportRejection[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setRows([]);
    setTotal(null);
    setError(null);
    lantern.imports.rejections(importId, 0, PAGE).then(
      (page) => {
        if (!live) return;
        setRows(page.rows);
        setTotal(page.total);
      },
      (reason: Error) => live && setError(`could not load the rejected files of import ${importId}: ${reason.message}`),
    );
    return () => {
      live = false;
    };
  }, [importId]);

  async function more() {
    const page = await lantern.imports.rejections(importId, rows.length, PAGE);
    setRows((current) => [...current, ...page.rows]);
    setTotal(page.total);
  }

  if (error) return <p className="import-error">{error}</p>;
  if (total === 0) return null;
  return (
    <div className="rejections">
      <h3>
        Not imported <span className="dim">({total ?? expected})</span>
      </h3>
      <div className="rejection-table" role="table" aria-label="Files not imported" data-testid="rejection-list">
        {rows.map((row, index) => (
          <div className="rejection-row" role="row" key={`${index}:${row.path}`}>
            <div className="rejection-path" role="cell" title={row.path}>
              <FileName path={row.path} />
            </div>
            <div className="rejection-reason" role="cell">
              {row.reason}
            </div>
          </div>
        ))}
      </div>
      {total !== null && rows.length < total && (
        <button type="button" className="ghost" onClick={() => void more()}>
          Show {Math.min(PAGE, total - rows.length)} more of {total - rows.length}
        </button>
      )}
    </div>
  );
}
