import { dataDirAt } from '../store/data-dir';
import { openDatabase } from '../store/database';
import type { CliContext } from './main';

interface StudyListing {
  studyInstanceUid: string;
  patientId: string;
  patientName: string;
  studyDate: string;
  modalities: string[];
  seriesCount: number;
  instanceCount: number;
}

export async function studiesCommand({ dataRoot, json }: CliContext): Promise<number> {
  const db = openDatabase(dataDirAt(dataRoot).database);
  try {
    const rows = db
      .prepare(
        `SELECT study_uid, patient_id, patient_name, study_date, modalities, series_count, instance_count
         FROM studies ORDER BY study_date DESC, patient_name`,
      )
      .all() as {
      study_uid: string;
      patient_id: string;
      patient_name: string;
      study_date: string;
      modalities: string;
      series_count: number;
      instance_count: number;
    }[];
    const studies: StudyListing[] = rows.map((row) => ({
      studyInstanceUid: row.study_uid,
      patientId: row.patient_id,
      patientName: row.patient_name,
      studyDate: row.study_date,
      modalities: row.modalities ? row.modalities.split('\\') : [],
      seriesCount: row.series_count,
      instanceCount: row.instance_count,
    }));
    if (json) process.stdout.write(`${JSON.stringify(studies)}\n`);
    else {
      for (const s of studies) {
        process.stdout.write(
          `${s.studyDate || '--------'}  ${s.patientName.padEnd(28)} ${s.patientId.padEnd(16)} ${s.modalities.join('/').padEnd(8)} ${s.seriesCount} series, ${s.instanceCount} images  ${s.studyInstanceUid}\n`,
        );
      }
      process.stdout.write(`${studies.length} studies\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}
