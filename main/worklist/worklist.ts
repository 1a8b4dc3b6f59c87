// Worklist and study queries. Every filter, sort and page is done by SQLite on indexed columns; the renderer only
// ever receives the rows it is about to show.
import type {
  AiState,
  ReadStatus,
  StudyDetail,
  WorklistColumn,
  WorklistPage,
  WorklistQueryParsed,
  WorklistRow,
} from '../../preload/contract';
import type { StoredLocation } from '../dicom/instance-store';
import type { Db } from '../store/database';

/** Sort keys in the exact column order of their index (the rowid is the index's implicit last key), so that
 * SQLite walks the index instead of sorting, deep pages included. */
const SORT_KEYS: Record<WorklistColumn, string[]> = {
  patientName: ['patient_name COLLATE NOCASE'],
  patientId: ['patient_id'],
  patientSex: ['patient_sex'],
  patientAge: ['patient_age'],
  studyDate: ['study_date', 'study_time'],
  modalities: ['modalities'],
  description: ['description COLLATE NOCASE'],
  accession: ['accession'],
  seriesCount: ['series_count'],
  instanceCount: ['instance_count'],
  // Within a status, by date: the (read_status, study_date) index serves both.
  readStatus: ['read_status', 'study_date'],
};

/** Below this many matches, sorting the matches is cheaper than walking the sort index to find them. */
const SORT_MATCHES_BELOW = 5_000;

interface StudyRow {
  study_uid: string;
  patient_name: string;
  patient_id: string;
  patient_sex: string;
  patient_age: string;
  patient_birth_date: string;
  study_date: string;
  study_time: string;
  modalities: string;
  description: string;
  accession: string;
  series_count: number;
  instance_count: number;
  read_status: ReadStatus;
  ai_state: AiState | null;
  ai_reason: string | null;
  ai_top_label: string | null;
  ai_top_score: number | null;
  referring_physician: string;
  institution: string;
}

const ROW_COLUMNS = `study_uid, patient_name, patient_id, patient_sex, patient_age, patient_birth_date, study_date, study_time,
  modalities, description, accession, series_count, instance_count, read_status,
  (SELECT state FROM ai_study_status WHERE study_ref = studies.id) AS ai_state,
  (SELECT reason FROM ai_study_status WHERE study_ref = studies.id) AS ai_reason,
  (SELECT top_label FROM ai_study_status WHERE study_ref = studies.id) AS ai_top_label,
  (SELECT top_score FROM ai_study_status WHERE study_ref = studies.id) AS ai_top_score`;

const toWorklistRow = (row: StudyRow): WorklistRow => ({
  studyInstanceUid: row.study_uid,
  patientName: row.patient_name,
  patientId: row.patient_id,
  patientSex: row.patient_sex,
  patientAge: row.patient_age,
  patientBirthDate: row.patient_birth_date,
  studyDate: row.study_date,
  studyTime: row.study_time,
  modalities: row.modalities ? row.modalities.split('\\') : [],
  description: row.description,
  accession: row.accession,
  seriesCount: row.series_count,
  instanceCount: row.instance_count,
  readStatus: row.read_status,
  ai: row.ai_state
    ? { state: row.ai_state, reason: row.ai_reason, topLabel: row.ai_top_label, topScore: row.ai_top_score }
    : null,
});

/**
 * Three characters or more: substring match anywhere through the trigram index. Shorter: prefix match on index
 * ranges (a two-letter substring would match half the table, a two-letter prefix is what someone typing means).
 */
function searchClause(search: string, params: unknown[]): string | null {
  const term = search.trim();
  if (!term) return null;
  if ([...term].length >= 3) {
    params.push(`"${term.replace(/"/g, '""')}"`);
    return 'id IN (SELECT rowid FROM study_search WHERE study_search MATCH ?)';
  }
  const upper = term.toUpperCase();
  params.push(term, `${term}\uffff`, upper, `${upper}\uffff`, upper, `${upper}\uffff`);
  // A UNION of three index ranges: written as one OR, SQLite scans the whole table instead.
  return `id IN (SELECT id FROM studies WHERE patient_name >= ? COLLATE NOCASE AND patient_name < ? COLLATE NOCASE
    UNION SELECT id FROM studies WHERE patient_id >= ? AND patient_id < ?
    UNION SELECT id FROM studies WHERE accession >= ? AND accession < ?)`;
}

