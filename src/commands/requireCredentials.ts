/**
 * Stops a command that needs credentials before it sends anything, and offers to configure them.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';

export async function requireCredentials(services: Services): Promise<boolean> {
  if (await services.session.hasCredentials()) {
    return true;
  }
  const configure = vscode.l10n.t('Configure Credentials');
  const text = vscode.l10n.t('No Huawei Cloud credentials are configured yet.');

  const chosen = await services.prompter().message('warning', text, configure);
  if (chosen === configure) {
    await vscode.commands.executeCommand('csms.configureCredentials');
  }
  return false;
}
