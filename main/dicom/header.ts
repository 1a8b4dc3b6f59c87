// Reads the attributes Lantern indexes from one DICOM file, with dicom-parser doing the parsing.
// Files with a Part 10 preamble and bare datasets (no preamble, no meta header) are both accepted; everything
// else is refused with a reason a person can act on.
import dicomParser from 'dicom-parser';
import { charsetDecoder, type CharsetDecoder } from './charset';
import { TransferSyntax } from './transfer-syntax';

export class DicomRejection extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'DicomRejection';
  }
}

export interface InstanceHeader {
  /** False when the file had no (usable) meta header; the store then writes a proper Part 10 file. */
  hasPart10Header: boolean;
  datasetStart: number;
  transferSyntaxUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
  patient: { id: string; name: string; birthDate: string; sex: string; age: string };
  study: {
    uid: string;
    date: string;
    time: string;
    accession: string;
    description: string;
    referringPhysician: string;
    institution: string;
  };
  series: { uid: string; modality: string; number: number | null; description: string; bodyPart: string };
  instance: {
    number: number | null;
    rows: number | null;
    columns: number | null;
    frames: number;
    photometric: string;
  };
  /** Non-fatal findings worth telling the user (unknown character set, …). */
  warnings: string[];
}

const DICOMDIR_SOP_CLASS = '1.2.840.10008.1.3.10';

