/**
 * The one error path of every command: log the failure, show one short notification with the
 * actions that fit it, and run the one the user picks. A cancel is silent.
 */
import * as vscode from 'vscode';
import { errorHeadline, hintText } from '../agencies/agencyText';
import { snapshotError } from '../agencies/agencyModel';
import { isCsmsError } from '../csms/errors';
import type { Services } from '../services';
import { localize } from '../ui/localize';
import { combinedErrorActions, errorActions, type ErrorAction } from './errorActions';

export interface ErrorContext {
  /** What failed, as a short sentence start: "Creating service agencies for RDS-FG failed". */
  title: string;
  retry?: () => Promise<void>;
}

export async function reportError(
  services: Services,
  error: unknown,
  context: ErrorContext,
): Promise<void> {
  if (isCancellation(error)) {
    services.log.info(`${context.title}: cancelled by the user`);
    return;
  }
  logFailure(services, error, context.title);

  const actions = errorActions(error, context.retry !== undefined);
  await notify(services, notificationText(error, context), actions, context);
}

/** One failure among several: what it concerns (a secret type, say) and what went wrong. */
export interface Failure {
  subject: string;
  error: unknown;
}

/**
 * Several failures of one command in one notification, not one each: every failure is logged,
 * the text names each subject with a few words on what went wrong, and the buttons are every fix
 * that fits one of them. Cancels were never failures, so none is expected here.
 */
export async function reportErrors(
  services: Services,
  failures: readonly Failure[],
  context: ErrorContext,
): Promise<void> {
  for (const failure of failures) {
    logFailure(services, failure.error, `${context.title}: ${failure.subject}`);
  }

  const list = failures.map((failure) => {
    const headline = errorHeadline(snapshotError(failure.error, 'check'), localize);
    return `${failure.subject} (${headline})`;
  });
  const text = localize('{title}: {failures}. The tree shows each error under its type.', {
    title: context.title,
    failures: list.join(', '),
  });

  const errors = failures.map((failure) => failure.error);
  const actions = combinedErrorActions(errors, context.retry !== undefined);
  await notify(services, text, actions, context);
}

export function isCancellation(error: unknown): boolean {
  return (
    (isCsmsError(error) && error.kind === 'cancelled') || error instanceof vscode.CancellationError
  );
}

/** Shows the notification and runs the action the user picks, if any. */
async function notify(
  services: Services,
  text: string,
  actions: readonly ErrorAction[],
  context: ErrorContext,
): Promise<void> {
  const labels = new Map(actions.map((action) => [actionLabel(action), action]));
  const chosen = await services.prompter().message('error', text, ...labels.keys());

  const action = chosen === undefined ? undefined : labels.get(chosen);
  if (action !== undefined) {
    await runAction(services, action, context);
  }
}

function notificationText(error: unknown, context: ErrorContext): string {
  const t = localize;
  // The operation is not part of the notification; the title already names it.
  const snapshot = snapshotError(error, 'create');
  const text = t('{title} ({headline}). {hint}', {
    title: context.title,
    headline: errorHeadline(snapshot, t),
    hint: hintText(snapshot, t),
  });
  const requestId = snapshot.requestId;
  return requestId ? `${text} ${t('Request id: {requestId}', { requestId })}` : text;
}

/** Writes a failure to the log with what is known of it; for callers that word their own notice. */
export function logFailure(services: Services, error: unknown, title: string): void {
  if (!isCsmsError(error)) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    services.log.error(`${title}: ${detail}`);
    return;
  }
  const parts = [
    `kind=${error.kind}`,
    `status=${error.status ?? '-'}`,
    `code=${error.errorCode ?? '-'}`,
    `requestId=${error.requestId ?? '-'}`,
    `hint=${error.hint.key}`,
  ];
  services.log.error(`${title}: ${error.message} (${parts.join(', ')})`);
}

async function runAction(
  services: Services,
  action: ErrorAction,
  context: ErrorContext,
): Promise<void> {
  switch (action) {
    case 'configureCredentials':
      await vscode.commands.executeCommand('csms.configureCredentials');
      return;
    case 'selectRegion':
      await vscode.commands.executeCommand('csms.selectRegion');
      return;
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'csms.');
      return;
    case 'retry':
      await context.retry?.();
      return;
    case 'showLog':
      services.log.show();
  }
}

function actionLabel(action: ErrorAction): string {
  const labels: Record<ErrorAction, string> = {
    configureCredentials: vscode.l10n.t('Configure Credentials'),
    selectRegion: vscode.l10n.t('Select Region'),
    openSettings: vscode.l10n.t('Open Settings'),
    retry: vscode.l10n.t('Retry'),
    showLog: vscode.l10n.t('Show Log'),
  };
  return labels[action];
}
