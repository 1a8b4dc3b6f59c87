/** A value, or a dim dash when there is none, so that "empty" never reads as "still loading". */
export function Value({ text }: { text: string }) {
  return text ? <>{text}</> : <span className="dim" aria-label="empty">—</span>;
}
