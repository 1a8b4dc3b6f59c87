// `lantern host`: the workstation in Chromium, for machines where Electron cannot run.
import { UsageError, type CliContext } from '../cli/main';
import { startBrowserHost } from './host';

export async function hostCommand({ dataRoot, values }: CliContext): Promise<number> {
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${values.port}"`);
  const headless = values.headless === true;
  process.stderr.write(`lantern host: starting (data in ${dataRoot})…\n`);
  const host = await startBrowserHost({ dataRoot, headless, port });
  process.stdout.write(`Lantern is running at ${host.url}${headless ? ' (headless)' : ''}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // Closing the window ends the browser, and with it the host.
    host.context.once('close', stop);
  });
  process.stderr.write('lantern host: shutting down\n');
  await host.close();
  return 0;
}
