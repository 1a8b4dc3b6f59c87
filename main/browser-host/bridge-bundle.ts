// Bundles preload/browser-bridge.ts (and the contract it builds on) into one classic script for addInitScript.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

const bridgeEntry = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'preload', 'browser-bridge.ts');

let cached: Promise<string> | null = null;

export function bridgeScript(): Promise<string> {
  cached ??= bundle();
  return cached;
}

async function bundle(): Promise<string> {
  const result = (await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      target: 'chrome120',
      lib: { entry: bridgeEntry, formats: ['iife'], name: 'LanternBrowserBridge', fileName: 'bridge' },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const outputs = Array.isArray(result) ? result : [result];
  const chunk = outputs.flatMap((output) => output.output).find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`bundling ${bridgeEntry} produced no script`);
  return chunk.code;
}
