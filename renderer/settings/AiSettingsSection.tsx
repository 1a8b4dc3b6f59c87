// When the AI runs and on which execution providers, in the order they are tried.
import { useEffect, useState } from 'react';
import { AI_PROVIDERS, type AiProvider, type AiSettings } from '../../preload/contract';
import { lantern } from '../shared/api';

const PROVIDER_NAMES: Record<AiProvider, string> = {
  cuda: 'CUDA (NVIDIA GPU)',
  dml: 'DirectML (Windows GPU)',
  coreml: 'Core ML (Apple)',
  webgpu: 'WebGPU',
  cpu: 'CPU',
};

export function AiSettingsSection() {
  const [settings, setSettings] = useState<AiSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [queuedUnread, setQueuedUnread] = useState<number | null>(null);

  useEffect(() => {
    lantern.ai.settings().then(setSettings, (reason: Error) => setError(`could not read the AI settings: ${reason.message}`));
  }, []);

  async function update(changes: Partial<AiSettings>) {
    setError(null);
    try {
      setSettings(await lantern.ai.updateSettings(changes));
    } catch (reason) {
      setError(`could not save the AI settings: ${(reason as Error).message}`);
    }
  }

  async function analyzeUnread() {
    setError(null);
    try {
      setQueuedUnread((await lantern.ai.analyzeUnread()).queued);
    } catch (reason) {
      setError(`could not queue the unread studies: ${(reason as Error).message}`);
    }
  }

  if (!settings) return error ? <p className="settings-error">{error}</p> : null;
  const order = settings.providerOrder;
  const unused = AI_PROVIDERS.filter((provider) => !order.includes(provider));
  const move = (index: number, by: -1 | 1) => {
    const next = [...order];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    void update({ providerOrder: next });
  };

  return (
    <section className="settings-section">
      <h3>AI second opinion</h3>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={settings.analyzeOnImport}
          onChange={(event) => void update({ analyzeOnImport: event.target.checked })}
        />
        <span>Analyze every newly imported study</span>
      </label>
      <div className="settings-check">
        <button type="button" onClick={() => void analyzeUnread()}>
          Analyze all unread studies
        </button>
        {queuedUnread !== null && (
          <span className="settings-ok" role="status">
            {queuedUnread === 1 ? '1 study queued' : `${queuedUnread.toLocaleString()} studies queued`}
          </span>
        )}
      </div>
      <div className="settings-field">
        <span className="settings-label">Hardware, tried in this order (the first that works on this machine runs the models)</span>
        <ol className="provider-list" aria-label="Execution providers in order">
          {order.map((provider, index) => (
            <li key={provider} data-provider={provider}>
              <span className="provider-rank">{index + 1}</span>
              <span className="provider-name">{PROVIDER_NAMES[provider]}</span>
              <button type="button" className="ghost" aria-label={`Try ${PROVIDER_NAMES[provider]} earlier`} disabled={index === 0} onClick={() => move(index, -1)}>
                ↑
              </button>
              <button type="button" className="ghost" aria-label={`Try ${PROVIDER_NAMES[provider]} later`} disabled={index === order.length - 1} onClick={() => move(index, 1)}>
                ↓
              </button>
              <button
                type="button"
                className="ghost"
                aria-label={`Do not use ${PROVIDER_NAMES[provider]}`}
                disabled={order.length === 1}
                onClick={() => void update({ providerOrder: order.filter((p) => p !== provider) })}
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
        {unused.length > 0 && (
          <div className="provider-unused">
            <span className="dim">Not used:</span>
            {unused.map((provider) => (
              <button key={provider} type="button" onClick={() => void update({ providerOrder: [...order, provider] })}>
                + {PROVIDER_NAMES[provider]}
              </button>
            ))}
          </div>
        )}
      </div>
      {error && (
        <p className="settings-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
