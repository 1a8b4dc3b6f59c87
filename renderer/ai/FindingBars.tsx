// Each label's score as a bar against the model's operating point: positives first and highlighted, the threshold
// marked on the bar so "how far above or below" reads at a glance.
import type { AiFinding } from '../../preload/contract';
import { percent, sortFindings, verdict } from './ai-results';

interface Props {
  findings: AiFinding[];
  /** Operating point per label; absent when the model version is no longer installed. */
  thresholds: Record<string, number> | null;
  /** Labels that mean "no finding" (Normal): shown calm when positive. */
  normalLabels: ReadonlySet<string>;
  compact?: boolean;
}

export function FindingBars({ findings, thresholds, normalLabels, compact = false }: Props) {
  // Detection models report only what passed the operating point: nothing reported is the negative result.
  if (findings.length === 0) return <p className="ai-verdict">No finding above its operating point</p>;
  const summary = verdict(findings, normalLabels);
  return (
    <>
      <p className={`ai-verdict${summary.positive ? ' positive' : ''}`} data-testid="ai-verdict">
        {summary.text}
      </p>
      <ul className={`ai-findings${compact ? ' compact' : ''}`} aria-label="Findings">
        {sortFindings(findings, normalLabels).map((finding, index) => {
          const threshold = thresholds?.[finding.label];
          const normal = normalLabels.has(finding.label);
          const title =
            `${finding.label}: ${percent(finding.score)}` +
            (threshold !== undefined ? ` — operating point ${percent(threshold)}` : '') +
            (finding.positive ? ' (at or above the operating point)' : ' (below the operating point)');
          return (
            <li
              key={`${finding.label}-${index}`}
              className={`ai-finding${finding.positive ? ' positive' : ''}${normal ? ' normal' : ''}`}
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
    </>
  );
}
