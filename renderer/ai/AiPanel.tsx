// The AI second opinion beside the image: where the study is in the queue, each model's findings against its
// operating points, the model card, images the models could not read, and earlier model versions' results.
import { useState } from 'react';
import type { AiSkippedImage } from '../../preload/contract';
import { percent, positiveFindings, uidTail, unmatchedSkips, type ModelResults, type ModelRun } from './ai-results';
import { useAiStudy } from './AiStudyContext';
import { FindingBars } from './FindingBars';
import { ModelCard } from './ModelCard';
import './ai.css';

/** A reader who hides the panel wants it hidden for the next study too. */
const OPEN_KEY = 'lantern.aiPanel.open';

export function AiPanel() {
  const ai = useAiStudy();
  const [open, setOpenState] = useState(() => localStorage.getItem(OPEN_KEY) !== 'false');
  const setOpen = (value: boolean) => {
    localStorage.setItem(OPEN_KEY, String(value));
    setOpenState(value);
  };
  const topPositive = ai.groups
    .flatMap(({ latest }) => positiveFindings(latest.images.flatMap((image) => image.findings), new Set(latest.model?.normalLabels)))
    .sort((a, b) => b.score - a.score)[0];

  if (!open) {
    return (
      <button type="button" className="ai-panel-tab" aria-label="Show the AI second opinion" onClick={() => setOpen(true)} data-testid="ai-panel-tab">
        <span>AI</span>
        {topPositive && <span className="ai-positive-mark" title={`${topPositive.label} ${percent(topPositive.score)}`} />}
      </button>
    );
  }

  const busy = ai.state === 'queued' || ai.state === 'running';
  const noModel = ai.models !== null && !ai.models.some((model) => model.state === 'ready');
  const orphanSkips = ai.results ? unmatchedSkips(ai.results.skipped, ai.groups) : [];
  const latestImages = ai.groups.flatMap((group) => group.latest.images);
  const hasBoxes = latestImages.some((image) => image.findings.some((finding) => finding.box));
  const hasHeatmap = latestImages.some((image) => image.heatmap);

  return (
    <aside className="ai-panel" aria-label="AI second opinion" data-testid="ai-panel" data-state={ai.state ?? 'none'}>
      <header className="ai-panel-head">
        <h2>
          AI second opinion <span className="ai-disclaimer">— not a diagnosis</span>
        </h2>
        <button type="button" className="ghost" aria-label="Hide the AI second opinion" title="Hide" onClick={() => setOpen(false)}>
          ›
        </button>
      </header>

      <div className="ai-panel-scroll">
        <StatusLine />
        <div className="ai-actions">
          {!busy && (
            <button type="button" className="primary" disabled={noModel || ai.results === null} onClick={ai.analyze}>
              {ai.groups.length > 0 || ai.state ? 'Re-analyze' : 'Analyze'}
            </button>
          )}
          {busy && (
            <button type="button" onClick={ai.cancel}>
              Cancel
            </button>
          )}
        </div>
        {noModel && (
          <p className="ai-quiet">
            {ai.models?.length
              ? 'No installed AI model is ready to run: Settings → AI models says why.'
              : 'No AI model is installed. Install one in Settings → AI models.'}
          </p>
        )}
        {ai.loadError && (
          <p className="ai-error" role="alert">
            {ai.loadError}
          </p>
        )}
        {ai.actionError && (
          <p className="ai-error" role="alert">
            {ai.actionError}
          </p>
        )}

        {(hasBoxes || hasHeatmap) && <OverlayControls boxes={hasBoxes} heatmap={hasHeatmap} />}

        {ai.groups.map((group) => (
          // With several models the findings come first; each card opens on request.
          <ModelSection key={group.modelId} group={group} cardOpen={ai.groups.length === 1} />
        ))}
        {ai.groups.length > 0 && (
          <p className="ai-legend">
            <span className="ai-legend-tick" aria-hidden="true" /> the model's operating point: a score at or above it is reported as positive.
          </p>
        )}
        {orphanSkips.length > 0 && <SkippedImages skipped={orphanSkips} />}
      </div>
    </aside>
  );
}

