// One build for the three Electron targets. Workers are separate entries so worker-host.ts finds them as
// workers/<name>.js beside the main bundle.
import { defineConfig } from 'electron-vite';
import { rendererViteConfig } from './build/renderer.vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // Shared chunks beside index.js: worker-host.ts resolves workers/<name>.js relative to its own chunk.
        output: { chunkFileNames: '[name]-[hash].js' },
        input: {
          index: 'main/electron/main.ts',
          'workers/import': 'main/dicom/import.worker.ts',
          'workers/inference': 'main/inference/inference.worker.ts',
        },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot require(): bundle everything they use.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: 'preload/index.ts' },
        // A CommonJS preload lets the window stay sandboxed (an ESM preload needs sandbox: false).
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererViteConfig,
});
