/**
 * What every integration test shares: the emulator running inside the extension host, the
 * extension's test API with the scripted prompter installed, and the steps that put both back into
 * a known state between tests.
 */
import * as vscode from 'vscode';
import type { CsmsExtensionApi } from '../../src/api';
import { startEmulator } from '../emulator/emulator';
import type { Emulator, RecordedRequest } from '../emulator/types';
import { ScriptedPrompter } from './scriptedPrompter';

const EXTENSION_ID = 'csms-tools.csms-agencies';
export const AGENCIES_PATH = '/v1/csms/agencies';

/** A second region with a project of its own, for results that must not show in the main one. */
export const SCRATCH_REGION = 'cn-east-3';
export const SCRATCH_PROJECT_ID = '5d1e7c9a3b2f4e6d8a0c1b3e5f7a9c2d';

export interface Harness {
  emulator: Emulator;
  testing: CsmsExtensionApi['testing'];
  prompter: ScriptedPrompter;
  /** Every secret sent so far, so the log can be searched for all of them at the end. */
  secretsUsed: Set<string>;
}

let current: Promise<Harness> | undefined;

export function harness(): Promise<Harness> {
  current ??= startHarness();
  return current;
}

export async function disposeHarness(): Promise<void> {
  const started = current;
  current = undefined;
  if (started) {
    const { emulator, testing } = await started;
    testing.setPrompter(undefined);
    await emulator.close();
  }
}

async function startHarness(): Promise<Harness> {
  const extension = vscode.extensions.getExtension<CsmsExtensionApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`The extension ${EXTENSION_ID} is not installed in this host`);
  }
  const { testing } = await extension.activate();
  const launcherPort = Number(process.env.CSMS_EMULATOR_PORT) || 0;
  const projects = [{ id: SCRATCH_PROJECT_ID, name: SCRATCH_REGION }];
  const emulator = await startEmulator({ port: launcherPort, projects });
  if (launcherPort === 0) {
    await pointSettingsAt(emulator);
  }
  // A contributor's own SDK keys would be offered for import first: type the emulator's instead.
  const prompter = new ScriptedPrompter().alwaysPick('importSource', { source: 'manual' });
  testing.setPrompter(prompter);
  return { emulator, testing, prompter, secretsUsed: new Set() };
}

// The headless launcher picks the emulator's port and points the machine settings at it before
// VS Code starts. Without it, any free port will do, and user settings point the extension at it.
async function pointSettingsAt(emulator: Emulator): Promise<void> {
  await csmsConfig().update('endpoint', emulator.url, vscode.ConfigurationTarget.Global);
  await csmsConfig().update('iamEndpoint', emulator.url, vscode.ConfigurationTarget.Global);
}

/** Back to a clean start: no credentials, no scenario, nothing recorded, no queued answers. */
export async function resetAll(h: Harness): Promise<void> {
  resetEmulator(h);
  h.prompter.clear();
  await run('csms.clearCredentials');
  h.prompter.clear();
}

/** Clean start, then AK/SK credentials configured and the messages they caused forgotten. */
export async function resetWithCredentials(h: Harness): Promise<void> {
  await resetAll(h);
  await configure(h, 'aksk');
  forgetRequests(h);
  h.prompter.clear();
}

export type CredentialMethod = 'aksk' | 'temporary' | 'token';

/** Runs Configure Credentials… typing the emulator's keys for `method`, as a person would. */
export async function configure(h: Harness, method: CredentialMethod): Promise<void> {
  const { prompter, emulator } = h;
  prompter.answerPick('credentialMethod', { method });
  if (method === 'token') {
    prompter.answerInput('token', emulator.token);
  } else {
    prompter
      .answerInput('accessKey', emulator.accessKey)
      .answerInput('secretKey', emulator.secretKey);
  }
  if (method === 'temporary') {
    prompter.answerInput('securityToken', emulator.securityToken);
  }

  await run('csms.configureCredentials');

  const offScript = [...prompter.unanswered(), ...prompter.pending()];
  if (offScript.length > 0 || prompter.refusedInputs.length > 0) {
    const refused = prompter.refusedInputs.map((input) => `${input.id}: ${input.reason}`);
    throw new Error(`Configure Credentials went off script: ${[...offScript, ...refused]}`);
  }
}

/** Runs `task`, then puts the user's `csms.<key>` back as it was, whatever the task changed. */
export async function keepingSetting<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = csmsConfig().inspect(key)?.globalValue;
  try {
    return await task();
  } finally {
    await csmsConfig().update(key, previous, vscode.ConfigurationTarget.Global);
  }
}

/** Runs `task` with the user's `csms.<key>` set to `value`, and restores it after. */
export function withSetting<T>(key: string, value: unknown, task: () => Promise<T>): Promise<T> {
  return keepingSetting(key, async () => {
    await csmsConfig().update(key, value, vscode.ConfigurationTarget.Global);
    return task();
  });
}

export function csmsConfig(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('csms');
}

/** Runs a command as the palette, a keybinding or a tree menu would. */
export async function run<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
  return vscode.commands.executeCommand<T>(command, ...args);
}

export function requestsTo(h: Harness, method: string, path = AGENCIES_PATH): RecordedRequest[] {
  return h.emulator.requests.filter(
    (request) => request.method === method && request.path.replace(/\/$/, '') === path,
  );
}

/** Makes the emulator forget everything (agencies included), keeping the secrets it saw. */
export function resetEmulator(h: Harness): void {
  rememberSecrets(h);
  h.emulator.reset();
}

/** Empties the emulator's request list, keeping the secrets it saw for the log search. */
export function forgetRequests(h: Harness): void {
  rememberSecrets(h);
  h.emulator.requests.length = 0;
}

/** Collects the credentials and signatures the emulator saw, before a reset forgets them. */
export function rememberSecrets(h: Harness): void {
  const { emulator, secretsUsed } = h;
  for (const request of emulator.requests) {
    const signature = /Signature=([0-9a-f]+)/i.exec(request.headers.authorization ?? '');
    const sent = [
      signature?.[1],
      request.headers['x-auth-token'],
      request.headers['x-security-token'],
    ];
    sent.filter((value): value is string => !!value).forEach((value) => secretsUsed.add(value));
  }
}

/** Waits until `condition` holds, polling; fails after `limitMs` naming what it waited for. */
export async function waitUntil(
  what: string,
  condition: () => boolean,
  limitMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Gave up waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
