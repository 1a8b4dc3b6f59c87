// Keyboard shortcuts: one table drives both the key handler and the help overlay, so they cannot disagree.
import { PRESETS, type PresetId } from './presets';

export type ViewerAction =
  | { type: 'tool'; tool: 'windowLevel' | 'zoom' | 'pan' | 'scroll' }
  | { type: 'preset'; preset: PresetId }
  | { type: 'rotate' }
  | { type: 'flip'; axis: 'horizontal' | 'vertical' }
  | { type: 'invert' }
  | { type: 'reset' }
  | { type: 'scroll'; delta: number }
  | { type: 'scrollTo'; edge: 'first' | 'last' }
  | { type: 'series'; delta: number }
  | { type: 'cine' }
  | { type: 'cineRate'; delta: number }
  | { type: 'layout' }
  | { type: 'nextPane' }
  | { type: 'help' }
  | { type: 'close' };

export interface Shortcut {
  /** `KeyboardEvent.key` values (letters lower-case). */
  keys: string[];
  /** How the keys are written in the help overlay. */
  label: string;
  description: string;
  action: ViewerAction;
}

export const SHORTCUT_GROUPS: { title: string; shortcuts: Shortcut[] }[] = [
  {
    title: 'Mouse tool (left button)',
    shortcuts: [
      { keys: ['w'], label: 'W', description: 'Window / level', action: { type: 'tool', tool: 'windowLevel' } },
      { keys: ['z'], label: 'Z', description: 'Zoom', action: { type: 'tool', tool: 'zoom' } },
      { keys: ['p'], label: 'P', description: 'Pan', action: { type: 'tool', tool: 'pan' } },
      { keys: ['s'], label: 'S', description: 'Scroll through the stack', action: { type: 'tool', tool: 'scroll' } },
    ],
  },
  {
    title: 'Window presets',
    shortcuts: PRESETS.map((preset) => ({
      keys: [preset.key],
      label: preset.key,
      description: preset.window ? `${preset.label} (W ${preset.window.width} L ${preset.window.center}, CT)` : preset.label,
      action: { type: 'preset', preset: preset.id },
    })),
  },
  {
    title: 'Image',
    shortcuts: [
      { keys: ['r'], label: 'R', description: 'Rotate 90° clockwise', action: { type: 'rotate' } },
      { keys: ['h'], label: 'H', description: 'Flip horizontally', action: { type: 'flip', axis: 'horizontal' } },
      { keys: ['v'], label: 'V', description: 'Flip vertically', action: { type: 'flip', axis: 'vertical' } },
      { keys: ['i'], label: 'I', description: 'Invert grey scale', action: { type: 'invert' } },
      { keys: [' '], label: 'Space', description: 'Reset window, zoom, rotation', action: { type: 'reset' } },
    ],
  },
  {
    title: 'Navigation',
    shortcuts: [
      { keys: ['ArrowUp'], label: '↑', description: 'Previous image', action: { type: 'scroll', delta: -1 } },
      { keys: ['ArrowDown'], label: '↓', description: 'Next image', action: { type: 'scroll', delta: 1 } },
      { keys: ['PageUp'], label: 'Page Up', description: '10 images back', action: { type: 'scroll', delta: -10 } },
      { keys: ['PageDown'], label: 'Page Down', description: '10 images forward', action: { type: 'scroll', delta: 10 } },
      { keys: ['Home'], label: 'Home', description: 'First image', action: { type: 'scrollTo', edge: 'first' } },
      { keys: ['End'], label: 'End', description: 'Last image', action: { type: 'scrollTo', edge: 'last' } },
      { keys: ['ArrowLeft'], label: '←', description: 'Previous series', action: { type: 'series', delta: -1 } },
      { keys: ['ArrowRight'], label: '→', description: 'Next series', action: { type: 'series', delta: 1 } },
      { keys: ['c'], label: 'C', description: 'Cine play / pause', action: { type: 'cine' } },
      { keys: ['['], label: '[', description: 'Cine slower', action: { type: 'cineRate', delta: -1 } },
      { keys: [']'], label: ']', description: 'Cine faster', action: { type: 'cineRate', delta: 1 } },
    ],
  },
  {
    title: 'Viewer',
    shortcuts: [
      { keys: ['l'], label: 'L', description: 'Layout 1×1 / 1×2', action: { type: 'layout' } },
      { keys: ['Tab'], label: 'Tab', description: 'Next viewport', action: { type: 'nextPane' } },
      { keys: ['?', 'F1'], label: '? / F1', description: 'This help', action: { type: 'help' } },
      { keys: ['Escape'], label: 'Esc', description: 'Close help, or back to the worklist', action: { type: 'close' } },
    ],
  },
];

const BY_KEY = new Map(SHORTCUT_GROUPS.flatMap((group) => group.shortcuts.flatMap((s) => s.keys.map((key) => [key, s] as const))));

/** The action for a key press, ignoring presses with Ctrl/Alt/Meta (those belong to the system and to zoom). */
export function actionForKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): ViewerAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return BY_KEY.get(key)?.action ?? null;
}
