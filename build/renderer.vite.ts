// The renderer's Vite configuration, shared by electron-vite (the desktop build) and the browser host, so both
// serve the very same bundle.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const codec = (name: string) => `@cornerstonejs/dicom-image-loader > ${name}`;

export const rendererOutDir = path.join(root, 'out', 'renderer');

export const rendererViteConfig: UserConfig = {
  root: path.join(root, 'renderer'),
  base: './',
  plugins: [react()],
  resolve: {
    alias: { '@preload': path.join(root, 'preload') },
  },
  // Cornerstone's loader ships its codecs as WASM glue nested under it; Vite must not pre-bundle the loader
  // itself, but must pre-bundle the glue (see FIELD-NOTES: Cornerstone3D in headless Chromium).
  optimizeDeps: {
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: [
      codec('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
      codec('@cornerstonejs/codec-charls/decodewasmjs'),
      codec('@cornerstonejs/codec-openjpeg/decodewasmjs'),
      codec('@cornerstonejs/codec-openjph/wasmjs'),
      '@cornerstonejs/metadata',
      'dicom-parser',
      'events',
    ],
  },
  worker: { format: 'es' },
  build: {
    outDir: rendererOutDir,
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 8000,
    rollupOptions: { input: path.join(root, 'renderer', 'index.html') },
  },
};
