// The `lantern` command line: the same services as the app, no UI.
import { parseArgs } from 'node:util';
import { defaultDataRoot } from '../store/data-dir';
import { importCommand } from './import-command';
import { studiesCommand } from './studies-command';

export class UsageError extends Error {}

const USAGE = `usage: lantern <command> [options]

commands:
  import <paths…> [--data-dir DIR] [--json]   import files, folders, DICOMDIRs and ZIP archives
  studies [--data-dir DIR] [--json]           list the studies in the store
  models add <package-dir…> | models list [--json]
                                              install (validated, checksum-verified) or list AI models
  analyze (--study UID | --all) [--model ID] [--json]
                                              run the AI models over stored studies and store the results
  host [--data-dir DIR] [--port N] [--headless]
                                              run the workstation in Chromium (no Electron needed)

--data-dir defaults to $LANTERN_DATA_DIR or ${defaultDataRoot()}`;

export interface CliContext {
  dataRoot: string;
  json: boolean;
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

const COMMANDS: Record<string, (context: CliContext) => Promise<number>> = {
  import: importCommand,
  studies: studiesCommand,
  models: async (context) => (await import('./models-command')).modelsCommand(context),
  analyze: async (context) => (await import('./analyze-command')).analyzeCommand(context),
  host: async (context) => (await import('../browser-host/host-command')).hostCommand(context),
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || !(command in COMMANDS)) {
    process.stderr.write(`${command && !command.startsWith('-') ? `unknown command "${command}"\n\n` : ''}${USAGE}\n`);
    return command === '--help' || command === '-h' ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        port: { type: 'string' },
        headless: { type: 'boolean', default: false },
        study: { type: 'string' },
        all: { type: 'boolean', default: false },
        model: { type: 'string' },
      },
    });
  } catch (error) {
    process.stderr.write(`lantern ${command}: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const context: CliContext = {
    dataRoot: parsed.values['data-dir'] ?? defaultDataRoot(),
    json: parsed.values.json ?? false,
    positionals: parsed.positionals,
    values: parsed.values,
  };
  try {
    return await COMMANDS[command]!(context);
  } catch (error) {
    process.stderr.write(`lantern ${command}: ${error instanceof UsageError ? '' : 'failed: '}${(error as Error).message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
