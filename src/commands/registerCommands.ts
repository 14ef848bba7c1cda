/**
 * Registers every command. Each handler's promise settles when all its work is done, and anything
 * it did not handle itself still ends in the one error path rather than in a silent rejection.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { checkAgency } from './checkAgency';
import { clearCredentials } from './clearCredentials';
import { configureCredentials } from './configureCredentials';
import { copyAgencyId } from './copyAgencyId';
import { copyAgencyName } from './copyAgencyName';
import { createAgency } from './createAgency';
import { refresh } from './refresh';
import { reportError } from './reportError';
import { retry } from './retry';
import { selectRegion } from './selectRegion';
import { showDetails } from './showDetails';
import { showLog } from './showLog';

type Handler = (services: Services, argument?: unknown) => Promise<void>;

const COMMANDS: Record<string, Handler> = {
  'csms.configureCredentials': configureCredentials,
  'csms.clearCredentials': clearCredentials,
  'csms.selectRegion': selectRegion,
  'csms.createAgency': createAgency,
  'csms.checkAgency': checkAgency,
  'csms.refresh': refresh,
  'csms.showLog': showLog,
  'csms.copyAgencyId': copyAgencyId,
  'csms.copyAgencyName': copyAgencyName,
  'csms.showDetails': showDetails,
  'csms.retry': retry,
};

export function registerCommands(context: vscode.ExtensionContext, services: Services): void {
  for (const [id, handler] of Object.entries(COMMANDS)) {
    const command = vscode.commands.registerCommand(id, (argument?: unknown) =>
      runCommand(services, id, () => handler(services, argument)),
    );
    context.subscriptions.push(command);
  }
}

async function runCommand(
  services: Services,
  id: string,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const title = vscode.l10n.t('The command {id} failed', { id });
    await reportError(services, error, { title });
  }
}
