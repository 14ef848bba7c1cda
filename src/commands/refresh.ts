/**
 * Refresh Agencies: re-checks the status of every type in the tree. It only asks; a create is
 * never re-sent, since creating is a one-shot action the user must choose.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { checkTypes } from './checkTypes';
import { requireCredentials } from './requireCredentials';

export async function refresh(services: Services): Promise<void> {
  const secretTypes = services.model.types().map((state) => state.secretType);
  if (secretTypes.length === 0) {
    const text = vscode.l10n.t('Nothing to refresh yet: create or check a service agency first.');
    await services.prompter().message('info', text);
    return;
  }
  if (await requireCredentials(services)) {
    await checkTypes(services, secretTypes);
  }
}
