// Decodes one frame of a stored DICOM instance into stored pixel values, in Node, for inference. Covers the
// transfer syntaxes the viewer renders: native (implicit/explicit LE, big endian, deflated), RLE, JPEG baseline,
// JPEG lossless, JPEG-LS and JPEG 2000.
import zlib from 'node:zlib';
import dicomParser from 'dicom-parser';
import { sniffBareTransferSyntax } from '../header';
import { TransferSyntax } from '../transfer-syntax';
import { decodeCompressedFrame, isCompressedSyntax, type DecodedFrameBytes } from './codecs';

export interface ImageAttributes {
  sopInstanceUid: string;
  sopClassUid: string;
  modality: string;
  viewPosition: string;
  transferSyntaxUid: string;
  rows: number;
  columns: number;
  frames: number;
  samplesPerPixel: number;
  photometric: string;
  bitsAllocated: number;
  bitsStored: number;
  signed: boolean;
  planarConfiguration: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  windows: { center: number; width: number }[];
  voiLutFunction: string;
}

export interface DecodedImage {
  attributes: ImageAttributes;
  rows: number;
  columns: number;
  /** 1 (grey) or 3 (RGB; YCbCr is converted). */
  channels: 1 | 3;
  /** MONOCHROME1, MONOCHROME2 or RGB: what the samples now are. */
  photometric: 'MONOCHROME1' | 'MONOCHROME2' | 'RGB';
  /** Stored values (before the modality LUT), sign-extended, interleaved per pixel. */
  samples: Int32Array | Float64Array;
}

/** A file that is valid DICOM but cannot feed a model (no pixels, unsupported encoding): a reason, not a crash. */
export class UnsuitableImage extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnsuitableImage';
  }
}

const inflater = (bytes: Uint8Array, position: number): Uint8Array => {
  const inflated = zlib.inflateRawSync(bytes.subarray(position));
  const full = new Uint8Array(position + inflated.length);
  full.set(bytes.subarray(0, position), 0);
  full.set(inflated, position);
  return full;
};

export function parseDataSet(bytes: Uint8Array): { dataSet: dicomParser.DataSet; transferSyntaxUid: string } {
  const isPart10 = bytes.length >= 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM';
  // dicom-parser's type for the inflater returns void; it really uses the returned bytes.
  const options = { inflater } as unknown as dicomParser.ParseDicomOptions;
  if (isPart10) {
    const dataSet = dicomParser.parseDicom(bytes, options);
    return { dataSet, transferSyntaxUid: text(dataSet, 'x00020010') };
  }
  const transferSyntaxUid = sniffBareTransferSyntax(bytes);
  if (!transferSyntaxUid) throw new UnsuitableImage('not a DICOM file');
  return { dataSet: dicomParser.parseDicom(bytes, { ...options, TransferSyntaxUID: transferSyntaxUid }), transferSyntaxUid };
}

function text(dataSet: dicomParser.DataSet, tag: string): string {
  return (dataSet.string(tag) ?? '').replace(/\0/g, '').trim();
}

function numbers(dataSet: dicomParser.DataSet, tag: string): number[] {
  return text(dataSet, tag)
    .split('\\')
    .map((value) => Number.parseFloat(value))
    .filter((value) => Number.isFinite(value));
}

function unsigned(dataSet: dicomParser.DataSet, tag: string, fallback: number): number {
  return dataSet.elements[tag] ? (dataSet.uint16(tag) ?? fallback) : fallback;
}

export function readImageAttributes(dataSet: dicomParser.DataSet, transferSyntaxUid: string): ImageAttributes {
  const centers = numbers(dataSet, 'x00281050');
  const widths = numbers(dataSet, 'x00281051');
  const bitsAllocated = unsigned(dataSet, 'x00280100', 0);
  return {
    sopInstanceUid: text(dataSet, 'x00080018'),
    sopClassUid: text(dataSet, 'x00080016'),
    modality: text(dataSet, 'x00080060').toUpperCase(),
    viewPosition: text(dataSet, 'x00185101').toUpperCase(),
    transferSyntaxUid,
    rows: unsigned(dataSet, 'x00280010', 0),
    columns: unsigned(dataSet, 'x00280011', 0),
    frames: Math.max(1, Number.parseInt(text(dataSet, 'x00280008'), 10) || 1),
    samplesPerPixel: unsigned(dataSet, 'x00280002', 1),
    photometric: text(dataSet, 'x00280004').toUpperCase(),
    bitsAllocated,
    bitsStored: unsigned(dataSet, 'x00280101', bitsAllocated),
    signed: unsigned(dataSet, 'x00280103', 0) === 1,
    planarConfiguration: unsigned(dataSet, 'x00280006', 0),
    rescaleSlope: numbers(dataSet, 'x00281053')[0] ?? 1,
    rescaleIntercept: numbers(dataSet, 'x00281052')[0] ?? 0,
    windows: centers.flatMap((center, i) => (widths[i] !== undefined && widths[i]! > 0 ? [{ center, width: widths[i]! }] : [])),
    voiLutFunction: text(dataSet, 'x00281056').toUpperCase() || 'LINEAR',
  };
}

