// A generated corpus of small instances for import tests and benchmarks.
import fs from 'node:fs';
import path from 'node:path';
import { makeInstance, uid } from './dicom-fixtures';

const FAMILY = ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Smith', 'Garcia', 'Müller', 'Kowalski', 'Okafor'];
const GIVEN = ['An', 'Binh', 'Chi', 'Dung', 'Mai', 'John', 'Maria', 'Jürgen', 'Anna', 'Chidi'];

/** Writes `instances` files, `perStudy` to a study, into `folder` (one sub-folder per study, like a CD). */
export function writeCorpus(folder: string, instances: number, perStudy = 4, rows = 16): string[] {
  const written: string[] = [];
  let studyUid = '';
  let seriesUid = '';
  for (let i = 0; i < instances; i++) {
    const studyIndex = Math.floor(i / perStudy);
    if (i % perStudy === 0) {
      studyUid = uid();
      seriesUid = uid();
      fs.mkdirSync(path.join(folder, `S${studyIndex}`), { recursive: true });
    }
    const file = path.join(folder, `S${studyIndex}`, `IM${i % perStudy}`);
    fs.writeFileSync(
      file,
      makeInstance({
        studyUid,
        seriesUid,
        sopUid: uid(),
        instanceNumber: (i % perStudy) + 1,
        patientName: `${FAMILY[studyIndex % FAMILY.length]}^${GIVEN[(studyIndex * 7) % GIVEN.length]}`,
        patientId: `P${String(studyIndex).padStart(6, '0')}`,
        accession: `A${String(studyIndex).padStart(7, '0')}`,
        studyDate: `2026${String((studyIndex % 12) + 1).padStart(2, '0')}${String((studyIndex % 28) + 1).padStart(2, '0')}`,
        rows,
        columns: rows,
      }),
    );
    written.push(file);
  }
  return written;
}
