// Cornerstone is initialised once per page: core (with the host's rendering preference), the DICOM loader with its
// decode workers, and the tools library with the viewer's one tool group.
import { init as initCore, RenderingEngine, getRenderingEngine } from '@cornerstonejs/core';
import { init as initLoader } from '@cornerstonejs/dicom-image-loader';
import {
  init as initTools,
  addTool,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  Enums as ToolEnums,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';

export const RENDERING_ENGINE_ID = 'lantern-viewer';
export const TOOL_GROUP_ID = 'lantern-viewer-tools';

/** Tools the left mouse button can drive; right drag zooms, middle drag pans, the wheel scrolls whatever is chosen. */
export const PRIMARY_TOOLS = {
  windowLevel: WindowLevelTool.toolName,
  zoom: ZoomTool.toolName,
  pan: PanTool.toolName,
  scroll: StackScrollTool.toolName,
} as const;
export type PrimaryTool = keyof typeof PRIMARY_TOOLS;

let ready: Promise<void> | null = null;

/** Idempotent: every viewer mount awaits the same initialisation. */
export function ensureCornerstone(options: { useCPURendering: boolean }): Promise<void> {
  ready ??= initialise(options).catch((error: unknown) => {
    ready = null;
    throw new Error(`Cornerstone failed to initialise: ${error instanceof Error ? error.message : String(error)}`);
  });
  return ready;
}

async function initialise({ useCPURendering }: { useCPURendering: boolean }): Promise<void> {
  initCore({ rendering: { useCPURendering }, debug: {} });
  // One decode worker per two cores (the loader's own default) keeps the UI thread free on small machines.
  initLoader({ maxWebWorkers: Math.max(1, Math.floor((navigator.hardwareConcurrency || 2) / 2)) });
  initTools();
  for (const tool of [WindowLevelTool, ZoomTool, PanTool, StackScrollTool]) addTool(tool);
  createToolGroup();
}

function createToolGroup(): void {
  const group = ToolGroupManager.createToolGroup(TOOL_GROUP_ID);
  if (!group) throw new Error(`tool group ${TOOL_GROUP_ID} already exists`);
  group.addTool(WindowLevelTool.toolName);
  group.addTool(ZoomTool.toolName, { minZoomScale: 0.05, maxZoomScale: 40 });
  group.addTool(PanTool.toolName);
  group.addTool(StackScrollTool.toolName);
  setPrimaryTool('windowLevel');
}

const { MouseBindings, KeyboardBindings } = ToolEnums;

/** Fixed bindings every reader expects, whatever the left button does. */
function fixedBindings(tool: string): ToolTypes.IToolBinding[] {
  switch (tool) {
    case ZoomTool.toolName:
      return [{ mouseButton: MouseBindings.Secondary }, { mouseButton: MouseBindings.Wheel, modifierKey: KeyboardBindings.Ctrl }];
    case PanTool.toolName:
      return [{ mouseButton: MouseBindings.Auxiliary }];
    case StackScrollTool.toolName:
      return [{ mouseButton: MouseBindings.Wheel }];
    default:
      return [];
  }
}

export function setPrimaryTool(primary: PrimaryTool): void {
  const group = ToolGroupManager.getToolGroup(TOOL_GROUP_ID);
  if (!group) return;
  for (const tool of Object.values(PRIMARY_TOOLS)) {
    const bindings = [...fixedBindings(tool), ...(tool === PRIMARY_TOOLS[primary] ? [{ mouseButton: MouseBindings.Primary }] : [])];
    // setToolActive only adds bindings; passive first clears the previous left-button owner.
    group.setToolPassive(tool, { removeAllBindings: true });
    if (bindings.length > 0) group.setToolActive(tool, { bindings });
  }
}

export function renderingEngine(): RenderingEngine {
  return (getRenderingEngine(RENDERING_ENGINE_ID) as RenderingEngine | undefined) ?? new RenderingEngine(RENDERING_ENGINE_ID);
}
