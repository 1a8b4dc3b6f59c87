// Settings: the AI second opinion (when it runs, on what hardware, with which models) and where this
// workstation keeps its data.
import { useAppInfo } from '../shared/api';
import { Dialog } from '../shared/Dialog';
import { AiSettingsSection } from './AiSettingsSection';
import { ModelsSection } from './ModelsSection';
import './settings.css';

export function SettingsDialog({ onClose }: { onClose(): void }) {
  const info = useAppInfo();
  return (
    <Dialog title="Settings" className="settings-dialog" onClose={onClose}>
      <AiSettingsSection />
      <ModelsSection />
      <section className="settings-section">
        <h3>This workstation</h3>
        {info && (
          <dl className="settings-facts">
            <dt>Lantern</dt>
            <dd>{info.version}</dd>
            <dt>Running in</dt>
            <dd>{info.host === 'electron' ? 'Desktop app' : 'Browser host (Chromium)'}</dd>
            <dt>Data folder</dt>
            <dd className="mono" data-testid="data-dir">
              {info.dataDir}
            </dd>
          </dl>
        )}
      </section>
    </Dialog>
  );
}
