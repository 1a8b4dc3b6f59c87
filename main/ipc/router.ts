// Validates every request against the contract and dispatches it to the services. Electron's ipcMain and the
// browser host both call `handle`; neither has a way around it.
import {
  requestSchemas,
  type AppInfo,
  type Channel,
  type Envelope,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../preload/contract';
import type { Lantern } from '../lantern';

export class RequestError extends Error {
  constructor(
    readonly code: 'invalid_request' | 'unknown_channel' | 'not_found' | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}

type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => ResponseOf[C] | Promise<ResponseOf[C]> };

export interface HostCapabilities {
  appInfo: Omit<AppInfo, 'dataDir' | 'version'>;
  /** Native file picker, where the host has one. */
  chooseSources?: (kind: 'folder' | 'files') => Promise<string[] | null>;
}

export function createRouter(lantern: Lantern, host: HostCapabilities, version: string) {
  const handlers: Handlers = {
    'app.info': () => ({ ...host.appInfo, version, dataDir: lantern.dataDir.root }),
    'worklist.query': (request) => lantern.worklist.query(request),
    'worklist.modalities': () => lantern.worklist.modalities(),
    'study.get': ({ studyInstanceUid }) => {
      const detail = lantern.worklist.study(studyInstanceUid);
      if (!detail) throw new RequestError('not_found', `study ${studyInstanceUid} is not in this workstation's store`);
      return detail;
    },
    'import.chooseSources': async ({ kind }) => (host.chooseSources ? host.chooseSources(kind) : null),
    'import.start': ({ paths }) => ({ importId: lantern.imports.start(paths) }),
    'import.cancel': ({ importId }) => ({ cancelled: lantern.imports.cancel(importId) }),
    'import.list': ({ limit }) => lantern.importLog.list(limit),
    'import.rejections': ({ importId, offset, limit }) => lantern.importLog.rejections(importId, offset, limit),
    'ai.models.list': () => lantern.ai.models(),
    'ai.models.install': ({ path }) => lantern.ai.install(path),
    'ai.results': ({ studyInstanceUid }) => lantern.ai.studyResults(studyInstanceUid),
    'ai.analyze': ({ studyInstanceUid, priority }) => {
      lantern.ai.enqueue(studyInstanceUid, { priority });
      return { queued: true };
    },
    'ai.analyzeUnread': () => ({ queued: lantern.ai.analyzeUnread() }),
    'ai.cancel': ({ studyInstanceUid }) => ({ cancelled: lantern.ai.cancel(studyInstanceUid) }),
    'ai.settings.get': () => lantern.ai.settings(),
    'ai.settings.update': (changes) => lantern.ai.updateSettings(changes),
  };

  return async function handle(channel: string, payload: unknown): Promise<Envelope<unknown>> {
    try {
      if (!Object.hasOwn(requestSchemas, channel)) throw new RequestError('unknown_channel', `unknown channel "${channel}"`);
      const schema = requestSchemas[channel as Channel];
      const parsed = schema.safeParse(payload ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new RequestError('invalid_request', `${channel}: ${issue?.path.join('.') || 'request'}: ${issue?.message}`);
      }
      const handler = handlers[channel as Channel] as (request: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      const code = error instanceof RequestError ? error.code : 'internal';
      return { ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } };
    }
  };
}

export type Router = ReturnType<typeof createRouter>;
