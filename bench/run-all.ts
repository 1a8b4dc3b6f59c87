// `npm run bench`: every benchmark in turn, each in its own process so one's memory and caches don't skew the next.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const BENCHMARKS = ['import.ts', 'worklist.ts', 'first-pixel.ts', 'inference.ts'];

let failed = 0;
for (const bench of BENCHMARKS) {
  process.stdout.write(`\n=== bench/${bench} ===\n`);
  try {
    execFileSync(process.execPath, ['--import', 'tsx', path.join(here, bench), ...process.argv.slice(2)], { stdio: 'inherit' });
  } catch {
    failed++;
    process.stdout.write(`bench/${bench} failed\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
