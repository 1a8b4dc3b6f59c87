// Window presets. Hounsfield presets only mean something on CT, where pixel values (after rescale) are HU; on
// radiographs and MR the values are detector or signal units, so the viewer offers the file's own window and the
// full range there instead.

export type PresetId = 'default' | 'full' | 'lung' | 'mediastinum' | 'softTissue' | 'bone';

export interface WindowPreset {
  id: PresetId;
  label: string;
  /** Keyboard shortcut shown in the toolbar and the help overlay. */
  key: string;
  /** Fixed window in modality units (HU); null when derived from the image itself. */
  window: { width: number; center: number } | null;
}

export const PRESETS: readonly WindowPreset[] = [
  { id: 'default', label: 'DICOM default', key: '1', window: null },
  { id: 'lung', label: 'Lung', key: '2', window: { width: 1500, center: -600 } },
  { id: 'mediastinum', label: 'Mediastinum', key: '3', window: { width: 350, center: 50 } },
  { id: 'softTissue', label: 'Soft tissue', key: '4', window: { width: 400, center: 40 } },
  { id: 'bone', label: 'Bone', key: '5', window: { width: 2000, center: 300 } },
  { id: 'full', label: 'Full range', key: '0', window: null },
];

const HOUNSFIELD_MODALITIES = new Set(['CT']);

export function presetAppliesTo(preset: WindowPreset, modality: string): boolean {
  return preset.window === null || HOUNSFIELD_MODALITIES.has(modality.toUpperCase());
}
