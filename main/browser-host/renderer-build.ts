// Builds the renderer bundle for the browser host with the same Vite config as the desktop build, only when the
// sources changed since the last build: a warm start of the host costs a directory walk, not a build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { rendererOutDir, rendererViteConfig } from '../../build/renderer.vite';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Everything the renderer bundle is built from. */
const RENDERER_INPUTS = ['renderer', 'preload', 'build/renderer.vite.ts', 'package.json'].map((p) => path.join(repoRoot, p));

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function rendererIsStale(outDir = rendererOutDir): boolean {
  const built = fs.statSync(path.join(outDir, 'index.html'), { throwIfNoEntry: false });
  if (!built) return true;
  return RENDERER_INPUTS.some((input) => newestMtime(input) > built.mtimeMs);
}

/**
 * Makes sure out/renderer holds a current build and returns its folder. The build goes to a private folder first
 * and is swapped in afterwards, so two hosts starting at once never serve a half-written bundle.
 */
export async function ensureRendererBuilt(options: { rebuild?: boolean } = {}): Promise<string> {
  if (!options.rebuild && !rendererIsStale()) return rendererOutDir;
  const staging = `${rendererOutDir}.building-${process.pid}-${Date.now()}`;
  try {
    await build({
      ...rendererViteConfig,
      configFile: false,
      logLevel: 'warn',
      build: { ...rendererViteConfig.build, outDir: staging, emptyOutDir: true },
    });
    fs.rmSync(rendererOutDir, { recursive: true, force: true });
    fs.renameSync(staging, rendererOutDir);
  } catch (error) {
    throw new Error(`building the renderer (vite, ${path.relative(repoRoot, staging)}) failed: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return rendererOutDir;
}
