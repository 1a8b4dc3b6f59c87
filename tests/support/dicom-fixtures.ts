// Small DICOM instances generated in code (dcmjs writes them), so tests control every attribute.
import dcmjs from 'dcmjs';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

export const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';
export const DIGITAL_XRAY = '1.2.840.10008.5.1.4.1.1.1.1';
export const EXPLICIT_LE = '1.2.840.10008.1.2.1';

export interface InstanceSpec {
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  patientName?: string;
  patientId?: string;
  modality?: string;
  studyDate?: string;
  accession?: string;
  description?: string;
  instanceNumber?: number;
  rows?: number;
  columns?: number;
  /** 16-bit unsigned pixels; defaults to a small gradient. */
  pixels?: Uint16Array;
  extra?: Record<string, unknown>;
}

export function makeInstance(spec: InstanceSpec): Buffer {
  const rows = spec.rows ?? 8;
  const columns = spec.columns ?? 8;
  const pixels = spec.pixels ?? Uint16Array.from({ length: rows * columns }, (_, i) => (i * 37) % 4096);
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: DIGITAL_XRAY,
    MediaStorageSOPInstanceUID: spec.sopUid,
    TransferSyntaxUID: EXPLICIT_LE,
    ImplementationClassUID: '1.2.826.0.1.3680043.10.1613.2',
  };
  const dataset = {
    // dcmjs writes text as UTF-8, so say so.
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: DIGITAL_XRAY,
    SOPInstanceUID: spec.sopUid,
    StudyInstanceUID: spec.studyUid,
    SeriesInstanceUID: spec.seriesUid,
    PatientName: spec.patientName ?? 'Test^Patient',
    PatientID: spec.patientId ?? 'P0001',
    PatientSex: 'F',
    PatientAge: '054Y',
    StudyDate: spec.studyDate ?? '20260115',
    StudyTime: '101500',
    AccessionNumber: spec.accession ?? 'ACC0001',
    StudyDescription: spec.description ?? 'Chest PA',
    Modality: spec.modality ?? 'DX',
    SeriesNumber: '1',
    InstanceNumber: String(spec.instanceNumber ?? 1),
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    ...spec.extra,
    PixelData: [pixels.buffer],
    _vrMap: { PixelData: 'OW' },
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return Buffer.from(dict.write());
}

/**
 * Replaces a same-length ASCII placeholder with raw bytes (padded with spaces), so a test can put text in any
 * character set into a file that dcmjs wrote (dcmjs itself always writes UTF-8).
 */
export function withRawText(file: Buffer, placeholder: string, bytes: Uint8Array): Buffer {
  const at = file.indexOf(Buffer.from(placeholder, 'latin1'));
  if (at < 0) throw new Error(`placeholder ${placeholder} not found`);
  if (bytes.length > placeholder.length) throw new Error('raw text longer than its placeholder');
  const out = Buffer.from(file);
  out.fill(0x20, at, at + placeholder.length);
  out.set(bytes, at);
  return out;
}

/** The dataset alone: no preamble, no "DICM", no meta header — as some CD writers and old modalities produce. */
export function withoutPart10Header(file: Buffer): Buffer {
  const metaLength = file.readUInt32LE(132 + 8);
  return file.subarray(132 + 12 + metaLength);
}

let counter = 0;
/** A fresh UID under a test root, unique within the process. */
export const uid = (prefix = '1.2.826.0.1.3680043.10.1613.9') => `${prefix}.${process.pid}.${++counter}`;
