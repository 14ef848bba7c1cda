/**
 * `npm run emulator`: starts the emulator on a friendly port and prints what a person needs to
 * use it from the extension. The port comes from `--port <n>`, then `CSMS_EMULATOR_PORT`, then
 * 8765; only the default falls back to a free port when busy, because a port someone asked for
 * should either be honoured or fail loudly.
 */
import { SCENARIO_NAMES, startEmulator, type Emulator } from './emulator';

const DEFAULT_PORT = 8765;

async function main(argv: string[]): Promise<void> {
  const requested = requestedPort(argv);
  const emulator = await startOnPort(requested);
  printBanner(emulator);

  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function requestedPort(argv: string[]): number | undefined {
  const flagAt = argv.indexOf('--port');
  const text = flagAt >= 0 ? argv[flagAt + 1] : process.env.CSMS_EMULATOR_PORT;
  if (text === undefined || text === '') {
    return undefined;
  }

  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Not a port number: ${text}`);
  }
  return port;
}

async function startOnPort(requested: number | undefined): Promise<Emulator> {
  if (requested !== undefined) {
    return startEmulator({ port: requested });
  }

  try {
    return await startEmulator({ port: DEFAULT_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
      throw error;
    }
    console.log(`Port ${DEFAULT_PORT} is busy; using a free one instead.`);
    return startEmulator({ port: 0 });
  }
}

function printBanner(emulator: Emulator): void {
  const lines = [
    `CSMS emulator listening on ${emulator.url} (loopback only)`,
    `  region:      ${emulator.region}`,
    `  project id:  ${emulator.projectId}`,
    '',
    'Made-up demo credentials (they open nothing but this emulator):',
    `  access key:      ${emulator.accessKey}`,
    `  secret key:      ${emulator.secretKey}`,
    `  security token:  ${emulator.securityToken}   (optional, for temporary keys)`,
    `  IAM token:       ${emulator.token}   (sent as X-Auth-Token)`,
    '',
    'Point the extension at it (settings.json):',
    `  "csms.endpoint": "${emulator.url}",`,
    `  "csms.iamEndpoint": "${emulator.url}"`,
    '',
    'Drive it from elsewhere:',
    `  POST ${emulator.url}/__emulator/scenario  {"name": "<scenario>", "times": 1}`,
    `  POST ${emulator.url}/__emulator/reset`,
    `  GET  ${emulator.url}/__emulator/requests`,
    `  scenarios: ${SCENARIO_NAMES.join(', ')}`,
    '',
    'Ctrl+C stops it.',
  ];
  console.log(lines.join('\n'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`The emulator could not start: ${(error as Error).message}`);
  process.exit(1);
});
