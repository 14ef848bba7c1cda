/**
 * Configure Credentials…: asks for the keys (or imports them), proves at once that they work, and
 * only then keeps them, in SecretStorage only. Bad input loses nothing: keys that fail the check
 * are kept only when the user says so, and the previous ones stay in use otherwise.
 */
import * as vscode from 'vscode';
import { errorHeadline, hintText } from '../agencies/agencyText';
import { snapshotError } from '../agencies/agencyModel';
import { isCsmsError } from '../csms/errors';
import type { Credentials } from '../csms/types';
import { readSettings } from '../settings';
import type { Services } from '../services';
import type { VerifiedScope } from '../session';
import { abortSignal } from '../ui/abortSignal';
import { localize } from '../ui/localize';
import { askCredentials, type EnteredCredentials } from './askCredentials';
import { isCancellation, logFailure } from './reportError';

type Verification = { verified: VerifiedScope } | { error: unknown };

export async function configureCredentials(services: Services): Promise<void> {
  const entered = await askCredentials(services);
  if (entered === undefined) {
    return;
  }

  // The check logs its requests, so the new values are masked before anything is sent.
  services.log.masker.remember(entered.credentials);
  const verification = await verify(services, entered.credentials);

  if ('verified' in verification) {
    await keep(services, entered.credentials);
    await sayTheyWork(services, entered, verification.verified);
  } else if (await saveAnyway(services, verification.error)) {
    await keep(services, entered.credentials);
    await rememberImportedProjectId(services, entered);
  }
}

async function verify(services: Services, credentials: Credentials): Promise<Verification> {
  const title = vscode.l10n.t('Checking the credentials…');
  try {
    const verified = await services
      .prompter()
      .progress(title, (token) => services.session.verify(credentials, abortSignal(token)));
    return { verified };
  } catch (error) {
    return { error };
  }
}

async function keep(services: Services, credentials: Credentials): Promise<void> {
  await services.credentials.store(credentials);
  await services.credentialsChanged();
}

/**
 * An import may bring the SDK's project id. A successful check found (or was given) the project
 * already; without one, the imported id saves a discovery that may fail the same way.
 */
async function rememberImportedProjectId(
  services: Services,
  entered: EnteredCredentials,
): Promise<void> {
  if (entered.projectId !== undefined) {
    await services.projectIds.set(readSettings().region, entered.credentials, entered.projectId);
    await services.credentialsChanged();
  }
}

async function sayTheyWork(
  services: Services,
  entered: EnteredCredentials,
  { region, projectId }: VerifiedScope,
): Promise<void> {
  const works = vscode.l10n.t('The credentials work: project {projectId} in region {region}.', {
    projectId,
    region,
  });
  await services.prompter().message('info', [works, trimmedNote(entered)].join(' ').trim());
}

/**
 * Says why the new credentials were not kept and asks whether to keep them anyway. A cancel, or
 * dismissing the question, changes nothing.
 */
async function saveAnyway(services: Services, error: unknown): Promise<boolean> {
  const title = vscode.l10n.t('The new credentials were not verified');
  if (isCancellation(error)) {
    services.log.info(`${title}: cancelled by the user`);
    return false;
  }
  logFailure(services, error, title);

  const hadCredentials = await services.session.hasCredentials();
  const save = vscode.l10n.t('Save Anyway');
  const dismiss = hadCredentials ? vscode.l10n.t('Keep Previous') : vscode.l10n.t('Discard');
  const text = [failureText(error), notSavedText(hadCredentials)].join(' ');

  const severity = wasRefused(error) ? 'error' : 'warning';
  return (await services.prompter().message(severity, text, save, dismiss)) === save;
}

/** The server refused them (401, 403), or nobody could tell (network, timeout, 5xx, settings). */
function failureText(error: unknown): string {
  const snapshot = snapshotError(error, 'check');
  const args = { headline: errorHeadline(snapshot, localize), hint: hintText(snapshot, localize) };
  return wasRefused(error)
    ? vscode.l10n.t('The server refused the new credentials ({headline}). {hint}', args)
    : vscode.l10n.t('The new credentials could not be checked ({headline}). {hint}', args);
}

function notSavedText(hadCredentials: boolean): string {
  return hadCredentials
    ? vscode.l10n.t('They were not saved: the previous credentials stay in use.')
    : vscode.l10n.t('They were not saved.');
}

function wasRefused(error: unknown): boolean {
  return isCsmsError(error) && (error.status === 401 || error.status === 403);
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
