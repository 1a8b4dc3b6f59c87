// Typed access to `window.lantern`, the API that Electron's preload or the browser host's bridge installs before
// any renderer code runs. Renderer code imports it from here and never touches `window` for it.
import { useEffect, useRef, useState } from 'react';
import type { LanternApi } from '../../preload/api';
import type { AppInfo, EventName, EventPayloads } from '../../preload/contract';

function installedApi(): LanternApi {
  const api = (window as unknown as { lantern?: LanternApi }).lantern;
  if (!api) {
    throw new Error('window.lantern is missing: open Lantern through the desktop app or `npx lantern host`, not as a plain web page');
  }
  return api;
}

export const lantern: LanternApi = installedApi();

/** Subscribes for the component's lifetime; the latest listener is always called, without resubscribing. */
export function useLanternEvent<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => lantern.on(event, (payload) => latest.current(payload)), [event]);
}

/** The host's description of itself (null until it has answered). */
export function useAppInfo(): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    void lantern.appInfo().then((value) => live && setInfo(value));
    return () => {
      live = false;
    };
  }, []);
  return info;
}