function checkDecodable(a: ImageAttributes, hasPixelData: boolean): void {
  if (!hasPixelData) throw new UnsuitableImage('no Pixel Data (7FE0,0010): not an image');
  if (a.rows === 0 || a.columns === 0) throw new UnsuitableImage('Rows (0028,0010) or Columns (0028,0011) missing or zero');
  if (![8, 16, 32].includes(a.bitsAllocated)) {
    throw new UnsuitableImage(`Bits Allocated (0028,0100) ${a.bitsAllocated} is not supported (8, 16 or 32)`);
  }
  const colour = ['RGB', 'YBR_FULL', 'YBR_FULL_422', 'YBR_RCT', 'YBR_ICT'];
  if (!['MONOCHROME1', 'MONOCHROME2', ...colour].includes(a.photometric)) {
    throw new UnsuitableImage(`Photometric Interpretation (0028,0004) "${a.photometric}" is not supported`);
  }
  const expectedSamples = colour.includes(a.photometric) ? 3 : 1;
  if (a.samplesPerPixel !== expectedSamples) {
    throw new UnsuitableImage(`Samples per Pixel (0028,0002) ${a.samplesPerPixel} does not fit ${a.photometric}`);
  }
}

function nativeFrame(dataSet: dicomParser.DataSet, a: ImageAttributes, frameIndex: number): DecodedFrameBytes {
  const element = dataSet.elements.x7fe00010!;
  const bytesPerSample = (a.bitsAllocated / 8) as 1 | 2 | 4;
  // YBR_FULL_422 stores two chroma samples per pixel pair: 2 samples per pixel, not 3.
  const storedSamples = a.photometric === 'YBR_FULL_422' ? 2 : a.samplesPerPixel;
  const frameBytes = a.rows * a.columns * storedSamples * bytesPerSample;
  const start = element.dataOffset + frameIndex * frameBytes;
  if (start + frameBytes > dataSet.byteArray.length || (element.length < (frameIndex + 1) * frameBytes)) {
    throw new UnsuitableImage(`Pixel Data holds ${element.length} bytes; frame ${frameIndex + 1} needs ${frameBytes} more`);
  }
  let bytes: Uint8Array = dataSet.byteArray.slice(start, start + frameBytes);
  if (a.transferSyntaxUid === TransferSyntax.ExplicitVRBigEndian && bytesPerSample > 1) bytes = swapBytes(bytes, bytesPerSample);
  if (a.photometric === 'YBR_FULL_422') return { bytes: expandYbr422(bytes, a), bytesPerSample: 1, convertedToRgb: false };
  return { bytes, bytesPerSample, convertedToRgb: false };
}

function swapBytes(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += size) for (let b = 0; b < size; b++) out[i + b] = bytes[i + size - 1 - b]!;
  return out;
}

/** Uncompressed YBR_FULL_422 stores Y1 Y2 Cb Cr per pixel pair (PS3.3 C.7.6.3.1.2); expand to Y Cb Cr per pixel. */
function expandYbr422(bytes: Uint8Array, a: ImageAttributes): Uint8Array {
  const out = new Uint8Array(a.rows * a.columns * 3);
  const pairs = (a.rows * a.columns) / 2;
  for (let p = 0; p < pairs; p++) {
    const [y1, y2, cb, cr] = [bytes[4 * p]!, bytes[4 * p + 1]!, bytes[4 * p + 2]!, bytes[4 * p + 3]!];
    out.set([y1, cb, cr, y2, cb, cr], 6 * p);
  }
  return out;
}

function toSamples(decoded: DecodedFrameBytes, a: ImageAttributes, count: number): Int32Array | Float64Array {
  const { bytes, bytesPerSample } = decoded;
  if (bytes.length < count * bytesPerSample) {
    throw new UnsuitableImage(`decoded frame has ${bytes.length} bytes, ${count * bytesPerSample} expected`);
  }
  const samples = bytesPerSample === 4 ? new Float64Array(count) : new Int32Array(count);
  // Typed-array views read little-endian words directly on little-endian hosts (all Lantern targets); an odd
  // offset needs a copy first.
  const aligned = bytes.byteOffset % bytesPerSample === 0 ? bytes : new Uint8Array(bytes);
  const words =
    bytesPerSample === 1 ? aligned : bytesPerSample === 2 ? new Uint16Array(aligned.buffer, aligned.byteOffset, count) : new Uint32Array(aligned.buffer, aligned.byteOffset, count);
  if (!a.signed) {
    for (let i = 0; i < count; i++) samples[i] = words[i]!;
    return samples;
  }
  // Signed data is sign-extended from Bits Stored (the bits above it may hold anything).
  const shift = 32 - a.bitsStored;
  for (let i = 0; i < count; i++) samples[i] = a.bitsStored === 32 ? words[i]! | 0 : (words[i]! << shift) >> shift;
  return samples;
}

