import type { ImportProgress, WorklistRow } from '../../preload/contract';
import { ImportIndicator } from '../import/ImportIndicator';
import { formatAge, formatDicomDate, formatPersonName } from '../shared/dicom-format';

interface Props {
  openStudy: WorklistRow | null;
  importProgress: ImportProgress | null;
  importAcknowledged: boolean;
  onImport(): void;
  onSettings(): void;
}

export function TopBar({ openStudy, importProgress, importAcknowledged, onImport, onSettings }: Props) {
  return (
    <header className="top-bar">
      <span className="brand">Lantern</span>
      {openStudy && (
        // Which patient is on screen is never in doubt, whatever the viewer shows.
        <span className="patient-banner" data-testid="patient-banner">
          <strong>{formatPersonName(openStudy.patientName) || 'Unnamed patient'}</strong>
          <span>{openStudy.patientId}</span>
          <span>{[openStudy.patientSex, formatAge(openStudy.patientAge)].filter(Boolean).join(' ')}</span>
          <span>{formatDicomDate(openStudy.studyDate)}</span>
          <span>{openStudy.description}</span>
        </span>
      )}
      <span className="top-bar-spacer" />
      <ImportIndicator progress={importProgress} acknowledged={importAcknowledged} onOpen={onImport} />
      <button type="button" onClick={onImport}>
        Import…
      </button>
      <button type="button" className="ghost" onClick={onSettings}>
        Settings
      </button>
    </header>
  );
}
