// dcmjs ships no type declarations; Lantern uses a small part of it (writing datasets), typed loosely here.
declare module 'dcmjs' {
  const dcmjs: {
    data: {
      DicomDict: new (meta: Record<string, unknown>) => { dict: Record<string, unknown>; write(): ArrayBuffer };
      DicomMetaDictionary: {
        denaturalizeDataset(dataset: Record<string, unknown>): Record<string, unknown>;
        naturalizeDataset(dataset: Record<string, unknown>): Record<string, unknown>;
        uid(): string;
      };
      DicomMessage: { readFile(buffer: ArrayBuffer): { dict: Record<string, unknown>; meta: Record<string, unknown> } };
      datasetToBuffer(dataset: Record<string, unknown>): Buffer;
    };
    [key: string]: unknown;
  };
  export default dcmjs;
}
