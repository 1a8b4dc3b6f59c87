// Builds the renderer once per run (only if its sources changed), so no test pays for a build in its timeout.
import { ensureRendererBuilt } from '../../main/browser-host/renderer-build';

export default async function setup(): Promise<void> {
  await ensureRendererBuilt();
}
