/** A path as people scan it: the file's name first, its folder after, dimmed (and cut short first). */
export function FileName({ path }: { path: string }) {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return (
    <>
      <span className="file-name">{path.slice(cut + 1)}</span>
      <span className="dim">{path.slice(0, cut + 1)}</span>
    </>
  );
}
