// The renderer-facing API: domain functions built over a transport. Electron's preload and the browser test host
// build the same object over different transports, so the renderer cannot tell them apart.
import { instancePath } from './channels';
import type { Channel, Envelope, EventName, EventPayloads, RequestOf, ResponseOf } from './contract';

export interface Transport {
  invoke(channel: Channel, request: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Absolute URL prefix under which the main process serves stored instances (see `instancePath`). */
  instanceBaseUrl: string;
}

export class LanternError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LanternError';
  }
}

export function createLanternApi(transport: Transport) {
  async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf[C]> {
    const envelope = await transport.invoke(channel, request);
    if (!envelope.ok) throw new LanternError(envelope.error.code, envelope.error.message);
    return envelope.value as ResponseOf[C];
  }

  return {
    appInfo: () => call('app.info', {}),
    worklist: {
      query: (query: RequestOf<'worklist.query'>) => call('worklist.query', query),
      modalities: () => call('worklist.modalities', {}),
    },
    study: {
      get: (studyInstanceUid: string) => call('study.get', { studyInstanceUid }),
    },
    imports: {
      chooseSources: (kind: 'folder' | 'files') => call('import.chooseSources', { kind }),
      start: (paths: string[]) => call('import.start', { paths }),
      cancel: (importId: number) => call('import.cancel', { importId }),
      list: (limit = 20) => call('import.list', { limit }),
      rejections: (importId: number, offset = 0, limit = 200) =>
        call('import.rejections', { importId, offset, limit }),
    },
    ai: {
      models: () => call('ai.models.list', {}),
      installModel: (path: string) => call('ai.models.install', { path }),
      results: (studyInstanceUid: string) => call('ai.results', { studyInstanceUid }),
      /** Queues the study (or re-queues it: retry); `priority` for the study on screen. */
      analyze: (studyInstanceUid: string, priority = false) => call('ai.analyze', { studyInstanceUid, priority }),
      analyzeUnread: () => call('ai.analyzeUnread', {}),
      cancel: (studyInstanceUid: string) => call('ai.cancel', { studyInstanceUid }),
      settings: () => call('ai.settings.get', {}),
      updateSettings: (changes: RequestOf<'ai.settings.update'>) => call('ai.settings.update', changes),
    },
    /** URL of a stored instance's bytes, for Cornerstone's wadouri loader. */
    instanceUrl: (sopInstanceUid: string) => `${transport.instanceBaseUrl}${instancePath(sopInstanceUid)}`,
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      return transport.subscribe(event, listener as (payload: unknown) => void);
    },
  };
}

export type LanternApi = ReturnType<typeof createLanternApi>;
