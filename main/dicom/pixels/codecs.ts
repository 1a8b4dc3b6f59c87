// Compressed frame decoders: the WASM codecs Cornerstone uses in the viewer, loaded once per thread, plus
// jpeg-lossless-decoder-js and Lantern's own RLE decoder. Every decoder returns little-endian sample bytes,
// interleaved per pixel.
import openJpegFactory from '@cornerstonejs/codec-openjpeg/decodewasmjs';
import charlsFactory from '@cornerstonejs/codec-charls/decodewasmjs';
import libjpegTurboFactory from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs';
import { Decoder as JpegLosslessDecoder } from 'jpeg-lossless-decoder-js';
import { decodeRleFrame } from './rle';

export const CompressedSyntax = {
  JpegBaseline: '1.2.840.10008.1.2.4.50',
  JpegExtended: '1.2.840.10008.1.2.4.51',
  JpegLossless: '1.2.840.10008.1.2.4.57',
  JpegLosslessSV1: '1.2.840.10008.1.2.4.70',
  JpegLsLossless: '1.2.840.10008.1.2.4.80',
  JpegLsNearLossless: '1.2.840.10008.1.2.4.81',
  Jpeg2000Lossless: '1.2.840.10008.1.2.4.90',
  Jpeg2000: '1.2.840.10008.1.2.4.91',
  Rle: '1.2.840.10008.1.2.5',
} as const;

export interface FrameGeometry {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
}

export interface DecodedFrameBytes {
  bytes: Uint8Array;
  /** Bytes per sample of `bytes` (the codec's own output; 8-bit JPEG gives 1 even when BitsAllocated is 16). */
  bytesPerSample: 1 | 2 | 4;
  /** Whether the codec already converted YCbCr to RGB (colour JPEG does). */
  convertedToRgb: boolean;
}

const silent = { print() {}, printErr() {} };
const wasmModules = new Map<string, Promise<CodecModule>>();
function wasm(name: string, factory: CodecFactory): Promise<CodecModule> {
  let module = wasmModules.get(name);
  if (!module) {
    module = factory(silent);
    wasmModules.set(name, module);
  }
  return module;
}

async function decodeWithWasm(
  factoryName: string,
  factory: CodecFactory,
  decoderOf: (module: CodecModule) => WasmDecoder,
  frame: Uint8Array,
  geometry: FrameGeometry,
): Promise<{ bytes: Uint8Array; info: WasmFrameInfo }> {
  const module = await wasm(factoryName, factory);
  const decoder = decoderOf(module);
  try {
    decoder.getEncodedBuffer(frame.length).set(frame);
    try {
      decoder.decode();
    } catch (error) {
      const message = typeof error === 'number' && module.getExceptionMessage ? module.getExceptionMessage(error) : String(error);
      throw new Error(`${factoryName} could not decode the frame: ${message}`);
    }
    const info = decoder.getFrameInfo();
    // OpenJPEG can "succeed" with an empty image; a size mismatch means the pixels are not what the header says.
    if (info.width !== geometry.columns || info.height !== geometry.rows) {
      throw new Error(
        `${factoryName} decoded ${info.width}×${info.height}, the header says ${geometry.columns}×${geometry.rows}`,
      );
    }
    return { bytes: decoder.getDecodedBuffer().slice(), info };
  } finally {
    decoder.delete();
  }
}

const bytesFor = (bitsPerSample: number): 1 | 2 => (bitsPerSample > 8 ? 2 : 1);

export async function decodeCompressedFrame(
  transferSyntaxUid: string,
  frame: Uint8Array,
  geometry: FrameGeometry,
): Promise<DecodedFrameBytes> {
  switch (transferSyntaxUid) {
    case CompressedSyntax.Rle: {
      if (geometry.bitsAllocated !== 8 && geometry.bitsAllocated !== 16 && geometry.bitsAllocated !== 32) {
        throw new Error(`RLE with ${geometry.bitsAllocated} bits allocated is not supported`);
      }
      const bytes = decodeRleFrame(frame, { ...geometry, bitsAllocated: geometry.bitsAllocated });
      return { bytes, bytesPerSample: (geometry.bitsAllocated / 8) as 1 | 2 | 4, convertedToRgb: false };
    }
    case CompressedSyntax.JpegBaseline:
    case CompressedSyntax.JpegExtended: {
      if (geometry.bitsAllocated > 8 && transferSyntaxUid === CompressedSyntax.JpegExtended) {
        // libjpeg-turbo-8bit refuses 12-bit data, and the only other decoder at hand was measured +15 grey
        // levels off dcmtk: better no AI result than one computed on wrong pixels.
        throw new Error('12-bit JPEG Extended is not supported by the inference pipeline (no exact decoder)');
      }
      const { bytes, info } = await decodeWithWasm('libjpeg-turbo', libjpegTurboFactory, (m) => new m.JPEGDecoder(), frame, geometry);
      return { bytes, bytesPerSample: bytesFor(info.bitsPerSample), convertedToRgb: info.componentCount === 3 };
    }
    case CompressedSyntax.JpegLsLossless:
    case CompressedSyntax.JpegLsNearLossless: {
      const { bytes, info } = await decodeWithWasm('CharLS', charlsFactory, (m) => new m.JpegLSDecoder(), frame, geometry);
      return { bytes, bytesPerSample: bytesFor(info.bitsPerSample), convertedToRgb: false };
    }
    case CompressedSyntax.Jpeg2000Lossless:
    case CompressedSyntax.Jpeg2000: {
      const { bytes, info } = await decodeWithWasm('OpenJPEG', openJpegFactory, (m) => new m.J2KDecoder(), frame, geometry);
      // OpenJPEG applies the multi-component transform itself, so YBR_RCT/YBR_ICT come back as RGB.
      return { bytes, bytesPerSample: bytesFor(info.bitsPerSample), convertedToRgb: info.componentCount === 3 };
    }
    case CompressedSyntax.JpegLossless:
    case CompressedSyntax.JpegLosslessSV1: {
      const bytesPerSample = geometry.bitsAllocated <= 8 ? 1 : 2;
      // A fresh copy: the decoder reads from offset 0 of the buffer it is given, and `frame` may be a view.
      const copy = new Uint8Array(frame);
      const decoded = new JpegLosslessDecoder().decode(copy.buffer, 0, copy.length, bytesPerSample);
      return {
        bytes: new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength),
        bytesPerSample,
        convertedToRgb: false,
      };
    }
    default:
      throw new Error(`transfer syntax ${transferSyntaxUid} is not supported by the inference pipeline`);
  }
}

export const isCompressedSyntax = (uid: string): boolean =>
  (Object.values(CompressedSyntax) as string[]).includes(uid);
