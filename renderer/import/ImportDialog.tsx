// Importing studies: paths typed in (the browser host has no native picker) or picked, live progress, the
// rejected files, and recent imports.
import { useEffect, useRef, useState } from 'react';
import type { ImportProgress } from '../../preload/contract';
import { lantern, useAppInfo } from '../shared/api';
import { Dialog } from '../shared/Dialog';
import { ImportHistory } from './ImportHistory';
import { ImportSummary } from './ImportSummary';
import type { ImportsState } from './use-imports';
import './import.css';

interface Props {
  imports: ImportsState;
  onClose(): void;
}

const splitPaths = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export function ImportDialog({ imports, onClose }: Props) {
  const info = useAppInfo();
  const [text, setText] = useState('');
  const [startError, setStartError] = useState<string | null>(null);
  /** An older import picked from the history; null follows the current one. */
  const [picked, setPicked] = useState<ImportProgress | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const running = imports.current?.state === 'running';
  const shown = picked ?? imports.current;

  useEffect(() => inputRef.current?.focus(), []);

  async function start() {
    const paths = splitPaths(text);
    if (paths.length === 0) return;
    setStartError(null);
    setPicked(null);
    try {
      await imports.start(paths);
    } catch (error) {
      setStartError((error as Error).message);
    }
  }

  async function browse(kind: 'folder' | 'files') {
    const chosen = await lantern.imports.chooseSources(kind);
    if (chosen && chosen.length > 0) setText((current) => [...splitPaths(current), ...chosen].join('\n'));
  }

  return (
    <Dialog title="Import studies" className="import-dialog" onClose={onClose}>
      <label className="import-sources">
        <span>Folders, DICOM files, DICOMDIRs or ZIP archives — one path per line</span>
        <textarea
          ref={inputRef}
          rows={3}
          spellCheck={false}
          aria-label="Paths to import"
          placeholder={'/media/cdrom\n/mnt/usb/exports/study.zip'}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void start();
            }
          }}
        />
      </label>
      <div className="import-actions">
        {info?.nativeFilePicker && (
          <>
            <button type="button" onClick={() => void browse('folder')}>
              Browse folder…
            </button>
            <button type="button" onClick={() => void browse('files')}>
              Browse files…
            </button>
          </>
        )}
        <span className="import-hint dim">Ctrl+Enter starts</span>
        <button type="button" className="primary" disabled={running || splitPaths(text).length === 0} onClick={() => void start()}>
          Start import
        </button>
      </div>
      {startError && (
        <p className="import-error" role="alert">
          {startError}
        </p>
      )}
      {shown && <ImportSummary progress={shown} onCancel={shown === imports.current ? () => void imports.cancel() : undefined} />}
      <ImportHistory
        refreshKey={`${imports.current?.importId}:${imports.current?.state}`}
        selectedId={shown?.importId ?? null}
        onSelect={(record) => setPicked(record.importId === imports.current?.importId ? null : record)}
      />
    </Dialog>
  );
}
