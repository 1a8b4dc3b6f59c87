// The installed AI models, what each is for, and installing a model package from a folder.
import { useCallback, useEffect, useState } from 'react';
import type { AiModelSummary } from '../../preload/contract';
import { lantern } from '../shared/api';

const TASK_NAMES: Record<AiModelSummary['task'], string> = {
  'multi-label-classification': 'Findings (multi-label)',
  'multi-class-classification': 'Classification',
  detection: 'Detection (boxes)',
};

export function ModelsSection() {
  const [models, setModels] = useState<AiModelSummary[] | null>(null);
  const [path, setPath] = useState('');
  const [installing, setInstalling] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const reload = useCallback(() => {
    lantern.ai.models().then(setModels, (reason: Error) => setMessage({ kind: 'error', text: `could not list the models: ${reason.message}` }));
  }, []);
  useEffect(reload, [reload]);

  async function install() {
    setInstalling(true);
    setMessage(null);
    try {
      const model = await lantern.ai.installModel(path.trim());
      setMessage({ kind: 'ok', text: `Installed ${model.name} ${model.version}.` });
      setPath('');
      reload();
    } catch (reason) {
      setMessage({ kind: 'error', text: (reason as Error).message });
    } finally {
      setInstalling(false);
    }
  }

  return (
    <section className="settings-section">
      <h3>AI models</h3>
      {models && models.length === 0 && <p className="dim">No model installed: studies are not analyzed.</p>}
      {models && models.length > 0 && (
        <ul className="model-list" aria-label="Installed models">
          {models.map((model) => (
            <li key={`${model.modelId}@${model.version}`} className={`model ${model.state}${model.latest ? '' : ' superseded'}`} data-model-id={model.modelId}>
              <div className="model-head">
                <span className="model-name">{model.name}</span>
                <span className="model-version">{model.version}</span>
                {!model.latest && <span className="badge">superseded</span>}
                <span className={`badge ${model.state}`}>{model.state}</span>
              </div>
              <div className="model-meta dim">
                {TASK_NAMES[model.task]} · {model.labels.join(', ')} · {model.licence}
              </div>
              <div className="model-use">{model.intendedUse}</div>
              {model.brokenReason && <div className="settings-error">{model.brokenReason}</div>}
            </li>
          ))}
        </ul>
      )}
      <div className="model-install">
        <input
          type="text"
          aria-label="Model package folder"
          placeholder="Folder with manifest.json and model.onnx"
          spellCheck={false}
          value={path}
          onChange={(event) => setPath(event.target.value)}
          onKeyDown={(event) => event.key === 'Enter' && path.trim() && void install()}
        />
        <button type="button" disabled={installing || !path.trim()} onClick={() => void install()}>
          {installing ? 'Installing…' : 'Install model'}
        </button>
      </div>
      {message && (
        <p className={message.kind === 'ok' ? 'settings-ok' : 'settings-error'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
