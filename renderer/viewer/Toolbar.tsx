// The slim toolbar (the app's top bar already names the patient): back, mouse tool, presets that fit the modality, orientation, cine, layout, help.
import type { PrimaryTool } from './cornerstone/setup';
import { PRESETS, presetAppliesTo, type PresetId } from './presets';

interface Props {
  modality: string;
  tool: PrimaryTool;
  layout: 1 | 2;
  cine: { playing: boolean; fps: number; available: boolean };
  onBack: () => void;
  onTool: (tool: PrimaryTool) => void;
  onPreset: (preset: PresetId) => void;
  onRotate: () => void;
  onFlip: (axis: 'horizontal' | 'vertical') => void;
  onInvert: () => void;
  onReset: () => void;
  onCine: () => void;
  onCineFps: (fps: number) => void;
  onLayout: () => void;
  onHelp: () => void;
}

const TOOLS: { id: PrimaryTool; label: string; key: string }[] = [
  { id: 'windowLevel', label: 'W/L', key: 'W' },
  { id: 'zoom', label: 'Zoom', key: 'Z' },
  { id: 'pan', label: 'Pan', key: 'P' },
  { id: 'scroll', label: 'Scroll', key: 'S' },
];

export function Toolbar(props: Props) {
  const presets = PRESETS.filter((preset) => presetAppliesTo(preset, props.modality));
  return (
    <header
      className="viewer-toolbar"
      // Clicking a tool must not leave focus on its button, or the next Space (reset) would press it again.
      onMouseDown={(event) => {
        if (!(event.target instanceof HTMLInputElement)) event.preventDefault();
      }}
    >
      <button type="button" className="ghost" onClick={props.onBack} title="Back to the worklist (Esc)" data-testid="viewer-back">
        ← Worklist
      </button>
      <div className="toolbar-group" role="group" aria-label="Mouse tool">
        {TOOLS.map((tool) => (
          <button
            key={tool.id}
            type="button"
            className={props.tool === tool.id ? 'on' : ''}
            aria-pressed={props.tool === tool.id}
            title={`${tool.label} (${tool.key})`}
            data-testid={`tool-${tool.id}`}
            onClick={() => props.onTool(tool.id)}
          >
            {tool.label}
          </button>
        ))}
      </div>
      <div className="toolbar-group" role="group" aria-label="Window presets">
        {presets.map((preset) => (
          <button
            key={preset.id}
            type="button"
            title={`${preset.label}${preset.window ? ` W ${preset.window.width} L ${preset.window.center}` : ''} (${preset.key})`}
            data-testid={`preset-${preset.id}`}
            onClick={() => props.onPreset(preset.id)}
          >
            {preset.label}
          </button>
        ))}
      </div>
      <div className="toolbar-group" role="group" aria-label="Orientation">
        <button type="button" title="Rotate 90° (R)" data-testid="action-rotate" onClick={props.onRotate}>
          ⟳
        </button>
        <button type="button" title="Flip horizontally (H)" data-testid="action-flip-h" onClick={() => props.onFlip('horizontal')}>
          ⇆
        </button>
        <button type="button" title="Flip vertically (V)" data-testid="action-flip-v" onClick={() => props.onFlip('vertical')}>
          ⇅
        </button>
        <button type="button" title="Invert (I)" data-testid="action-invert" onClick={props.onInvert}>
          ◐
        </button>
        <button type="button" title="Reset (Space)" data-testid="action-reset" onClick={props.onReset}>
          Reset
        </button>
      </div>
      <div className="toolbar-group" role="group" aria-label="Cine">
        <button
          type="button"
          className={props.cine.playing ? 'on' : ''}
          disabled={!props.cine.available}
          title="Cine play / pause (C)"
          data-testid="action-cine"
          onClick={props.onCine}
        >
          {props.cine.playing ? '❚❚' : '▶'}
        </button>
        <label className="cine-rate" title="Frames per second ([ and ])">
          <input
            type="number"
            min={1}
            max={60}
            value={props.cine.fps}
            disabled={!props.cine.available}
            data-testid="cine-fps"
            onChange={(event) => props.onCineFps(Number(event.target.value))}
          />
          fps
        </label>
      </div>
      <div className="toolbar-spacer" />
      <button type="button" className={props.layout === 2 ? 'on' : ''} title="Layout 1×1 / 1×2 (L)" data-testid="action-layout" onClick={props.onLayout}>
        {props.layout === 2 ? '1×2' : '1×1'}
      </button>
      <button type="button" className="ghost" title="Shortcuts (? or F1)" data-testid="action-help" onClick={props.onHelp}>
        ?
      </button>
    </header>
  );
}