function deinterleavePlanar(samples: Int32Array | Float64Array, pixels: number): Int32Array | Float64Array {
  const out = new (samples.constructor as typeof Int32Array | typeof Float64Array)(samples.length);
  for (let i = 0; i < pixels; i++) for (let c = 0; c < 3; c++) out[3 * i + c] = samples[c * pixels + i]!;
  return out;
}

/** YCbCr full range → RGB (PS3.3 C.7.6.3.1.2), in place, rounded and clamped to 8 bits like other decoders do. */
function ybrToRgb(samples: Int32Array | Float64Array): void {
  const clamp = (v: number) => Math.min(255, Math.max(0, Math.round(v)));
  for (let i = 0; i < samples.length; i += 3) {
    const y = samples[i]!;
    const cb = samples[i + 1]! - 128;
    const cr = samples[i + 2]! - 128;
    samples[i] = clamp(y + 1.402 * cr);
    samples[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    samples[i + 2] = clamp(y + 1.772 * cb);
  }
}

/** The bytes of one frame of encapsulated Pixel Data, with or without a Basic Offset Table. */
function encapsulatedFrame(dataSet: dicomParser.DataSet, element: dicomParser.Element, frames: number, frameIndex: number): Uint8Array {
  const fragments = element.fragments ?? [];
  if (frames === 1) return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, element, 0, fragments.length);
  if (element.basicOffsetTable?.length) return dicomParser.readEncapsulatedImageFrame(dataSet, element, frameIndex);
  // No offset table: one fragment per frame is the common case (and RLE's rule); otherwise find JPEG frame ends.
  if (fragments.length === frames) return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, element, frameIndex, 1);
  return dicomParser.readEncapsulatedImageFrame(dataSet, element, frameIndex, dicomParser.createJPEGBasicOffsetTable(dataSet, element));
}

export interface ParsedImageFile {
  dataSet: dicomParser.DataSet;
  attributes: ImageAttributes;
}

/** Parses a DICOM file's bytes and reads its image attributes, without decoding any pixels. */
export function parseImageFile(bytes: Uint8Array): ParsedImageFile {
  let parsed;
  try {
    parsed = parseDataSet(bytes);
  } catch (error) {
    if (error instanceof UnsuitableImage) throw error;
    const inner = (error as { exception?: unknown })?.exception ?? error;
    throw new UnsuitableImage(`unreadable DICOM: ${inner instanceof Error ? inner.message : String(inner)}`);
  }
  return { dataSet: parsed.dataSet, attributes: readImageAttributes(parsed.dataSet, parsed.transferSyntaxUid) };
}

/** Decodes frame `frameIndex` (0-based) of a DICOM file's bytes. */
export async function decodeImage(bytes: Uint8Array, frameIndex = 0): Promise<DecodedImage> {
  return decodeParsedImage(parseImageFile(bytes), frameIndex);
}

export async function decodeParsedImage({ dataSet, attributes: a }: ParsedImageFile, frameIndex = 0): Promise<DecodedImage> {
  const { transferSyntaxUid } = a;
  checkDecodable(a, dataSet.elements.x7fe00010 !== undefined);
  if (frameIndex >= a.frames) throw new UnsuitableImage(`frame ${frameIndex + 1} requested, the image has ${a.frames}`);

  let decoded: DecodedFrameBytes;
  if (isCompressedSyntax(transferSyntaxUid)) {
    const element = dataSet.elements.x7fe00010!;
    if (!element.encapsulatedPixelData) throw new UnsuitableImage(`transfer syntax ${transferSyntaxUid} but Pixel Data is not encapsulated`);
    try {
      decoded = await decodeCompressedFrame(transferSyntaxUid, encapsulatedFrame(dataSet, element, a.frames, frameIndex), a);
    } catch (error) {
      // dicom-parser throws strings; the codecs throw Errors.
      throw new UnsuitableImage(error instanceof Error ? error.message : String(error));
    }
  } else if (
    [
      TransferSyntax.ImplicitVRLittleEndian,
      TransferSyntax.ExplicitVRLittleEndian,
      TransferSyntax.DeflatedExplicitVRLittleEndian,
      TransferSyntax.ExplicitVRBigEndian,
    ].includes(transferSyntaxUid as never)
  ) {
    decoded = nativeFrame(dataSet, a, frameIndex);
  } else {
    throw new UnsuitableImage(`transfer syntax ${transferSyntaxUid} is not supported by the inference pipeline`);
  }

  const pixels = a.rows * a.columns;
  let samples = toSamples(decoded, a, pixels * a.samplesPerPixel);
  const colour = a.samplesPerPixel === 3;
  // Native colour may be planar; the codecs (RLE included) return interleaved pixels.
  if (colour && a.planarConfiguration === 1 && !isCompressedSyntax(transferSyntaxUid)) samples = deinterleavePlanar(samples, pixels);
  if (colour && a.photometric.startsWith('YBR_FULL') && !decoded.convertedToRgb) ybrToRgb(samples);
  return {
    attributes: a,
    rows: a.rows,
    columns: a.columns,
    channels: colour ? 3 : 1,
    photometric: colour ? 'RGB' : (a.photometric as 'MONOCHROME1' | 'MONOCHROME2'),
    samples,
  };
}