function whereClause(query: WorklistQueryParsed): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const search = searchClause(query.search, params);
  if (search) conditions.push(search);
  if (query.modalities.length > 0) {
    conditions.push(`id IN (SELECT study_ref FROM study_modalities WHERE modality IN (${query.modalities.map(() => '?').join(', ')}))`);
    params.push(...query.modalities);
  }
  if (query.dateFrom) {
    conditions.push('study_date >= ?');
    params.push(query.dateFrom);
  }
  if (query.dateTo) {
    conditions.push("study_date <= ? AND study_date <> ''");
    params.push(query.dateTo);
  }
  if (query.aiPositive) conditions.push('id IN (SELECT study_ref FROM ai_study_status WHERE top_label IS NOT NULL)');
  if (query.statuses.length > 0) {
    conditions.push(`read_status IN (${query.statuses.map(() => '?').join(', ')})`);
    params.push(...query.statuses);
  }
  return { sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

export class Worklist {
  private readonly counts = new Map<string, number>();
  private countsVersion = '';

  constructor(private readonly db: Db) {}

  query(query: WorklistQueryParsed): WorklistPage {
    const { sql, params } = whereClause(query);
    const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
    // id breaks ties so that paging is stable while the user scrolls.
    const order = `ORDER BY ${[...SORT_KEYS[query.sort.column], 'id'].map((key) => `${key} ${direction}`).join(', ')}`;
    const total = this.count(sql, params);
    // Many matches: walk the sort index and test each row ("+id" keeps SQLite from driving by the search or
    // modality lists, which would mean sorting every match to show the first hundred).
    const where = total >= SORT_MATCHES_BELOW ? sql.replace(/\bid IN \(/g, '+id IN (') : sql;
    const rows = this.db
      .prepare(`SELECT ${ROW_COLUMNS} FROM studies ${where} ${order} LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset) as StudyRow[];
    return { total, offset: query.offset, rows: rows.map(toWorklistRow) };
  }

  /**
   * Counts are cached per filter until the database changes (data_version moves when another connection, such
   * as the import worker, commits): scrolling asks for many pages of one filter and needs the count once.
   */
  private count(sql: string, params: unknown[]): number {
    // data_version covers other connections' commits, total_changes() this connection's own writes.
    const version = `${this.db.pragma('data_version', { simple: true })}:${this.db.prepare('SELECT total_changes()').pluck().get()}`;
    if (version !== this.countsVersion) {
      this.counts.clear();
      this.countsVersion = version;
    }
    const key = `${sql}\u0000${JSON.stringify(params)}`;
    let total = this.counts.get(key);
    if (total === undefined) {
      total = this.db.prepare(`SELECT count(*) FROM studies ${sql}`).pluck().get(...params) as number;
      this.counts.set(key, total);
    }
    return total;
  }

  modalities(): string[] {
    return this.db.prepare(`SELECT DISTINCT modality FROM series WHERE modality <> '' ORDER BY modality`).pluck().all() as string[];
  }

  study(studyInstanceUid: string): StudyDetail | null {
    const row = this.db
      .prepare(`SELECT id, ${ROW_COLUMNS}, referring_physician, institution FROM studies WHERE study_uid = ?`)
      .get(studyInstanceUid) as (StudyRow & { id: number }) | undefined;
    if (!row) return null;
    const series = this.db
      .prepare(
        `SELECT id, series_uid, modality, series_number, description, body_part FROM series WHERE study_ref = ?
         ORDER BY series_number IS NULL, series_number, id`,
      )
      .all(row.id) as {
      id: number;
      series_uid: string;
      modality: string;
      series_number: number | null;
      description: string;
      body_part: string;
    }[];
    const instances = this.db.prepare(
      `SELECT sop_uid, instance_number, frames, rows, columns, transfer_syntax, photometric FROM instances
       WHERE series_ref = ? ORDER BY instance_number IS NULL, instance_number, id`,
    );
    return {
      study: { ...toWorklistRow(row), referringPhysician: row.referring_physician, institution: row.institution },
      series: series.map((s) => ({
        seriesInstanceUid: s.series_uid,
        modality: s.modality,
        seriesNumber: s.series_number,
        description: s.description,
        bodyPart: s.body_part,
        instances: (
          instances.all(s.id) as {
            sop_uid: string;
            instance_number: number | null;
            frames: number;
            rows: number | null;
            columns: number | null;
            transfer_syntax: string;
            photometric: string;
          }[]
        ).map((i) => ({
          sopInstanceUid: i.sop_uid,
          instanceNumber: i.instance_number,
          frames: i.frames,
          rows: i.rows,
          columns: i.columns,
          transferSyntaxUid: i.transfer_syntax,
          photometricInterpretation: i.photometric,
        })),
      })),
    };
  }

  /** Where an instance's bytes are stored, for the byte handler and the pixel pipeline. */
  instanceLocation(sopInstanceUid: string): StoredLocation | null {
    return (
      (this.db
        .prepare('SELECT file_path AS relativePath, file_offset AS offset, file_size AS size FROM instances WHERE sop_uid = ?')
        .get(sopInstanceUid) as StoredLocation | undefined) ?? null
    );
  }
}
