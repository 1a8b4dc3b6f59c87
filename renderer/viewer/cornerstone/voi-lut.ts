// VOI LUT Sequence (0028,3010) support. Cornerstone 5.14's stack viewport only applies linear (or sigmoid) windows
// and its default metadata path does not even read the sequence, so a radiograph whose display transform is a VOI
// LUT (common on CR/DX) came up as the raw, flat ramp. The viewer reads the first LUT itself and shows the window that
// spans the LUT's active input range, inverted when the LUT falls: exact for step and linear LUTs, a close linear
// fit for the usual S-shaped ones.
import { metaData, type Types } from '@cornerstonejs/core';

interface Lut {
  firstMapped: number;
  values: ArrayLike<number>;
}

const single = <T,>(value: T | T[] | undefined): T | undefined => (Array.isArray(value) ? value[0] : value);

function lutValues(data: unknown, entries: number, bits: number): ArrayLike<number> | null {
  const raw = single(data as unknown[] | undefined) ?? data;
  if (raw instanceof ArrayBuffer) return bits > 8 ? new Uint16Array(raw, 0, Math.min(entries, raw.byteLength >> 1)) : new Uint8Array(raw);
  if (ArrayBuffer.isView(raw)) return raw as unknown as ArrayLike<number>;
  if (Array.isArray(data) && data.every((value) => typeof value === 'number')) return data as number[];
  return null;
}

const naturalized = (imageId: string) => metaData.get('naturalized', imageId) as Record<string, unknown> | undefined;

/** Whether the file itself names a window (the loader fills one in from the pixel range when it does not). */
export function fileHasWindow(imageId: string): boolean {
  const natural = naturalized(imageId);
  return natural?.WindowCenter !== undefined && natural?.WindowWidth !== undefined;
}

/** The image's first VOI LUT, read from the loader's naturalized metadata; null when it has none. */
export function voiLutOf(imageId: string): Lut | null {
  const natural = naturalized(imageId);
  const item = single(natural?.VOILUTSequence as Record<string, unknown> | Record<string, unknown>[] | undefined);
  const descriptor = item?.LUTDescriptor as number[] | undefined;
  if (!item || !descriptor || descriptor.length < 3) return null;
  // Descriptor: entries (0 means 65536), first input value mapped, bits per entry.
  const entries = descriptor[0] === 0 ? 65536 : descriptor[0]!;
  const values = lutValues(item.LUTData, entries, descriptor[2]!);
  return values && values.length > 1 ? { firstMapped: descriptor[1]!, values } : null;
}

/** The input range over which the LUT changes, and whether it maps bright to dark. */
export function lutWindow(lut: Lut): { range: Types.VOIRange; falling: boolean } | null {
  const { values, firstMapped } = lut;
  const start = values[0]!;
  const end = values[values.length - 1]!;
  if (start === end) return null;
  let first = 0;
  while (first < values.length - 1 && values[first + 1] === start) first += 1;
  let last = values.length - 1;
  while (last > 0 && values[last - 1] === end) last -= 1;
  return { range: { lower: firstMapped + first, upper: firstMapped + Math.max(last, first + 1) }, falling: end < start };
}
