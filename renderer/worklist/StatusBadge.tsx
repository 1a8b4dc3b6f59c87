import type { ReadStatus } from '../../preload/contract';

export const STATUS_LABELS: Record<ReadStatus, string> = { unread: 'Unread', in_progress: 'In progress', final: 'Final' };

export function StatusBadge({ status }: { status: ReadStatus }) {
  return <span className={`badge ${status}`}>{STATUS_LABELS[status]}</span>;
}
