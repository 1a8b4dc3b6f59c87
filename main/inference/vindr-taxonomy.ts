// VinDr-CXR label names (22 local + 6 global, PhysioNet release), the common vocabulary models map their labels to
// so that findings from different models can be compared. Public facts, checked against
// ../shared/data/labels/vindr_cxr_taxonomy.json in tests/inference/manifest.test.ts.
export const VINDR_LOCAL_LABELS = [
  'Aortic enlargement', 'Atelectasis', 'Calcification', 'Cardiomegaly', 'Clavicle fracture', 'Consolidation', 'Edema',
  'Emphysema', 'Enlarged PA', 'ILD', 'Infiltration', 'Lung Opacity', 'Lung cavity', 'Lung cyst', 'Mediastinal shift',
  'Nodule/Mass', 'Pleural effusion', 'Pleural thickening', 'Pneumothorax', 'Pulmonary fibrosis', 'Rib fracture',
  'Other lesion',
] as const;
export const VINDR_GLOBAL_LABELS = ['COPD', 'Lung tumor', 'Pneumonia', 'Tuberculosis', 'Other diseases', 'No finding'] as const;
export const VINDR_LABELS: readonly string[] = [...VINDR_LOCAL_LABELS, ...VINDR_GLOBAL_LABELS];
