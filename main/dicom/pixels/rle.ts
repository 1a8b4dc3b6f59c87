// DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header with up to 15 segment offsets, one PackBits segment per
// byte plane of each sample, most significant byte first. No maintained npm decoder exists, so this is Lantern's
// own, checked against pydicom in tests/inference/rle.test.ts.

export interface RleGeometry {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: 8 | 16 | 32;
}

/** Decodes one RLE frame into little-endian bytes, samples interleaved per pixel (planar configuration 0). */
export function decodeRleFrame(frame: Uint8Array, geometry: RleGeometry): Uint8Array {
  const { rows, columns, samplesPerPixel, bitsAllocated } = geometry;
  const bytesPerSample = bitsAllocated / 8;
  const pixels = rows * columns;
  if (frame.length < 64) throw new Error(`RLE frame of ${frame.length} bytes is shorter than its 64-byte header`);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segmentCount = view.getUint32(0, true);
  const expected = samplesPerPixel * bytesPerSample;
  if (segmentCount !== expected) {
    throw new Error(`RLE header lists ${segmentCount} segments; ${samplesPerPixel} samples of ${bitsAllocated} bits need ${expected}`);
  }
  const offsets = Array.from({ length: segmentCount }, (_, i) => view.getUint32(4 + 4 * i, true));
  const output = new Uint8Array(pixels * expected);
  const stride = expected;
  for (let segment = 0; segment < segmentCount; segment++) {
    const sample = Math.floor(segment / bytesPerSample);
    // Segment order is most significant byte first; little-endian output puts that byte last.
    const byteInSample = bytesPerSample - 1 - (segment % bytesPerSample);
    const start = offsets[segment]!;
    const end = segment + 1 < segmentCount ? offsets[segment + 1]! : frame.length;
    if (start < 64 || start > end || end > frame.length) {
      throw new Error(`RLE segment ${segment + 1} has offsets ${start}..${end} outside the ${frame.length}-byte frame`);
    }
    unpackBits(frame, start, end, output, sample * bytesPerSample + byteInSample, stride, pixels, segment + 1);
  }
  return output;
}

function unpackBits(
  source: Uint8Array,
  start: number,
  end: number,
  output: Uint8Array,
  firstIndex: number,
  stride: number,
  count: number,
  segmentNumber: number,
): void {
  let position = start;
  let written = 0;
  let target = firstIndex;
  while (written < count && position < end) {
    const header = source[position++]!;
    if (header < 128) {
      const literal = Math.min(header + 1, count - written, end - position);
      for (let i = 0; i < literal; i++, target += stride) output[target] = source[position + i]!;
      position += header + 1;
      written += literal;
    } else if (header > 128) {
      const value = source[position++]!;
      const run = Math.min(257 - header, count - written);
      for (let i = 0; i < run; i++, target += stride) output[target] = value;
      written += run;
    }
    // 128 (-128 as a signed byte) is a no-op by definition.
  }
  if (written < count) throw new Error(`RLE segment ${segmentNumber} ends after ${written} of ${count} pixels`);
}
