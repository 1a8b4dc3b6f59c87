import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DicomRejection, readInstanceHeader } from '../../main/dicom/header';
import { makeInstance, uid, withoutPart10Header, withRawText } from '../support/dicom-fixtures';

const conformance = path.resolve('../shared/data/dicom-conformance');
const cxr = path.resolve('../shared/data/cxr-dicom');
const read = (file: string) => readInstanceHeader(fs.readFileSync(file));

function instanceNamed(charset: string, nameBytes: Uint8Array) {
  const placeholder = 'N'.repeat(nameBytes.length + (nameBytes.length % 2));
  const file = makeInstance({
    studyUid: uid(),
    seriesUid: uid(),
    sopUid: uid(),
    patientName: placeholder,
    extra: { SpecificCharacterSet: charset },
  });
  return readInstanceHeader(withRawText(file, placeholder, nameBytes));
}

describe('readInstanceHeader on real files', () => {
  it('reads a real chest X-ray exported as Secondary Capture with Modality DX', () => {
    const header = read(path.join(cxr, 'nih-cxr14-00000001_000.dcm'));
    expect(header.series.modality).toBe('DX');
    expect(header.instance.rows).toBe(1024);
    expect(header.instance.columns).toBe(1024);
    expect(header.study.description).toBe('Cardiomegaly');
    expect(header.transferSyntaxUid).toBe('1.2.840.10008.1.2');
  });

  it('reads the JPEG baseline CR and keeps its transfer syntax', () => {
    const header = read(path.join(cxr, 'siim-acr-pa-jpeg-baseline.dcm'));
    expect(header.series.modality).toBe('CR');
    expect(header.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.50');
  });

  it('reads datasets without a Part 10 header, little and big endian', () => {
    const little = read(path.join(conformance, 'ExplVR_LitEndNoMeta.dcm'));
    expect(little.hasPart10Header).toBe(false);
    expect(little.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    const big = read(path.join(conformance, 'ExplVR_BigEndNoMeta.dcm'));
    expect(big.transferSyntaxUid).toBe('1.2.840.10008.1.2.2');
    expect(big.sopInstanceUid).toMatch(/^[\d.]+$/);
  });

  it('recovers a meta header that lacks its transfer syntax when the data set after it is sound', () => {
    const file = makeInstance({ studyUid: uid(), seriesUid: uid(), sopUid: uid() });
    const broken = withRawText(file, '1.2.840.10008.1.2.1', Buffer.from('')); // blank (0002,0010) value
    const header = readInstanceHeader(broken);
    expect(header.hasPart10Header).toBe(false);
    expect(header.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    expect(header.datasetStart).toBeGreaterThan(132);
  });

  it('reads Number of Frames as an integer string in implicit VR files', () => {
    // rtdose.dcm: implicit VR little endian, 15 frames ("15" is two bytes, not a binary 16-bit number).
    expect(read(path.join(conformance, 'rtdose.dcm')).instance.frames).toBe(15);
    expect(read(path.join(conformance, 'rtdose.dcm')).instance.rows).toBeGreaterThan(0);
  });

  it('reads a deflated dataset', () => {
    const header = read(path.join(conformance, 'image_dfl.dcm'));
    expect(header.transferSyntaxUid).toBe('1.2.840.10008.1.2.1.99');
    expect(header.instance.rows).toBeGreaterThan(0);
  });

  it.each([
    ['MR_truncated.dcm', /truncated/],
    ['rtplan_truncated.dcm', /truncated/],
    ['no_meta.dcm', /not a DICOM file/],
    ['README.txt', /not a DICOM file/],
    ['priv_SQ.dcm', /missing SOP Instance UID \(0008,0018\)/],
    ['meta_missing_tsyntax.dcm', /lacks Transfer Syntax UID \(0002,0010\)/],
  ])('refuses %s with a reason', (name, reason) => {
    expect(() => read(path.join(conformance, name))).toThrow(DicomRejection);
    expect(() => read(path.join(conformance, name))).toThrow(reason);
  });
});

describe('Specific Character Set', () => {
  it('decodes ISO_IR 100 (Latin-1)', () => {
    expect(instanceNamed('ISO_IR 100', Buffer.from('Müller^Jürgen', 'latin1')).patient.name).toBe('Müller^Jürgen');
  });

  it('decodes ISO_IR 192 (UTF-8)', () => {
    expect(instanceNamed('ISO_IR 192', Buffer.from('Nguyễn^Văn An', 'utf8')).patient.name).toBe('Nguyễn^Văn An');
  });

  it('decodes ISO_IR 144 (Cyrillic)', () => {
    // "Люкceмбypг" from PS3.5 H-style example: ISO 8859-5 bytes.
    const bytes = Uint8Array.from([0xbb, 0xee, 0xda, 0x63, 0x65, 0xdc, 0xd1, 0x79, 0x70, 0xd3]);
    expect(instanceNamed('ISO_IR 144', bytes).patient.name).toBe('Люкceмбypг');
  });

  it('decodes ISO 2022 IR 87 Japanese (PS3.5 H.3.1 example)', () => {
    const bytes = Buffer.from(
      'Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B',
      'latin1',
    );
    expect(instanceNamed('\\ISO 2022 IR 87', bytes).patient.name).toBe('Yamada^Tarou=山田^太郎=やまだ^たろう');
  });

  it('decodes ISO 2022 IR 149 Korean (PS3.5 I.2 example)', () => {
    const bytes = Buffer.from(
      'Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^\x1b$)C\xb1\xe6\xb5\xbf',
      'latin1',
    );
    expect(instanceNamed('\\ISO 2022 IR 149', bytes).patient.name).toBe('Hong^Gildong=洪^吉洞=홍^길동');
  });

  it('reads an unknown character set as Latin-1 and says so', () => {
    const header = instanceNamed('ISO_IR 999', Buffer.from('Doe^John', 'latin1'));
    expect(header.patient.name).toBe('Doe^John');
    expect(header.warnings.join()).toMatch(/ISO_IR_999/);
  });
});

describe('bare datasets generated in code', () => {
  it('parses a dataset stripped of its preamble and meta header', () => {
    const sopUid = uid();
    const file = makeInstance({ studyUid: uid(), seriesUid: uid(), sopUid });
    const header = readInstanceHeader(withoutPart10Header(file));
    expect(header.hasPart10Header).toBe(false);
    expect(header.sopInstanceUid).toBe(sopUid);
    expect(header.instance.rows).toBe(8);
  });
});
