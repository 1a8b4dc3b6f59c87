// Turns whatever Cornerstone's loader rejects with into one sentence a reader can act on.
import type { StackImage } from './series';

const TRANSFER_SYNTAX_NAMES: Record<string, string> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (12-bit)',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.201': 'HTJ2K Lossless',
  '1.2.840.10008.1.2.4.203': 'HTJ2K',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
};

export const transferSyntaxName = (uid: string): string => TRANSFER_SYNTAX_NAMES[uid] ?? uid;

/** What the instance handler's answers mean (main/ipc/instance-handler.ts). */
function httpReason(status: number): string {
  if (status === 404) return 'the instance is not in this workstation\'s store (HTTP 404)';
  if (status === 410) return 'its stored file is missing or unreadable (HTTP 410)';
  return `the workstation answered HTTP ${status}`;
}

/** The loader rejects with Errors, `{ error, dataSet }` wrappers, XHR failures or plain strings. */
function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object') {
    const record = error as Record<string, unknown>;
    if ('error' in record) return reasonOf(record.error);
    if (typeof record.status === 'number') return httpReason(record.status);
    if (typeof record.message === 'string') return record.message;
  }
  return 'unknown decoder error';
}

/** Loader messages name internal paths and full URLs; the reader needs what went wrong, not where. */
function readable(reason: string): string {
  if (reason.includes('no pixel data in NATURALIZED')) return 'the decoder found no pixel data in this encoding (not supported)';
  return reason.replace(/\s*(?:for imageId )?wadouri:\S+/g, '').trim();
}

export function describeLoadError(error: unknown, image: StackImage | undefined, transferSyntaxUid: string | undefined): string {
  const syntax = transferSyntaxUid ? ` (${transferSyntaxName(transferSyntaxUid)})` : '';
  const which = image
    ? `instance ${image.instanceNumber ?? image.sopInstanceUid}${image.frame ? `, frame ${image.frame}` : ''}`
    : 'this image';
  return `Cannot display ${which}${syntax}: ${readable(reasonOf(error))}`;
}
