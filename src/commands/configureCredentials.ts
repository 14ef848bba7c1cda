/**
 * Configure Credentials…: asks for the keys (or imports them), keeps them in SecretStorage only,
 * then proves at once that they work and says so plainly.
 */
import * as vscode from 'vscode';
import { readSettings } from '../settings';
import type { Services } from '../services';
import { abortSignal } from '../ui/abortSignal';
import { askCredentials, type EnteredCredentials } from './askCredentials';
import { reportError } from './reportError';

export async function configureCredentials(services: Services): Promise<void> {
  const entered = await askCredentials(services);
  if (entered === undefined) {
    return;
  }

  services.log.masker.remember(entered.credentials);
  await services.credentials.store(entered.credentials);
  if (entered.projectId !== undefined) {
    await services.projectIds.set(readSettings().region, entered.credentials, entered.projectId);
  }
  await services.credentialsChanged();

  await verifyCredentials(services, entered);
}

async function verifyCredentials(services: Services, entered: EnteredCredentials): Promise<void> {
  const title = vscode.l10n.t('Checking the credentials…');
  try {
    const { region, projectId } = await services
      .prompter()
      .progress(title, (token) => services.session.verify(abortSignal(token)));
    const works = vscode.l10n.t('The credentials work: project {projectId} in region {region}.', {
      projectId,
      region,
    });
    await services.prompter().message('info', [works, trimmedNote(entered)].join(' ').trim());
  } catch (error) {
    await reportError(services, error, {
      title: vscode.l10n.t('The credentials were saved, but they could not be verified'),
      retry: () => verifyCredentials(services, { ...entered, trimmed: [] }),
    });
  }
}

function trimmedNote(entered: EnteredCredentials): string {
  if (entered.trimmed.length === 0) {
    return '';
  }
  const names: Record<string, string> = {
    accessKey: vscode.l10n.t('access key'),
    secretKey: vscode.l10n.t('secret key'),
    securityToken: vscode.l10n.t('security token'),
    token: vscode.l10n.t('IAM token'),
  };
  const fields = entered.trimmed.map((field) => names[field]).join(', ');
  return vscode.l10n.t('Spaces around the {fields} were removed.', { fields });
}
