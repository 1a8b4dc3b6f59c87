// Import/index throughput against pydicom reading the same headers, on generated corpora of growing size.
// Run: npx tsx bench/import.ts [--sizes 1000,2500,5000]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeCorpus } from '../tests/support/corpus';
import { printTable, sizesArg } from './report';

const sizes = sizesArg([1000, 2500, 5000]);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-bench-import-'));
const here = path.dirname(new URL(import.meta.url).pathname);

interface Run {
  files: number;
  seconds: number;
  maxRssMiB: number;
}
const json = (output: string) => JSON.parse(output.trim().split('\n').pop()!) as Run;

const rows: string[][] = [];
try {
  for (const size of sizes) {
    const corpus = path.join(work, `corpus-${size}`);
    writeCorpus(corpus, size);
    const lantern = json(
      execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'import-child.ts'), corpus, path.join(work, `data-${size}`)], {
        encoding: 'utf8',
      }),
    );
    const pydicom = json(execFileSync('/usr/bin/python3', [path.join(here, 'pydicom_headers.py'), corpus], { encoding: 'utf8' }));
    const lanternRate = lantern.files / lantern.seconds;
    const pydicomRate = pydicom.files / pydicom.seconds;
    rows.push([
      String(size),
      lanternRate.toFixed(0),
      pydicomRate.toFixed(0),
      `${(lanternRate / pydicomRate).toFixed(2)}×`,
      lantern.maxRssMiB.toFixed(0),
      pydicom.maxRssMiB.toFixed(0),
    ]);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

printTable(
  'Import: parse + copy into the store + index in SQLite (Lantern) vs pydicom dcmread(stop_before_pixels) (reference)',
  ['instances', 'Lantern files/s', 'pydicom files/s', 'ratio (target ≥ 3×)', 'Lantern peak MiB', 'pydicom peak MiB'],
  rows,
);
