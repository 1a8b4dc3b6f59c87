// One import's counters: live while it runs, the final tally once it ends.
import type { ImportProgress } from '../../preload/contract';
import { FileName } from './FileName';
import { RejectionList } from './RejectionList';

const STATE_TITLES: Record<ImportProgress['state'], string> = {
  running: 'Importing…',
  done: 'Import finished',
  cancelled: 'Import cancelled',
  failed: 'Import failed',
};

interface Props {
  progress: ImportProgress;
  onCancel?(): void;
}

export function ImportSummary({ progress, onCancel }: Props) {
  const running = progress.state === 'running';
  const counters = [
    ['Files seen', progress.seen, 'seen'],
    ['Imported', progress.imported, 'imported'],
    ['Already here', progress.duplicates, 'duplicates'],
    ['Not imported', progress.rejected, 'rejected'],
  ] as const;
  return (
    <div className={`import-summary ${progress.state}`} data-testid="import-summary" data-state={progress.state}>
      <div className="import-summary-head">
        <h3>{STATE_TITLES[progress.state]}</h3>
        {running && onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {running && <div className="progress-bar indeterminate" role="progressbar" aria-label="Import progress" />}
      <dl className="import-counters">
        {counters.map(([label, value, key]) => (
          <div key={key} className={`counter ${key}`} data-testid={`import-${key}`}>
            <dt>{label}</dt>
            <dd>{value.toLocaleString('en-US')}</dd>
          </div>
        ))}
      </dl>
      {running && progress.currentPath && (
        <p className="import-current" title={progress.currentPath}>
          <FileName path={progress.currentPath} />
        </p>
      )}
      {progress.error && <p className="import-error">{progress.error}</p>}
      {progress.rejected > 0 && !running && <RejectionList importId={progress.importId} expected={progress.rejected} />}
    </div>
  );
}
