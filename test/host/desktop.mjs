// Runs the integration suite in desktop VS Code through @vscode/test-electron, for contributors
// with internet: it downloads VS Code into .vscode-test/ on first use. Offline machines (CI) use
// test/host/headless.mjs, which runs the same suite with the same settings.
// Usage: npm run test:desktop [-- --version <stable|insiders|1.x.y>]
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TestRunFailedError, downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

import { repoRoot } from './install.mjs';
import { emulatorSettings, freePort } from './server.mjs';

const EXTENSION_ID = 'csms-tools.csms-agencies';
const cachePath = path.join(repoRoot, '.vscode-test');

const { values: options } = parseArgs({
  options: { version: { type: 'string', default: 'stable' } },
});

// Desktop VS Code has no machine settings file of its own: csms.endpoint and csms.iamEndpoint
// are machine-scoped, and the user settings of a local window are allowed to set them.
async function prepareProfile() {
  const runs = path.join(repoRoot, '.vscode-test', 'runs');
  await mkdir(runs, { recursive: true });
  const dataDir = await mkdtemp(path.join(runs, 'desktop-'));
  const userDir = path.join(dataDir, 'ud', 'User');
  await mkdir(userDir, { recursive: true });
  await mkdir(path.join(dataDir, 'workspace'));

  const emulatorPort = await freePort();
  const settings = emulatorSettings(emulatorPort);
  await writeFile(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
  return { dataDir, emulatorPort };
}

// The extension must not find the contributor's real Huawei Cloud SDK variables and offer to
// import them in a run against the emulator (an undefined value leaves a variable unset).
function withoutSdkKeys() {
  const names = Object.keys(process.env).filter((name) => name.startsWith('HUAWEICLOUD_'));
  return Object.fromEntries(names.map((name) => [name, undefined]));
}

// Downloading is its own step, so that a machine without internet is told so plainly.
async function downloadVSCode() {
  try {
    // An idle download fails after this long instead of hanging with no internet.
    return await downloadAndUnzipVSCode({ version: options.version, cachePath, timeout: 30_000 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `could not download VS Code ${options.version}: ${reason}\n` +
        'This launcher needs internet; offline, run npm run test:integration (headless) instead.',
    );
  }
}

async function main() {
  const vscodeExecutablePath = await downloadVSCode();
  const { dataDir, emulatorPort } = await prepareProfile();
  return runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration'),
    extensionTestsEnv: { ...withoutSdkKeys(), CSMS_EMULATOR_PORT: String(emulatorPort) },
    launchArgs: [
      path.join(dataDir, 'workspace'),
      `--user-data-dir=${path.join(dataDir, 'ud')}`,
      `--extensions-dir=${path.join(dataDir, 'ext')}`,
      `--log=${EXTENSION_ID}:trace`,
      '--disable-extensions',
    ],
  });
}

try {
  process.exit(await main());
} catch (error) {
  // A failing suite has already printed mocha's report; only the exit code is left to pass on.
  if (error instanceof TestRunFailedError) {
    process.exit(error.code ?? 1);
  }
  console.error(`[desktop] FAILED: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
