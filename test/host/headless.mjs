// Runs the integration suite inside a real VS Code with no internet: the VS Code server from the
// offline host, its web workbench in headless Chromium, the tests passed in the `payload` URL
// parameter, and the result taken from the exit code the workbench reports.
// Usage: node test/host/headless.mjs [--vsix <file>] [--tests <dir>] [--extension <dir>]
//                                    [--timeout <seconds>] [--keep] [--log <level>]
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { format, parseArgs } from 'node:util';

import { openBrowser, workbenchUrl } from './browser.mjs';
import { repoRoot } from './install.mjs';
import {
  createRunFolders,
  emulatorSettings,
  freePort,
  installVsix,
  isolatedEnv,
  PLAIN_WORKBENCH,
  startServer,
  writeSettings,
} from './server.mjs';

const EXTENSION_ID = 'csms-tools.csms-agencies';
const WORKBENCH_TIMEOUT_MS = 60_000;

// The workbench forwards its own console too, at the server's log level (trace, see below). Its
// trace and debug lines, and the info lines below (offline gallery lookups, chat and sign-in
// probes, connection chatter), say nothing about the tests and would bury mocha's report.
const QUIET_TYPES = new Set(['trace', 'debug']);
const MOCHA_COUNT = /^\s*\d+ (passing|failing|pending)\b/;
const WORKBENCH_NOISE = new RegExp(
  [
    '^\\[(AgentHost|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)',
    '^(Creating a socket|Resolving connection token|Resolved connection token)',
    '^Updating additional builtin extensions cache',
    '^Creation of workbench contribution',
    '^Timed out waiting for authentication provider',
    '^Canceled: Canceled',
    'ENOTFOUND open-vsx\\.org',
  ].join('|'),
);

const { values: options } = parseArgs({
  options: {
    vsix: { type: 'string' },
    tests: { type: 'string', default: path.join(repoRoot, 'out', 'test', 'integration') },
    extension: { type: 'string', default: repoRoot },
    timeout: { type: 'string', default: '600' },
    keep: { type: 'boolean', default: false },
    // The benchmark runs at info, the level users have: trace logging costs time it would count.
    log: { type: 'string', default: 'trace' },
  },
});

const cleanups = [];
const counts = [];
let exiting = false;

/** Stops whatever was started, newest first, then exits with `code`. */
async function finish(code) {
  if (exiting) return;
  exiting = true;
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch(() => undefined);
  }
  process.exit(code);
}

function interrupted(code) {
  console.error('[headless] interrupted: stopping the VS Code server and the browser');
  void finish(code);
}

process.on('SIGINT', () => interrupted(130));
process.on('SIGTERM', () => interrupted(143));

async function main() {
  const mode = options.vsix ? 'package' : 'development';
  const folders = await createRunFolders(mode);
  const emulatorPort = await freePort();
  await writeSettings(folders, { machine: emulatorSettings(emulatorPort), user: PLAIN_WORKBENCH });

  const extensionPath = options.vsix
    ? await installPackaged(folders, path.resolve(options.vsix))
    : path.resolve(options.extension);
  console.log(`[headless] ${mode} run: extension ${extensionPath}`);

  const server = await startServer(folders, {
    env: isolatedEnv(folders, { CSMS_EMULATOR_PORT: String(emulatorPort) }),
    // The suite searches the extension's trace-level log for secrets. The server ignores the
    // per-extension form (--log <id>:trace), so the whole server runs at trace.
    logLevel: options.log,
  });
  cleanups.push(async () => server.stop());
  console.log(`[headless] VS Code server on ${server.url}, emulator port ${emulatorPort}`);

  const code = verdict(await runSuite(server, folders, extensionPath));
  if (code === 0 && !options.keep) {
    await rm(folders.dataDir, { recursive: true, force: true });
  } else {
    console.log(`[headless] server data and logs kept in ${folders.dataDir}`);
  }
  return code;
}

// The suite then runs against the unpacked extension exactly as the package installed it, so the
// code under test is the packaged bundle and not the source tree.
async function installPackaged(folders, vsixFile) {
  if (!existsSync(vsixFile)) {
    throw new Error(`no package at ${vsixFile} (run npm run package first)`);
  }
  await installVsix(folders, vsixFile);
  const installed = (await readdir(folders.extensionsDir)).filter((name) =>
    name.startsWith(`${EXTENSION_ID}-`),
  );
  if (installed.length !== 1) {
    throw new Error(`expected one installed ${EXTENSION_ID}, found: ${installed.join(', ')}`);
  }
  return path.join(folders.extensionsDir, installed[0]);
}

async function runSuite(server, folders, extensionPath) {
  const testsPath = path.resolve(options.tests);
  if (!existsSync(path.join(testsPath, 'index.js'))) {
    throw new Error(`no test entry at ${testsPath}/index.js (run npm run compile-tests first)`);
  }
  const { browser, page } = await openBrowser({ origin: server.url });
  cleanups.push(async () => browser.close());

  const exitCode = exposeAutomation(page);
  const url = workbenchUrl(server, folders.workspace, {
    extensionDevelopmentPath: extensionPath,
    extensionTestsPath: testsPath,
    skipWelcome: 'true',
  });
  await page.goto(url);
  await waitForWorkbench(page, server);
  console.log('[headless] workbench started, running the suite');

  return withTimeout(exitCode, Number(options.timeout) * 1000, server);
}

// The workbench forwards the extension host's output to codeAutomationLog, and reports the test
// runner's exit code to codeAutomationExit once the extension host has finished.
function exposeAutomation(page) {
  let reportExit;
  const exitCode = new Promise((resolve) => (reportExit = resolve));
  void page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = format(...(Array.isArray(args) ? args : [args]));
    if (QUIET_TYPES.has(type) || WORKBENCH_NOISE.test(line)) return;
    console.log(line);
    if (MOCHA_COUNT.test(line)) counts.push(line.trim());
  });
  void page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
  return exitCode;
}

async function waitForWorkbench(page, server) {
  try {
    await page.waitForSelector('.monaco-workbench', { timeout: WORKBENCH_TIMEOUT_MS });
  } catch {
    throw new Error(
      `the workbench did not appear within ${WORKBENCH_TIMEOUT_MS / 1000} s\n` + server.tail(),
    );
  }
}

// The workbench also reports 0 when the extension host dies and its connection is lost, before
// mocha has said anything: success needs mocha's own "N passing" and no "N failing" as well.
function verdict(reported) {
  console.log(`[headless] the workbench reported exit code ${reported}`);
  if (reported !== 0) {
    return reported;
  }
  if (!counts.some((line) => / passing\b/.test(line))) {
    console.error('[headless] FAILED: mocha printed no counts (did the extension host crash?)');
    return 1;
  }
  if (counts.some((line) => /^[1-9]\d* failing\b/.test(line))) {
    console.error('[headless] FAILED: mocha counted failures');
    return 1;
  }
  return 0;
}

function withTimeout(exitCode, timeoutMs, server) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const reason = `no exit code from the tests within ${timeoutMs / 1000} s`;
      reject(new Error(`${reason}\n--- server output ---\n${server.tail()}`));
    }, timeoutMs);
  });
  return Promise.race([exitCode, timeout]).finally(() => clearTimeout(timer));
}

try {
  const code = await main();

  // The counts are repeated last, so that a run's result is its final lines whatever followed.
  console.log(counts.length > 0 ? counts.join('\n') : '[headless] no mocha counts were printed');
  await finish(code);
} catch (error) {
  console.error(`[headless] FAILED: ${error instanceof Error ? error.message : error}`);
  await finish(1);
}
