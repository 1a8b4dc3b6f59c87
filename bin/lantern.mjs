#!/usr/bin/env node
// `npx lantern …`: runs the CLI from TypeScript source through tsx, so it works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
