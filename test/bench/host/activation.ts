/**
 * Activation cost as the issue defines it, module load plus `activate`, on a fresh start, before
 * anything else could have activated the extension. The bundle is required here first, timed, and
 * its `activate` is wrapped in the module cache, so that `Extension.activate()` then times the
 * call itself. That whole `Extension.activate()` is reported beside it: it adds VS Code's own
 * bookkeeping (the context, its storage read over IPC from the workbench), which is not ours.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CsmsExtensionApi } from '../../../src/api';

const EXTENSION_ID = 'csms-tools.csms-agencies';
// Node's own require, shared module cache included, which VS Code uses to load the bundle.
const load = createRequire(__filename);

export interface ActivationFigures {
  /** Module load plus the `activate` call: the figure the budget is about. */
  ms: number;
  loadMs: number;
  activateCallMs: number;
  /** All of `Extension.activate()`, VS Code's bookkeeping included. */
  wholeMs: number;
  /** CPU time the host process spent in `wholeMs`: steadier than wall time on a busy machine. */
  cpuMs: number;
  /** True when something activated the extension first: the figure then measures nothing. */
  alreadyActive: boolean;
}

type Testing = CsmsExtensionApi['testing'];

export async function measureActivation(): Promise<{
  figures: ActivationFigures;
  testing: Testing;
}> {
  const extension = vscode.extensions.getExtension<CsmsExtensionApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`The extension ${EXTENSION_ID} is not installed in this host`);
  }
  const alreadyActive = extension.isActive;
  const main = load.resolve(path.join(extension.extensionPath, extension.packageJSON.main));

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  load(main);
  const loadMs = performance.now() - started;

  const call = timeActivateCall(main);
  const { testing } = await extension.activate();
  const wholeMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);

  if (call.ms === undefined) {
    throw new Error('VS Code did not call activate from the module cache: nothing was timed');
  }
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const figures = { ms: loadMs + call.ms, loadMs, activateCallMs: call.ms, wholeMs, cpuMs };
  return { figures: { ...figures, alreadyActive }, testing };
}

interface ExtensionModule {
  activate(context: vscode.ExtensionContext): unknown;
  deactivate?(): unknown;
}

// The bundle's exports are read-only getters, so the cached module gets a new exports object whose
// activate times the real one. This extension's activate is synchronous.
function timeActivateCall(main: string): { ms?: number } {
  const cached = load.cache[main];
  if (!cached) {
    throw new Error(`${main} is not in the module cache`);
  }
  const original = cached.exports as ExtensionModule;
  const call: { ms?: number } = {};

  cached.exports = {
    activate(context: vscode.ExtensionContext) {
      const started = performance.now();
      const result = original.activate(context);
      call.ms = performance.now() - started;
      return result;
    },
    deactivate: () => original.deactivate?.(),
  };
  return call;
}
