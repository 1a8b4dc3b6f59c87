// Electron preload (sandboxed, CommonJS): exposes the domain API built over ipcRenderer, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createLanternApi, type Transport } from './api';
import { APP_ORIGIN, ipcChannelName } from './channels';
import type { Envelope } from './contract';

const transport: Transport = {
  invoke: (channel, request) => ipcRenderer.invoke(ipcChannelName(channel), request) as Promise<Envelope<unknown>>,
  subscribe(event, listener) {
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcChannelName(event), handler);
    return () => ipcRenderer.off(ipcChannelName(event), handler);
  },
  instanceBaseUrl: APP_ORIGIN,
};

contextBridge.exposeInMainWorld('lantern', createLanternApi(transport));
