/**
 * The extension's entry point: it only wires the services, the commands and the view together.
 */
import type * as vscode from 'vscode';
import type { CsmsExtensionApi } from './api';
import { registerCommands } from './commands/registerCommands';
import { createServices } from './createServices';
import { registerStateSync } from './registerStateSync';

export function activate(context: vscode.ExtensionContext): CsmsExtensionApi {
  const services = createServices(context);
  registerCommands(context, services);
  registerStateSync(context, services);

  return {
    testing: {
      setPrompter: (prompter) => services.setPrompter(prompter),
      agencies: services.tree as vscode.TreeDataProvider<unknown>,
      model: services.model,
      logUri: context.logUri,
    },
  };
}

export function deactivate(): void {
  // Everything to release was handed to the extension context, which disposes it.
}