export function isPart10(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

const VR_CHARS = /^(AE|AS|AT|CS|DA|DS|DT|FL|FD|IS|LO|LT|OB|OD|OF|OL|OV|OW|PN|SH|SL|SQ|SS|ST|SV|TM|UC|UI|UL|UN|UR|US|UT|UV)$/;

/**
 * Guesses the transfer syntax of a dataset with no meta header from its first element: group 0x0008 (or 0x0002)
 * read little- or big-endian, followed by a valid VR (explicit) or a plausible 32-bit length (implicit).
 */
export function sniffBareTransferSyntax(bytes: Uint8Array): string | null {
  if (bytes.length < 8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vr = String.fromCharCode(bytes[4]!, bytes[5]!);
  const groupLE = view.getUint16(0, true);
  const groupBE = view.getUint16(0, false);
  const plausibleGroup = (group: number) => group === 0x0008 || group === 0x0002;
  if (plausibleGroup(groupLE)) {
    if (VR_CHARS.test(vr)) return TransferSyntax.ExplicitVRLittleEndian;
    const length = view.getUint32(4, true);
    if (length < bytes.length) return TransferSyntax.ImplicitVRLittleEndian;
  }
  if (plausibleGroup(groupBE) && VR_CHARS.test(vr)) return TransferSyntax.ExplicitVRBigEndian;
  return null;
}

const tagLabel = (tag: string) => `(${tag.slice(1, 5)},${tag.slice(5)})`.toUpperCase();

interface Parsed {
  dataSet: dicomParser.DataSet;
  hasPart10Header: boolean;
  transferSyntaxUid: string;
  /** Where the dataset proper starts (after preamble and meta header, when they are usable). */
  datasetStart: number;
}

function parseBare(bytes: Buffer, offset: number): Parsed {
  const body = bytes.subarray(offset);
  const transferSyntaxUid = sniffBareTransferSyntax(body);
  if (!transferSyntaxUid) throw new DicomRejection('not a DICOM file (no "DICM" preamble and no recognisable dataset)');
  return {
    dataSet: dicomParser.parseDicom(body, { TransferSyntaxUID: transferSyntaxUid }),
    hasPart10Header: false,
    transferSyntaxUid,
    datasetStart: offset,
  };
}

/** A meta header without a usable (0002,0010): the data set after it may still be readable as a bare one. */
function parseAfterIncompleteMeta(bytes: Buffer): Parsed {
  const datasetStart = 132 + 12 + bytes.readUInt32LE(140);
  if (!sniffBareTransferSyntax(bytes.subarray(datasetStart))) {
    throw new DicomRejection('meta header lacks Transfer Syntax UID (0002,0010) and the data set after it is not recognisable');
  }
  return parseBare(bytes, datasetStart);
}

function parse(bytes: Buffer): Parsed {
  try {
    if (!isPart10(bytes)) return parseBare(bytes, 0);
    let dataSet: dicomParser.DataSet;
    try {
      dataSet = dicomParser.parseDicom(bytes);
    } catch (error) {
      if (/0002,0010/.test(describeParseError(error))) return parseAfterIncompleteMeta(bytes);
      throw error;
    }
    const transferSyntaxUid = ascii(dataSet, 'x00020010');
    if (!transferSyntaxUid) return parseAfterIncompleteMeta(bytes);
    return { dataSet, hasPart10Header: true, transferSyntaxUid, datasetStart: 0 };
  } catch (error) {
    if (error instanceof DicomRejection) throw error;
    throw new DicomRejection(`unreadable DICOM: ${describeParseError(error)}`);
  }
}

function describeParseError(error: unknown): string {
  const inner = (error as { exception?: unknown })?.exception ?? error;
  const message = inner instanceof Error ? inner.message : String(inner);
  const cleaned = message.replace(/^dicomParser\.[A-Za-z0-9]+: /, '');
  if (/overrun|overread|eof|beyond|maxP ?osition|greater than or equal to 'byteArray' length/i.test(cleaned)) {
    return `file is truncated or an element length is wrong (${cleaned})`;
  }
  return `malformed data set (${cleaned})`;
}

/** Plain ASCII value with DICOM padding removed. */
function ascii(dataSet: dicomParser.DataSet, tag: string): string {
  return (dataSet.string(tag) ?? '').replace(/\0/g, '').trim();
}

function text(dataSet: dicomParser.DataSet, tag: string, decoder: CharsetDecoder): string {
  const element = dataSet.elements[tag];
  if (!element || element.length === 0 || element.dataOffset === undefined) return '';
  const bytes = dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  return decoder.decode(bytes).replace(/\0/g, '').trim();
}

/** DA values as YYYYMMDD; old ACR-NEMA style "YYYY.MM.DD" is still written by some devices. */
function date(dataSet: dicomParser.DataSet, tag: string): string {
  const value = ascii(dataSet, tag);
  const legacy = /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(value);
  return legacy ? `${legacy[1]}${legacy[2]}${legacy[3]}` : value;
}

/** An IS (integer string) value. */
function integerString(dataSet: dicomParser.DataSet, tag: string): number | null {
  const value = Number.parseInt(ascii(dataSet, tag), 10);
  return Number.isFinite(value) ? value : null;
}

/** A US value; read by its dictionary VR, since implicit VR files carry none. */
function unsignedShort(dataSet: dicomParser.DataSet, tag: string): number | null {
  const element = dataSet.elements[tag];
  return element && element.length >= 2 ? (dataSet.uint16(tag) ?? null) : null;
}

export function readInstanceHeader(bytes: Buffer): InstanceHeader {
  const { dataSet, hasPart10Header, transferSyntaxUid, datasetStart } = parse(bytes);
  const warnings: string[] = [];

  const mediaStorageClass = ascii(dataSet, 'x00020002');
  const sopClassUid = ascii(dataSet, 'x00080016') || mediaStorageClass;
  if (sopClassUid === DICOMDIR_SOP_CLASS) throw new DicomRejection('DICOMDIR index, not an instance');


  const charset = dataSet.string('x00080005');
  const decoder = charsetDecoder(charset);
  if (decoder.unknownTerms.length > 0) {
    warnings.push(`unknown Specific Character Set ${decoder.unknownTerms.join(', ')}; text read as Latin-1`);
  }

  const required = (tag: string, name: string) => {
    const value = ascii(dataSet, tag);
    if (!value) throw new DicomRejection(`missing ${name} ${tagLabel(tag)}`);
    return value;
  };
  const sopInstanceUid = required('x00080018', 'SOP Instance UID');
  const studyUid = required('x0020000d', 'Study Instance UID');
  const seriesUid = required('x0020000e', 'Series Instance UID');

  const pixelData = dataSet.elements.x7fe00010;
  const rows = unsignedShort(dataSet, 'x00280010');
  const columns = unsignedShort(dataSet, 'x00280011');
  if (pixelData && (rows === null || columns === null)) {
    throw new DicomRejection('has Pixel Data but no Rows (0028,0010) / Columns (0028,0011)');
  }
  // dataSet.byteArray, not bytes: a deflated dataset is parsed from its inflated copy.
  const available = dataSet.byteArray.length;
  if (pixelData && pixelData.length !== 0xffffffff && pixelData.dataOffset + pixelData.length > available) {
    throw new DicomRejection(
      `file is truncated: Pixel Data declares ${pixelData.length} bytes, only ${available - pixelData.dataOffset} present`,
    );
  }

  return {
    hasPart10Header,
    datasetStart,
    transferSyntaxUid,
    sopClassUid,
    sopInstanceUid,
    patient: {
      id: text(dataSet, 'x00100020', decoder),
      // Person names keep DICOM's ^ and = separators (alphabetic=ideographic=phonetic); the UI formats them.
      name: text(dataSet, 'x00100010', decoder),
      birthDate: date(dataSet, 'x00100030'),
      sex: ascii(dataSet, 'x00100040'),
      age: ascii(dataSet, 'x00101010'),
    },
    study: {
      uid: studyUid,
      date: date(dataSet, 'x00080020'),
      time: ascii(dataSet, 'x00080030'),
      accession: text(dataSet, 'x00080050', decoder),
      description: text(dataSet, 'x00081030', decoder),
      referringPhysician: text(dataSet, 'x00080090', decoder),
      institution: text(dataSet, 'x00080080', decoder),
    },
    series: {
      uid: seriesUid,
      modality: ascii(dataSet, 'x00080060').toUpperCase(),
      number: integerString(dataSet, 'x00200011'),
      description: text(dataSet, 'x0008103e', decoder),
      bodyPart: ascii(dataSet, 'x00180015'),
    },
    instance: {
      number: integerString(dataSet, 'x00200013'),
      rows,
      columns,
      frames: pixelData ? Math.max(1, integerString(dataSet, 'x00280008') ?? 1) : 0,
      photometric: ascii(dataSet, 'x00280004'),
    },
    warnings,
  };
}
