// Each label's score as a bar against the model's operating point: positives first and highlighted, the threshold
// marked on the bar so "how far above or below" reads at a glance.
import type { AiFinding } from '../../preload/contract';
import { percent, sortFindings } from './ai-results';

interface Props {
  findings: AiFinding[];
  /** Operating point per label; absent when the model version is no longer installed. */
  thresholds: Record<string, number> | null;
  compact?: boolean;
}

export function FindingBars({ findings, thresholds, compact = false }: Props) {
  if (findings.length === 0) return <p className="ai-quiet">No finding above the model's operating points.</p>;
  return (
    <ul className={`ai-findings${compact ? ' compact' : ''}`} aria-label="Findings">
      {sortFindings(findings).map((finding, index) => {
        const threshold = thresholds?.[finding.label];
        const title =
          `${finding.label}: ${percent(finding.score)}` +
          (threshold !== undefined ? ` — operating point ${percent(threshold)}` : '') +
          (finding.positive ? ' (positive)' : ' (below the operating point)');
        return (
          <li
            key={`${finding.label}-${index}`}
            className={`ai-finding${finding.positive ? ' positive' : ''}`}
            data-label={finding.label}
            data-positive={finding.positive}
            title={title}
          >
            <span className="ai-finding-label">
              {finding.positive && <span className="ai-positive-mark" aria-hidden="true" />}
              {finding.label}
              {finding.box && <span className="ai-box-mark">box</span>}
            </span>
            <span className="ai-finding-score">{percent(finding.score)}</span>
            <span className="ai-bar" aria-hidden="true">
              <span className="ai-bar-fill" style={{ width: `${Math.min(100, finding.score * 100)}%` }} />
              {threshold !== undefined && <span className="ai-bar-threshold" style={{ left: `${threshold * 100}%` }} />}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
