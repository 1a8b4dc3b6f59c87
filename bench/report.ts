// Shared printing for the benchmarks: aligned tables on stdout.
export function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  process.stdout.write(`\n${title}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** `--sizes 1000,5000` on the command line, or the defaults. */
export function sizesArg(defaults: number[]): number[] {
  const at = process.argv.indexOf('--sizes');
  return at > 0 ? process.argv[at + 1]!.split(',').map(Number) : defaults;
}
