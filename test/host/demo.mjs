// `npm run demo`: the packaged extension in a real VS Code, against the emulator, with no Huawei
// Cloud account. It prints the address to open and the made-up keys to paste; Ctrl+C stops all.
// Usage: node test/host/demo.mjs --vsix <file>   (npm run demo builds and packages first)
import path from 'node:path';
import { parseArgs } from 'node:util';

import { workbenchUrl } from './browser.mjs';
import { repoRoot } from './install.mjs';
import { startLocalEmulator, startPackagedServer } from './packagedRun.mjs';

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

async function startVSCode(emulator) {
  console.log(`[demo] installing ${path.relative(repoRoot, options.vsix)} into the VS Code server`);
  const { server, folders } = await startPackagedServer('demo', {
    emulatorPort: emulator.port,
    vsix: options.vsix,
    cleanups,
  });
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
  const emulator = await startLocalEmulator(cleanups);
  const { server, folders } = await startVSCode(emulator);
  printWelcome(emulator, server, folders);
} catch (error) {
  console.error(`[demo] FAILED: ${error instanceof Error ? error.message : error}`);
  await stopAll(1);
}
