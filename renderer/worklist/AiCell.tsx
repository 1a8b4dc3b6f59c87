// The worklist's view of a study's AI second opinion: a positive finding stands out, everything else stays quiet.
import type { WorklistRow } from '../../preload/contract';

type Ai = WorklistRow['ai'];

const percent = (score: number) => `${Math.round(score * 100)}%`;

export function AiCell({ ai }: { ai: Ai }) {
  if (!ai) return <span className="dim">—</span>;
  switch (ai.state) {
    case 'queued':
      return <span className="ai-state dim">Queued</span>;
    case 'running':
      return <span className="ai-state running">Analyzing…</span>;
    case 'failed':
      return <span className="ai-state failed">Failed</span>;
    case 'cancelled':
      return <span className="ai-state dim">Cancelled</span>;
    case 'done':
      return ai.topLabel ? (
        <span className="ai-state positive">
          <span className="ai-label">{ai.topLabel}</span>
          {ai.topScore !== null && <span className="ai-score"> {percent(ai.topScore)}</span>}
        </span>
      ) : (
        <span className="ai-state negative">No finding</span>
      );
  }
}

export function aiTooltip(row: WorklistRow): string {
  const ai = row.ai;
  if (!ai) return 'Not analyzed';
  if (ai.state === 'done' && ai.topLabel) return `AI second opinion: ${ai.topLabel}${ai.topScore !== null ? ` (${percent(ai.topScore)})` : ''}`;
  return ai.reason ? `AI ${ai.state}: ${ai.reason}` : `AI ${ai.state}`;
}
