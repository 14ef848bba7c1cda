// What the demo and the UI smoke test share: the emulator in this process, and a VS Code server
// with the packaged extension installed and its endpoints pointed at that emulator. Each step adds
// its own undo to `cleanups`, so a caller stops everything by running them in reverse.
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import { repoRoot } from './install.mjs';
import {
  createRunFolders,
  emulatorSettings,
  installVsix,
  PLAIN_WORKBENCH,
  startServer,
  writeSettings,
} from './server.mjs';

/** The emulator, compiled by `npm run compile-tests`, started on a free loopback port. */
export async function startLocalEmulator(cleanups) {
  const require = createRequire(import.meta.url);
  const { startEmulator } = require(path.join(repoRoot, 'out/test/emulator/emulator.js'));
  const emulator = await startEmulator({ port: 0 });
  cleanups.push(() => emulator.close());
  return emulator;
}

/**
 * A run folder, machine settings aimed at the emulator (the endpoints' scope allows no other
 * place), the `.vsix` installed, and the server started. The server's environment holds no real
 * SDK keys, so the extension never offers to import them.
 */
export async function startPackagedServer(label, { emulatorPort, vsix, cleanups }) {
  const folders = await createRunFolders(label);
  cleanups.push(() => rm(folders.dataDir, { recursive: true, force: true }));

  await writeSettings(folders, { machine: emulatorSettings(emulatorPort), user: PLAIN_WORKBENCH });
  await installVsix(folders, path.resolve(vsix));

  const server = await startServer(folders);
  cleanups.push(async () => server.stop());
  return { server, folders };
}
