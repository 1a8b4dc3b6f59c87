// Names shared by both sides of the IPC boundary that must not pull the schemas (zod) into the sandboxed preload.

/** Every IPC message uses one Electron channel per contract channel, prefixed so nothing else collides. */
export const ipcChannelName = (channel: string): string => `lantern:${channel}`;

/** Electron serves the renderer and stored instances from one privileged scheme, so both share one origin. */
export const APP_SCHEME = 'lantern';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

export const instancePath = (sopInstanceUid: string): string => `/instances/${encodeURIComponent(sopInstanceUid)}`;
