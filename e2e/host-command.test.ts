// `lantern host` as a user runs it: prints the URL it serves, serves the renderer, and shuts down on Ctrl+C.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDataRoot, repoRoot } from './support/host';

describe('lantern host', () => {
  const dataRoot = freshDataRoot('host-command');
  afterAll(() => fs.rmSync(dataRoot, { recursive: true, force: true }));

  it('serves the workstation at the URL it prints and exits cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'lantern.mjs'), 'host', '--headless', '--data-dir', dataRoot], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /Lantern is running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      void exited.then((code) => reject(new Error(`lantern host exited (${code}) before printing its URL: ${stdout}`)));
    });

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"></div>');
    expect((await fetch(new URL('/instances/1.2.3', url))).status).toBe(404);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    // The data directory it opened is a real Lantern store.
    expect(fs.existsSync(path.join(dataRoot, 'lantern.sqlite'))).toBe(true);
  });

  it('refuses a port that is not a number, with usage exit code 2', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'lantern.mjs'), 'host', '--port', 'abc', '--data-dir', dataRoot], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a port number, got "abc"');
  });
});
