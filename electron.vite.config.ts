// One build for the three Electron targets. Workers are separate entries so worker-host.ts finds them as
// workers/<name>.js beside the main bundle.
import { defineConfig } from 'electron-vite';
import { rendererViteConfig } from './build/renderer.vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: 'main/electron/main.ts',
          'workers/import': 'main/dicom/import.worker.ts',
        },
      },
    },
  },
  preload: {
    build: {
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
