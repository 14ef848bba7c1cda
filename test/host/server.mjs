// Starts the VS Code server from the offline host on loopback, with its own data folders, and
// stops it again. Shared by the headless test launcher, the UI smoke test and the demo.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

import { ensureHost, repoRoot } from './install.mjs';

const READY_TIMEOUT_MS = 60_000;
const LOG_TAIL_LINES = 40;

/** Asks the kernel for a loopback port that is free right now. */
export async function freePort() {
  const probe = net.createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Folders of one server instance; `dataDir` is wiped by nobody but the caller. */
export function serverFolders(dataDir) {
  return {
    dataDir,
    userDataDir: path.join(dataDir, 'ud'),
    extensionsDir: path.join(dataDir, 'ext'),
    workspace: path.join(dataDir, 'workspace'),
    home: path.join(dataDir, 'home'),
  };
}

/**
 * A new folder under .vscode-test/runs for one server, with an empty workspace and home. One per
 * run, so that runs started at the same time from the same tree never share a profile.
 */
export async function createRunFolders(prefix) {
  const runs = path.join(repoRoot, '.vscode-test', 'runs');
  await mkdir(runs, { recursive: true });
  const folders = serverFolders(await mkdtemp(path.join(runs, `${prefix}-`)));
  await mkdir(folders.workspace);
  await mkdir(folders.home);
  return folders;
}

/**
 * The server's environment: the extension must never find the real Huawei Cloud SDK keys of
 * whoever runs it (environment variables or ~/.huaweicloud/credentials) and offer to import
 * them into a test or a demo against the emulator.
 */
export function isolatedEnv(folders, extra = {}) {
  const kept = Object.entries(process.env).filter(([name]) => !name.startsWith('HUAWEICLOUD_'));
  return { ...Object.fromEntries(kept), HOME: folders.home, ...extra };
}

/** User settings for a plain workbench: no welcome page, chat panel, tips or git prompts. */
export const PLAIN_WORKBENCH = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'git.openRepositoryInParentFolders': 'never',
};

/** Writes settings before the server starts: machine scope is what csms.endpoint requires. */
export async function writeSettings(folders, { machine = {}, user = {} }) {
  const machineDir = path.join(folders.userDataDir, 'Machine');
  const userDir = path.join(folders.userDataDir, 'User');
  await mkdir(machineDir, { recursive: true });
  await mkdir(userDir, { recursive: true });
  await writeFile(path.join(machineDir, 'settings.json'), JSON.stringify(machine, null, 2));
  await writeFile(path.join(userDir, 'settings.json'), JSON.stringify(user, null, 2));
}

/** Machine settings that send the extension's requests to the emulator on `port`. */
export function emulatorSettings(port) {
  const endpoint = `http://127.0.0.1:${port}`;
  return { 'csms.endpoint': endpoint, 'csms.iamEndpoint': endpoint };
}

/** Installs a packaged extension into the server's extensions folder, as a user would. */
export async function installVsix(folders, vsixFile) {
  const host = await ensureHost();
  const args = [host.serverMain, ...folderArgs(folders), '--install-extension', vsixFile];
  const child = spawn(host.node, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collectLines(child);
  const [code] = await once(child, 'exit');
  if (code !== 0) {
    throw new Error(`installing ${vsixFile} failed (code ${code}):\n${output.tail()}`);
  }
}

/**
 * Starts the server on a port of its own choosing and resolves once it serves the workbench.
 * Returns its base URL, a tail of its output for failure reports, and `stop()`.
 */
export async function startServer(
  folders,
  { env = isolatedEnv(folders), logLevel = 'info', echo = false } = {},
) {
  const host = await ensureHost();
  const args = [host.serverMain, ...serverArgs(folders, logLevel)];
  const child = spawn(host.node, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = collectLines(child, echo);
  const server = { child, tail: output.tail, stop: () => stopProcessGroup(child) };

  // A last resort for exits that skip the caller's cleanup (an uncaught error, process.exit()).
  process.on('exit', server.stop);

  const port = await waitForPort(child, output);
  return { ...server, port, url: `http://127.0.0.1:${port}` };
}

function folderArgs(folders) {
  return [
    '--server-data-dir',
    folders.dataDir,
    '--user-data-dir',
    folders.userDataDir,
    '--extensions-dir',
    folders.extensionsDir,
  ];
}

// --enable-smoke-test-driver makes the built workbench honour the `payload` URL parameter, and
// without --disable-workspace-trust the folder would open in Restricted Mode.
function serverArgs(folders, logLevel) {
  return [
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-workspace-trust',
    '--disable-telemetry',
    '--log',
    logLevel,
    ...folderArgs(folders),
  ];
}

// At trace level the server narrates every file it writes and watches; a failure report wants
// the other lines.
function meaningfulTail(lines) {
  const chatter = /^\s*$|File action:|\[File Watcher|^\s*\(excludes:/;
  const kept = lines.filter((line) => !chatter.test(line));
  return kept.slice(-LOG_TAIL_LINES).join('\n');
}

function collectLines(child, echo = false) {
  const lines = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      lines.push(line);
      if (echo) console.log(`[server] ${line}`);
    }
    lines.splice(0, Math.max(0, lines.length - 500));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { lines, tail: () => meaningfulTail(lines) };
}

// Port 0 lets the server bind a free port itself (no race with other processes); it reports
// the port it got in its ready line.
function waitForPort(child, output) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stopProcessGroup(child);
      const reason = `the VS Code server did not start within ${READY_TIMEOUT_MS / 1000} s`;
      reject(new Error(`${reason}\n--- server output ---\n${output.tail()}`));
    }, READY_TIMEOUT_MS);
    const onData = () => {
      const match = /Web UI available at https?:\/\/[^:\s]+:(\d+)/.exec(output.lines.join('\n'));
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const reason = `the VS Code server exited before it was ready (${code ?? signal})`;
      reject(new Error(`${reason}\n--- server output ---\n${output.tail()}`));
    });
  });
}

// The server starts an extension host and file watchers as children: the whole process group
// goes, so that nothing lingers after a run or a Ctrl+C.
function stopProcessGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}
