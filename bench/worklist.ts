// Worklist query latency on 100,000 studies: the queries the worklist UI sends while a radiologist types, filters,
// sorts and scrolls. Run: npx tsx bench/worklist.ts [--sizes 100000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorklistQuery, type WorklistQuery as Query } from '../preload/contract';
import { dataDirAt } from '../main/store/data-dir';
import { openDatabase } from '../main/store/database';
import { Worklist } from '../main/worklist/worklist';
import { writeSyntheticWorklist } from '../e2e/support/synthetic-worklist';
import { percentile, printTable, sizesArg } from './report';

const [studies] = sizesArg([100_000]) as [number];
const REPEATS = 40;
const QUERIES: [string, Query][] = [
  ['default (date desc), first page', {}],
  ['scrolled deep (offset 90,000)', { offset: 90_000 }],
  ['sort by patient name', { sort: { column: 'patientName', direction: 'asc' } }],
  ['sort by description desc, offset 50,000', { sort: { column: 'description', direction: 'desc' }, offset: 50_000 }],
  ['sort by #images', { sort: { column: 'instanceCount', direction: 'desc' } }],
  ['search name "lindq"', { search: 'lindq' }],
  ['search accession "ACC0004"', { search: 'ACC0004' }],
  ['search 2 letters "ok"', { search: 'ok' }],
  ['modality CT + status unread', { modalities: ['CT'], statuses: ['unread'] }],
  ['date range 2015, sort name', { dateFrom: '20150101', dateTo: '20151231', sort: { column: 'patientName', direction: 'asc' } }],
];

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-bench-worklist-'));
try {
  writeSyntheticWorklist(root, studies);
  const db = openDatabase(dataDirAt(root).database);
  // "new filter": a fresh service each run, so the count is computed too (typing a search, changing a filter);
  // "scrolling": the same filter again, the count cached (what the virtualized list asks while scrolling).
  const measure = (fresh: boolean) => {
    const all: number[] = [];
    const rows = QUERIES.map(([label, query]) => {
      const parsed = WorklistQuery.parse({ limit: 100, ...query });
      const warm = new Worklist(db);
      warm.query(parsed); // compiled statements and a warm page cache, as in a running app
      const times = Array.from({ length: REPEATS }, () => {
        const worklist = fresh ? new Worklist(db) : warm;
        const started = performance.now();
        worklist.query(parsed);
        return performance.now() - started;
      });
      all.push(...times);
      return [label, percentile(times, 50).toFixed(2), percentile(times, 95).toFixed(2)];
    });
    rows.push(['ALL QUERIES', percentile(all, 50).toFixed(2), percentile(all, 95).toFixed(2)]);
    return { rows, p95: percentile(all, 95) };
  };
  const fresh = measure(true);
  const scrolling = measure(false);
  const title = (kind: string) => `Worklist on ${studies.toLocaleString('en')} studies, ${kind} (100 rows a page, ${REPEATS} runs each), ms`;
  printTable(title('new filter: count + page'), ['query', 'p50', 'p95'], fresh.rows);
  printTable(title('scrolling: page, count cached'), ['query', 'p50', 'p95'], scrolling.rows);
  for (const [kind, p95] of [['new filter', fresh.p95], ['scrolling', scrolling.p95]] as const) {
    process.stdout.write(`p95 ${kind}: ${p95.toFixed(2)} ms — target ≤ 30 ms: ${(p95 / 30).toFixed(2)}× of budget\n`);
  }
  db.close();
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