function StatusLine() {
  const { state, reason, progress } = useAiStudy();
  switch (state) {
    case null:
      return <p className="ai-status">Not analyzed yet.</p>;
    case 'queued':
      return (
        <p className="ai-status busy" role="status" data-testid="ai-status">
          Waiting in the analysis queue…
        </p>
      );
    case 'running': {
      const total = progress?.imagesTotal ?? 0;
      const done = progress?.imagesDone ?? 0;
      return (
        <div className="ai-status busy" role="status" data-testid="ai-status">
          {/* The total counts each image once per model. */}
          <span>Analyzing…{total > 0 ? ` ${done} of ${total} image analyses done` : ''}</span>
          <progress max={Math.max(total, 1)} value={done} />
        </div>
      );
    }
    case 'failed':
      return (
        <p className="ai-status failed" role="alert" data-testid="ai-status">
          Analysis failed{reason ? `: ${reason}` : '.'}
        </p>
      );
    case 'cancelled':
      return (
        <p className="ai-status" data-testid="ai-status">
          {reason ? `${reason[0]!.toUpperCase()}${reason.slice(1)}.` : 'Analysis cancelled.'}
        </p>
      );
    case 'done':
      // Done can still carry a note: images that failed or that no model reads.
      return reason ? (
        <p className="ai-status" data-testid="ai-status">
          {`${reason[0]!.toUpperCase()}${reason.slice(1)}.`}
        </p>
      ) : null;
  }
}

function OverlayControls({ boxes, heatmap }: { boxes: boolean; heatmap: boolean }) {
  const { overlay, setOverlay } = useAiStudy();
  const anyShown = (boxes && overlay.showBoxes) || (heatmap && overlay.showHeatmap);
  return (
    <div className="ai-overlay-controls">
      {boxes && (
        <label>
          <input type="checkbox" checked={overlay.showBoxes} onChange={(event) => setOverlay({ showBoxes: event.target.checked })} />
          Show boxes on the image
        </label>
      )}
      {heatmap && (
        <label title="Where the model's output was strongest, relative to the rest of this image: not a probability">
          <input type="checkbox" checked={overlay.showHeatmap} onChange={(event) => setOverlay({ showHeatmap: event.target.checked })} />
          Show heatmap (relative)
        </label>
      )}
      <label className={anyShown ? '' : 'disabled'}>
        Opacity
        <input
          type="range"
          min={0.1}
          max={1}
          step={0.05}
          value={overlay.opacity}
          disabled={!anyShown}
          aria-label="Overlay opacity"
          onChange={(event) => setOverlay({ opacity: Number(event.target.value) })}
        />
      </label>
    </div>
  );
}

function ModelSection({ group, cardOpen }: { group: ModelResults; cardOpen: boolean }) {
  const { latest, earlier } = group;
  return (
    <section className="ai-model" data-model-id={group.modelId} data-testid="ai-model">
      <RunFindings run={latest} />
      {latest.skipped.length > 0 && <SkippedImages skipped={latest.skipped} />}
      {latest.images[0] && (
        <details className="ai-details" open={cardOpen}>
          <summary>Model card</summary>
          <ModelCard run={latest} result={latest.images[0]} />
        </details>
      )}
      {earlier.length > 0 && (
        <details className="ai-details ai-history" data-testid="ai-history">
          <summary>Earlier versions of this model ({earlier.length})</summary>
          {earlier.map((run) => (
            <div key={run.modelVersion} className="ai-history-run" data-version={run.modelVersion}>
              <div className="ai-history-head">
                Version {run.modelVersion} <span className="ai-quiet">· {new Date(run.createdAt).toLocaleString()}</span>
              </div>
              <RunFindings run={run} compact />
            </div>
          ))}
        </details>
      )}
    </section>
  );
}

function RunFindings({ run, compact = false }: { run: ModelRun; compact?: boolean }) {
  const thresholds = run.model?.thresholds ?? null;
  const normalLabels = new Set(run.model?.normalLabels ?? []);
  const several = run.images.length > 1;
  return (
    <>
      {!compact && (
        <h3 className="ai-model-name">
          {run.model?.name ?? run.modelId} <span className="ai-quiet">v{run.modelVersion}</span>
        </h3>
      )}
      {run.images.map((image, index) => (
        <div key={image.sopInstanceUid} className="ai-image" data-sop-instance-uid={image.sopInstanceUid}>
          {several && (
            <div className="ai-image-head" title={image.sopInstanceUid}>
              Image {index + 1} <span className="ai-quiet">{uidTail(image.sopInstanceUid)}</span>
            </div>
          )}
          <FindingBars findings={image.findings} thresholds={thresholds} normalLabels={normalLabels} compact={compact} />
        </div>
      ))}
    </>
  );
}

function SkippedImages({ skipped }: { skipped: AiSkippedImage[] }) {
  return (
    <div className="ai-skipped" data-testid="ai-skipped">
      <div className="ai-skipped-head">Not analyzed</div>
      <ul>
        {skipped.map((skip) => (
          <li key={`${skip.modelId}@${skip.modelVersion}|${skip.sopInstanceUid}`} title={skip.sopInstanceUid}>
            Image {uidTail(skip.sopInstanceUid)}: {skip.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
