// A large worklist written straight into a data directory's SQLite index (no instance files): for testing how the
// UI copes with a clinic's years of studies. Deterministic, so a failing row can be looked up again.
import { openDatabase } from '../../main/store/database';
import { dataDirAt } from '../../main/store/data-dir';

const FAMILY = ['Okafor', 'Lindqvist', 'Haddad', 'Nakamura', 'Moreau', 'Kowalski', 'Silva', 'Brennan', 'Osei', 'Ivanova', 'Tanaka', 'Meyer'];
const GIVEN = ['Ada', 'Bruno', 'Chiara', 'Dmitri', 'Esi', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena', 'Mateo'];
const STUDIES = [
  ['CR', 'Chest PA and lateral'],
  ['DX', 'Chest AP portable'],
  ['CT', 'CT head without contrast'],
  ['CT', 'CT abdomen and pelvis with contrast'],
  ['MR', 'MR brain with and without contrast'],
  ['US', 'US abdomen complete'],
  ['MG', 'Screening mammogram bilateral'],
] as const;
const STATUSES = ['unread', 'unread', 'unread', 'in_progress', 'final'] as const;

/** Writes `count` studies (and one patient per 5 studies) into the data directory's database. */
export function writeSyntheticWorklist(dataRoot: string, count: number): void {
  const db = openDatabase(dataDirAt(dataRoot).database);
  // A throwaway test database: trade durability for speed while the bulk insert builds a dozen indexes.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  try {
    const addPatient = db.prepare('INSERT INTO patients (patient_id, patient_name, birth_date, sex) VALUES (?, ?, ?, ?)');
    const addStudy = db.prepare(
      `INSERT INTO studies (study_uid, patient_ref, patient_name, patient_id, patient_sex, patient_birth_date, patient_age,
         study_date, study_time, accession, description, modalities, series_count, instance_count, read_status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // The search index's per-row trigger is most of the cost of a bulk insert: fill the index once at the end
    // instead, then put the schema's own trigger back exactly as it was.
    const searchTrigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'study_search_insert'").pluck().get() as string;
    db.transaction(() => {
      db.exec('DROP TRIGGER study_search_insert');
      let patientRef = 0;
      let patient = { id: '', name: '', birth: '', sex: '' };
      const start = Date.UTC(2008, 0, 1);
      for (let i = 0; i < count; i++) {
        if (i % 5 === 0) {
          const n = i / 5;
          patient = {
            id: `P${String(n).padStart(7, '0')}`,
            name: `${FAMILY[n % FAMILY.length]}^${GIVEN[(n * 7) % GIVEN.length]}`,
            birth: `${1930 + (n % 80)}0${1 + (n % 9)}15`,
            sex: n % 2 === 0 ? 'F' : 'M',
          };
          patientRef = Number(addPatient.run(patient.id, patient.name, patient.birth, patient.sex).lastInsertRowid);
        }
        // Spread over ~17 years, one study every ~1.5 hours.
        const when = new Date(start + i * 5_400_000);
        const date = when.toISOString().slice(0, 10).replace(/-/g, '');
        const time = when.toISOString().slice(11, 19).replace(/:/g, '');
        const [modality, description] = STUDIES[i % STUDIES.length]!;
        const age = Math.max(0, when.getUTCFullYear() - Number(patient.birth.slice(0, 4)));
        addStudy.run(
          `2.25.${1_000_000 + i}`,
          patientRef,
          patient.name,
          patient.id,
          patient.sex,
          patient.birth,
          `${String(age).padStart(3, '0')}Y`,
          date,
          time,
          `ACC${String(i).padStart(8, '0')}`,
          description,
          modality,
          1 + (i % 4),
          1 + ((i * 13) % 300),
          STATUSES[i % STATUSES.length],
        );
      }
      db.exec('INSERT INTO study_search(rowid, patient_name, patient_id, accession) SELECT id, patient_name, patient_id, accession FROM studies');
      // Series rows (which fill study_modalities through a trigger) are not generated: fill it directly.
      db.exec('INSERT INTO study_modalities (modality, study_ref) SELECT modalities, id FROM studies');
      db.exec(searchTrigger);
    })();
  } finally {
    db.close();
  }
}
