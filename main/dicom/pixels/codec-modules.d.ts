// The codec packages ship no type declarations; these cover the parts Lantern's Node pixel pipeline calls.
interface WasmFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

interface CodecModule {
  J2KDecoder: new () => WasmDecoder;
  JpegLSDecoder: new () => WasmDecoder;
  JPEGDecoder: new () => WasmDecoder;
  getExceptionMessage?(pointer: number): string;
}

type CodecFactory = (options: { print(): void; printErr(): void }) => Promise<CodecModule>;

declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: CodecFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: CodecFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: CodecFactory;
  export default factory;
}
declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    decode(buffer: ArrayBufferLike, offset: number, length: number, numBytes: number): Uint8Array | Uint16Array;
  }
}
