// Runs a TypeScript worker entry from source (CLI, tests, browser host); the Electron build bundles workers as .js.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
