// The Electron shell: one locked-down window, the lantern:// scheme, and ipcMain wired to the same router the
// browser host uses. Everything else lives in the Electron-free services.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, type IpcMainInvokeEvent } from 'electron';
import { APP_ORIGIN, APP_SCHEME, ipcChannelName } from '../../preload/channels';
import { CHANNELS, EVENT_NAMES } from '../../preload/contract';
import { handleAppRequest } from '../ipc/app-request';
import { createRouter } from '../ipc/router';
import { openLantern, type Lantern } from '../lantern';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '..', 'renderer');

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // Cornerstone's codecs are WebAssembly; its decoders run in module workers from the same origin.
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } },
]);

function dataRoot(): string {
  const { values } = parseArgs({ args: process.argv.slice(1), options: { 'data-dir': { type: 'string' } }, strict: false });
  const override = values['data-dir'];
  return typeof override === 'string' ? path.resolve(override) : path.join(app.getPath('userData'), 'data');
}

async function serveApp(lantern: Lantern, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const security = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  if (url.host !== 'app') return new Response('not found', { status: 404, headers: security });
  const answer = await handleAppRequest(lantern, rendererRoot, url.pathname);
  const body = typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body);
  return new Response(body, { status: answer.status, headers: { ...answer.headers, ...security } });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1600,
    height: 1000,
    backgroundColor: '#0b0d10',
    title: 'Lantern',
    show: false,
    webPreferences: {
      preload: path.join(here, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // No navigation away from the app, no new windows; external links go to the system browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** Only the app's own top frame, in the window Lantern created, may call the services. */
function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  return (
    window !== null &&
    event.sender === window.webContents &&
    event.senderFrame !== null &&
    event.senderFrame === window.webContents.mainFrame &&
    event.senderFrame.url.startsWith(`${APP_ORIGIN}/`)
  );
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  const lantern = openLantern(dataRoot());
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(APP_SCHEME, (request) => serveApp(lantern, request));

  let window: BrowserWindow | null = createWindow();
  window.on('closed', () => {
    window = null;
  });
  const route = createRouter(
    lantern,
    {
      appInfo: { host: 'electron', preferCpuRendering: false, nativeFilePicker: true },
      async chooseSources(kind) {
        const options: Electron.OpenDialogOptions = {
          title: 'Import studies',
          properties: kind === 'folder' ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
        };
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : result.filePaths;
      },
    },
    app.getVersion(),
  );
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannelName(channel), (event, payload: unknown) =>
      isTrustedSender(event, window)
        ? route(channel, payload)
        : { ok: false, error: { code: 'forbidden', message: `sender not allowed for ${channel}` } },
    );
  }
  for (const name of EVENT_NAMES) lantern.events.on(name, (payload) => window?.webContents.send(ipcChannelName(name), payload));

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('second-instance', () => window?.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    event.preventDefault();
    void lantern.close().finally(() => app.exit(0));
  });
}

void start();
