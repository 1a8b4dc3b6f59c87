// The top bar's view of the current import: visible while it runs and after it ends until the user has looked.
import type { ImportProgress } from '../../preload/contract';

interface Props {
  progress: ImportProgress | null;
  /** The user has already seen how this import ended. */
  acknowledged: boolean;
  onOpen(): void;
}

export function ImportIndicator({ progress, acknowledged, onOpen }: Props) {
  if (!progress || (progress.state !== 'running' && acknowledged)) return null;
  const running = progress.state === 'running';
  const text = running
    ? `Importing · ${progress.seen.toLocaleString('en-US')} files · ${progress.imported.toLocaleString('en-US')} new`
    : progress.state === 'done'
      ? `Imported ${progress.imported.toLocaleString('en-US')} new`
      : `Import ${progress.state}`;
  return (
    <button
      type="button"
      className={`import-indicator ${progress.state}${progress.rejected > 0 ? ' has-rejections' : ''}`}
      onClick={onOpen}
      data-testid="import-indicator"
      aria-live="polite"
    >
      {running && <span className="spinner" aria-hidden />}
      <span>{text}</span>
      {progress.rejected > 0 && <span className="indicator-rejected">{progress.rejected} not imported</span>}
    </button>
  );
}
