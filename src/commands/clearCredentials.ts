/**
 * Clear Credentials: removes every stored secret. The results already shown stay in global state
 * for their region and project, and come back when credentials for that project return.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';

export async function clearCredentials(services: Services): Promise<void> {
  await services.credentials.clear();
  await services.credentialsChanged();

  await services.prompter().message('info', vscode.l10n.t('The CSMS credentials were removed.'));
}
