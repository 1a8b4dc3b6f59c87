// Keyboard and mouse reference, generated from the shortcut table.
import { SHORTCUT_GROUPS } from './shortcuts';

const MOUSE = [
  ['Left drag', 'Active tool (window / level by default)'],
  ['Right drag', 'Zoom'],
  ['Middle drag', 'Pan'],
  ['Wheel', 'Scroll through the stack'],
  ['Ctrl + wheel', 'Zoom'],
  ['Click a viewport', 'Make it active; the series strip loads into it'],
] as const;

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="viewer-help-backdrop" onClick={onClose}>
      <div className="viewer-help" role="dialog" aria-label="Viewer shortcuts" onClick={(event) => event.stopPropagation()}>
        <header>
          <h2>Shortcuts</h2>
          <button type="button" className="ghost" onClick={onClose} aria-label="Close help">
            Esc
          </button>
        </header>
        <div className="viewer-help-columns">
          <section>
            <h3>Mouse</h3>
            <dl>
              {MOUSE.map(([input, effect]) => (
                <div key={input}>
                  <dt>{input}</dt>
                  <dd>{effect}</dd>
                </div>
              ))}
            </dl>
          </section>
          {SHORTCUT_GROUPS.map((group) => (
            <section key={group.title}>
              <h3>{group.title}</h3>
              <dl>
                {group.shortcuts.map((shortcut) => (
                  <div key={shortcut.label}>
                    <dt>
                      <kbd>{shortcut.label}</kbd>
                    </dt>
                    <dd>{shortcut.description}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
