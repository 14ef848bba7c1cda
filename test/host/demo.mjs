// `npm run demo`: the packaged extension in a real VS Code, against the emulator, with no Huawei
// Cloud account. It prints the address to open and the made-up keys to paste; Ctrl+C stops all.
// Usage: node test/host/demo.mjs --vsix <file>   (npm run demo builds and packages first)
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { workbenchUrl } from './browser.mjs';
import { repoRoot } from './install.mjs';
import {
  createRunFolders,
  emulatorSettings,
  installVsix,
  PLAIN_WORKBENCH,
  startServer,
  writeSettings,
} from './server.mjs';

const { values: options } = parseArgs({
  options: { vsix: { type: 'string', default: path.join(repoRoot, 'csms-agencies.vsix') } },
});

const cleanups = [];

async function stopAll(code) {
  console.log('\n[demo] stopping the VS Code server and the emulator');
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch(() => undefined);
  }
  process.exit(code);
}

/** The emulator, compiled by `npm run compile-tests`, started on a free loopback port. */
async function startEmulator() {
  const require = createRequire(import.meta.url);
  const { startEmulator: start } = require(path.join(repoRoot, 'out/test/emulator/emulator.js'));
  const emulator = await start({ port: 0 });
  cleanups.push(() => emulator.close());
  return emulator;
}

async function startVSCode(emulator) {
  const folders = await createRunFolders('demo');
  cleanups.push(() => rm(folders.dataDir, { recursive: true, force: true }));

  // Machine settings, as the endpoints' scope requires: a workspace could not set them.
  await writeSettings(folders, { machine: emulatorSettings(emulator.port), user: PLAIN_WORKBENCH });
  console.log(`[demo] installing ${path.relative(repoRoot, options.vsix)} into the VS Code server`);
  await installVsix(folders, path.resolve(options.vsix));

  const server = await startServer(folders);
  cleanups.push(async () => server.stop());
  server.child.on('exit', (code, signal) => {
    console.error(`[demo] the VS Code server stopped (${code ?? signal}):\n${server.tail()}`);
    void stopAll(1);
  });
  return { server, folders };
}

function printWelcome(emulator, server, folders) {
  const lines = [
    '',
    'CSMS demo: a real VS Code with the packaged extension, against a local CSMS emulator.',
    '',
    `  Open:  ${workbenchUrl(server, folders.workspace)}`,
    '',
    '  Then: the CSMS icon in the activity bar, or F1 and "CSMS: Configure Credentials…",',
    '  choose "Access key (AK/SK)" and paste these made-up keys (they open nothing else):',
    `    access key:  ${emulator.accessKey}`,
    `    secret key:  ${emulator.secretKey}`,
    '  and F1 "CSMS: Create Service Agency…" → RDS-FG.',
    '',
    `  To see a failure, make the next create fail for one agency (or try error-401, html-502):`,
    `    curl -X POST ${emulator.url}/__emulator/scenario -d '{"name":"partial-failure","times":1}'`,
    '',
    'Ctrl+C stops everything.',
  ];
  console.log(lines.join('\n'));
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const emulator = await startEmulator();
  const { server, folders } = await startVSCode(emulator);
  printWelcome(emulator, server, folders);
} catch (error) {
  console.error(`[demo] FAILED: ${error instanceof Error ? error.message : error}`);
  await stopAll(1);
}
