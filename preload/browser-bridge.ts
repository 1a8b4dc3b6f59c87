// The browser host's preload: builds `window.lantern` over a Playwright binding instead of Electron IPC.
// The host bundles this file to an IIFE and injects it with `addInitScript`, so it runs before the renderer's code.
// Like Electron's preload it takes only types from the contract, so the schemas (zod) stay out of the page's global scope.
import { createLanternApi, type Transport } from './api';
import type { Channel, Envelope, EventName } from './contract';

interface BridgeWindow {
  /** Installed by the host (`context.exposeBinding`); answers only pages served from the host's own origin. */
  __lanternInvoke?: (channel: Channel, request: unknown) => Promise<Envelope<unknown>>;
  /** Called by the host (`page.evaluate`) for every main-process event. */
  __lanternDispatch?: (event: EventName, payload: unknown) => void;
  lantern?: ReturnType<typeof createLanternApi>;
}

const target = window as unknown as BridgeWindow;

function invoke(channel: Channel, request: unknown): Promise<Envelope<unknown>> {
  // Looked up per call: the binding is a property the host installs, not something to capture at load time.
  if (!target.__lanternInvoke) throw new Error('the Lantern browser host binding is missing from this page');
  return target.__lanternInvoke(channel, request);
}

// The init script runs in every document of the browser context; only pages the host served over http get an API.
if (location.protocol === 'http:') {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const transport: Transport = {
    invoke: (channel, request) => invoke(channel, request),
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
    instanceBaseUrl: location.origin,
  };

  target.__lanternDispatch = (event, payload) => {
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`lantern: a listener for "${event}" threw`, error);
      }
    }
  };
  target.lantern = createLanternApi(transport);
}
