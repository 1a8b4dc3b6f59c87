// Writes parsed instances into the patient → study → series → instance index.
import type { Db } from '../store/database';
import type { InstanceHeader } from './header';
import type { StoredLocation } from './instance-store';

export interface IndexedInstance {
  header: InstanceHeader;
  location: StoredLocation;
}

export class IndexWriter {
  private readonly findInstance;
  private readonly upsertPatient;
  private readonly insertStudy;
  private readonly findStudy;
  private readonly insertSeries;
  private readonly findSeries;
  private readonly insertInstance;

  private readonly studyIds = new Map<string, number>();
  private readonly seriesIds = new Map<string, number>();
  /** Instances added in this batch per series ref and per study ref, applied to the counts at its end. */
  private readonly addedToSeries = new Map<number, number>();
  private readonly addedToStudy = new Map<number, number>();
  private readonly countSeries;
  private readonly countStudy;

  constructor(private readonly db: Db) {
    this.findInstance = db.prepare('SELECT 1 FROM instances WHERE sop_uid = ?').pluck();
    this.countSeries = db.prepare('UPDATE series SET instance_count = instance_count + ? WHERE id = ?');
    this.countStudy = db.prepare('UPDATE studies SET instance_count = instance_count + ? WHERE id = ?');
    this.upsertPatient = db
      .prepare(
        `INSERT INTO patients (patient_id, patient_name, birth_date, sex) VALUES (@id, @name, @birthDate, @sex)
         ON CONFLICT (patient_id, patient_name, birth_date) DO UPDATE SET sex = CASE WHEN sex = '' THEN excluded.sex ELSE sex END
         RETURNING id`,
      )
      .pluck();
    this.insertStudy = db.prepare(
      `INSERT INTO studies (study_uid, patient_ref, patient_name, patient_id, patient_sex, patient_birth_date, patient_age,
         study_date, study_time, accession, description, referring_physician, institution)
       VALUES (@uid, @patientRef, @patientName, @patientId, @patientSex, @patientBirthDate, @patientAge,
         @date, @time, @accession, @description, @referringPhysician, @institution)
       ON CONFLICT (study_uid) DO NOTHING`,
    );
    this.findStudy = db.prepare('SELECT id FROM studies WHERE study_uid = ?').pluck();
    this.insertSeries = db.prepare(
      `INSERT INTO series (series_uid, study_ref, modality, series_number, description, body_part)
       VALUES (@uid, @studyRef, @modality, @number, @description, @bodyPart)
       ON CONFLICT (series_uid) DO NOTHING`,
    );
    this.findSeries = db.prepare('SELECT id FROM series WHERE series_uid = ?').pluck();
    this.insertInstance = db.prepare(
      `INSERT INTO instances (sop_uid, series_ref, sop_class_uid, instance_number, transfer_syntax, rows, columns,
         frames, photometric, file_path, file_offset, file_size)
       VALUES (@sopUid, @seriesRef, @sopClassUid, @number, @transferSyntax, @rows, @columns, @frames, @photometric,
         @filePath, @fileOffset, @fileSize)`,
    );
  }

  isIndexed(sopInstanceUid: string): boolean {
    return this.findInstance.get(sopInstanceUid) !== undefined;
  }

  /** Adds a batch in one transaction: either every instance of the batch is indexed, or none is. */
  addBatch(instances: readonly IndexedInstance[]): void {
    try {
      this.db.transaction(() => {
        for (const item of instances) this.add(item);
        for (const [ref, added] of this.addedToSeries) this.countSeries.run(added, ref);
        for (const [ref, added] of this.addedToStudy) this.countStudy.run(added, ref);
      })();
    } finally {
      this.addedToSeries.clear();
      this.addedToStudy.clear();
      // Ids are cached for one batch only: memory stays flat however large the import, and a rolled-back batch
      // leaves no cached id of a row that does not exist.
      this.studyIds.clear();
      this.seriesIds.clear();
    }
  }

  private studyRef(header: InstanceHeader): number {
    const cached = this.studyIds.get(header.study.uid);
    if (cached !== undefined) return cached;
    const existing = this.findStudy.get(header.study.uid) as number | undefined;
    let id = existing;
    if (id === undefined) {
      const patientRef = this.upsertPatient.get(header.patient) as number;
      const { patient, study } = header;
      this.insertStudy.run({
        ...study,
        patientRef,
        patientName: patient.name,
        patientId: patient.id,
        patientSex: patient.sex,
        patientBirthDate: patient.birthDate,
        patientAge: patient.age,
      });
      id = this.findStudy.get(study.uid) as number;
    }
    this.studyIds.set(header.study.uid, id);
    return id;
  }

  private seriesRef(header: InstanceHeader, studyRef: number): number {
    const cached = this.seriesIds.get(header.series.uid);
    if (cached !== undefined) return cached;
    this.insertSeries.run({ ...header.series, studyRef });
    const id = this.findSeries.get(header.series.uid) as number;
    this.seriesIds.set(header.series.uid, id);
    return id;
  }

  private add({ header, location }: IndexedInstance): void {
    const studyRef = this.studyRef(header);
    const seriesRef = this.seriesRef(header, studyRef);
    this.addedToSeries.set(seriesRef, (this.addedToSeries.get(seriesRef) ?? 0) + 1);
    this.addedToStudy.set(studyRef, (this.addedToStudy.get(studyRef) ?? 0) + 1);
    this.insertInstance.run({
      sopUid: header.sopInstanceUid,
      seriesRef,
      sopClassUid: header.sopClassUid,
      number: header.instance.number,
      transferSyntax: header.transferSyntaxUid,
      rows: header.instance.rows,
      columns: header.instance.columns,
      frames: header.instance.frames,
      photometric: header.instance.photometric,
      filePath: location.relativePath,
      fileOffset: location.offset,
      fileSize: location.size,
    });
  }
}
