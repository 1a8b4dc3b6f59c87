// Turns the study's series into what the viewer shows: stacks of Cornerstone image IDs, or a labelled tile for
// series that hold no pixels a reader could look at (reports, plans, structure sets, waveforms).
import type { InstanceSummary, SeriesSummary } from '../../preload/contract';

/** Modalities whose objects are not pictures to read on their own, even when a file carries a pixel module. */
const NON_IMAGE_MODALITIES: Record<string, string> = {
  SR: 'Structured report',
  KO: 'Key object selection',
  PR: 'Presentation state',
  DOC: 'Document',
  RTPLAN: 'RT plan',
  RTSTRUCT: 'RT structure set',
  RTRECORD: 'RT treatment record',
  ECG: 'Waveform',
  HD: 'Waveform',
  REG: 'Registration',
  // Pixel data that is not a picture on its own: a dose grid and a segmentation belong over their source images.
  RTDOSE: 'RT dose grid',
  SEG: 'Segmentation',
};

export interface StackImage {
  imageId: string;
  /** The instance's byte URL (without the frame selector). */
  url: string;
  sopInstanceUid: string;
  instanceNumber: number | null;
  /** 1-based frame within a multi-frame instance, null for single-frame instances. */
  frame: number | null;
  frames: number;
}

export type ViewerSeries =
  | { kind: 'image'; uid: string; summary: SeriesSummary; images: StackImage[] }
  | { kind: 'non-image'; uid: string; summary: SeriesSummary; label: string };

const hasPixels = (instance: InstanceSummary) =>
  instance.rows !== null && instance.columns !== null && instance.photometricInterpretation !== '';

/** `wadouri:` IDs; multi-frame instances get one ID per frame (`frame=` is 1-based for the loader). */
export function imageIdsFor(instance: InstanceSummary, instanceUrl: (sop: string) => string): StackImage[] {
  const url = instanceUrl(instance.sopInstanceUid);
  const base = { url, sopInstanceUid: instance.sopInstanceUid, instanceNumber: instance.instanceNumber, frames: instance.frames };
  if (instance.frames <= 1) return [{ ...base, imageId: `wadouri:${url}`, frame: null }];
  const separator = url.includes('?') ? '&' : '?';
  return Array.from({ length: instance.frames }, (_, index) => ({
    ...base,
    imageId: `wadouri:${url}${separator}frame=${index + 1}`,
    frame: index + 1,
  }));
}

export function toViewerSeries(summary: SeriesSummary, instanceUrl: (sop: string) => string): ViewerSeries {
  const uid = summary.seriesInstanceUid;
  const nonImageLabel = NON_IMAGE_MODALITIES[summary.modality.toUpperCase()];
  const pictures = summary.instances.filter(hasPixels);
  if (nonImageLabel || pictures.length === 0) {
    return { kind: 'non-image', uid, summary, label: nonImageLabel ?? `${summary.modality || 'Object'} without image pixels` };
  }
  return { kind: 'image', uid, summary, images: pictures.flatMap((instance) => imageIdsFor(instance, instanceUrl)) };
}

/**
 * A separate image ID for the series preview. Cornerstone's CPU path rewrites cached float images in place when it
 * draws them, so a preview drawn from the viewport's own cached image corrupted the viewport (seen on MONOCHROME1
 * CR with a fractional rescale slope). A distinct ID gives the preview its own decoded copy; the host serves the
 * same bytes whatever the query says.
 */
export function previewImageId(image: StackImage): string {
  const separator = image.url.includes('?') ? '&' : '?';
  return `wadouri:${image.url}${separator}preview=1${image.frame ? `&frame=${image.frame}` : ''}`;
}

/** The series a reader wants first: the first image series (series are already in series-number order). */
export function firstImageSeries(all: ViewerSeries[]): ViewerSeries | undefined {
  return all.find((series) => series.kind === 'image');
}

/** `3 Axial 5 mm`; without a description `Series 3`; the modality is shown beside it, so never repeated here. */
export function seriesTitle(summary: SeriesSummary): string {
  if (!summary.description) return summary.seriesNumber === null ? 'Unnamed series' : `Series ${summary.seriesNumber}`;
  return summary.seriesNumber === null ? summary.description : `${summary.seriesNumber} ${summary.description}`;
}
