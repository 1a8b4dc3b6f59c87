// Debian's Python (/usr/bin/python3) with python3-pydicom and python3-numpy: the independent reference.
import { spawnSync } from 'node:child_process';

export const DEBIAN_PYTHON = '/usr/bin/python3';

export function runPython(script: string, args: string[] = [], input?: string): string {
  const result = spawnSync(DEBIAN_PYTHON, [script, ...args], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${script} failed (${result.status}): ${result.stderr || result.error?.message}`);
  return result.stdout;
}

export function runPythonCode(code: string, args: string[] = []): string {
  const result = spawnSync(DEBIAN_PYTHON, ['-c', code, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`python failed (${result.status}): ${result.stderr || result.error?.message}`);
  return result.stdout;
}
