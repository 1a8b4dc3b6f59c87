// What produced a result: the model (name, version, intended use, licence, checksum), the hardware it actually ran
// on and why preferred hardware was passed over, and where the time went.
import type { AiResult } from '../../preload/contract';
import type { ModelRun } from './ai-results';
import { milliseconds } from './ai-results';

const providerName = (provider: string) => provider.toUpperCase();

/** Provider errors run on into library paths and stack text; the first clause says why, the rest is on request. */
const firstClause = (reason: string) => reason.split(/ \(|: /)[0] ?? reason;

export function ModelCard({ run, result }: { run: ModelRun; result: AiResult }) {
  const { model } = run;
  const { timings } = result;
  return (
    <dl className="ai-card" data-testid="ai-model-card">
      <dt>Model</dt>
      <dd>{model?.name ?? run.modelId}</dd>
      <dt>Version</dt>
      <dd data-testid="ai-model-version">{run.modelVersion}</dd>
      {model && (
        <>
          <dt>Intended use</dt>
          <dd>{model.intendedUse}</dd>
          <dt>Licence</dt>
          <dd>{model.licence}</dd>
        </>
      )}
      {!model && (
        <>
          <dt>Note</dt>
          <dd>This model version is no longer installed; its card is not available.</dd>
        </>
      )}
      <dt>SHA-256</dt>
      <dd className="mono" title={result.modelSha256}>
        {result.modelSha256.slice(0, 12)}
      </dd>
      <dt>Ran on</dt>
      <dd data-testid="ai-provider">
        <span className="ai-provider">{providerName(result.executionProvider)}</span>
        {result.skippedProviders.length > 0 && (
          <ul className="ai-skipped-providers">
            {result.skippedProviders.map((skipped) => (
              <li key={skipped.provider}>
                <details>
                  <summary title={skipped.reason}>
                    {providerName(skipped.provider)} not used: {firstClause(skipped.reason)}
                  </summary>
                  <span className="ai-skip-detail">{skipped.reason}</span>
                </details>
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>Input</dt>
      <dd>{result.windowing}</dd>
      <dt>Time</dt>
      <dd className="ai-timings" data-testid="ai-timings">
        <span>decode {milliseconds(timings.decodeMs)}</span>
        <span>preprocess {milliseconds(timings.preprocessMs)}</span>
        <span>infer {milliseconds(timings.inferMs)}</span>
        <span>store {milliseconds(timings.storeMs)}</span>
      </dd>
      <dt>Analyzed</dt>
      <dd>{formatTimestamp(result.createdAt)}</dd>
    </dl>
  );
}

/** Stored as ISO 8601 UTC; the reader wants local time. */
const formatTimestamp = (stored: string) => new Date(stored).toLocaleString();
