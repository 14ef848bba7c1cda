/**
 * Create Service Agency…: asks CSMS to create the agencies a secret type's rotation needs. A
 * create is one-shot, so a second request for a type already being created is never sent.
 */
import * as vscode from 'vscode';
import { isCancellation, reportError } from './reportError';
import type { CreateAgenciesResult } from '../csms/types';
import type { Services } from '../services';
import { abortSignal } from '../ui/abortSignal';
import { chooseSecretType } from './chooseSecretType';
import { requireCredentials } from './requireCredentials';
import { revealType } from './revealType';

export async function createAgency(services: Services, argument?: unknown): Promise<void> {
  const placeHolder = vscode.l10n.t('Secret type to create the service agencies for');
  const secretType = await chooseSecretType(services, argument, placeHolder);
  if (secretType === undefined) {
    return;
  }

  const key = `create/${secretType}`;
  if (services.inFlight.has(key)) {
    const text = vscode.l10n.t('Service agencies for {secretType} are already being created.', {
      secretType,
    });
    await services.prompter().message('info', text);
    return;
  }
  const failure = await services.inFlight.run(key, () => create(services, secretType));

  // Reported once the create is no longer in flight, so that Retry can start a new one.
  if (failure !== undefined) {
    await reportError(services, failure.error, {
      title: vscode.l10n.t('Creating service agencies for {secretType} failed', { secretType }),
      retry: () => createAgency(services, secretType),
    });
  }
}

/** Sends the create and records the outcome; a failure is returned for the caller to report. */
async function create(
  services: Services,
  secretType: string,
): Promise<{ error: unknown } | undefined> {
  if (!(await requireCredentials(services))) {
    return undefined;
  }
  const title = vscode.l10n.t('Creating service agencies for {secretType}…', { secretType });

  try {
    const result = await services.prompter().progress(title, async (token) => {
      const signal = abortSignal(token);
      const { client } = await services.session.connect(signal);
      return client.createAgencies(secretType, signal);
    });
    services.model.recordCreate(result, Date.now());
    await revealType(services, secretType);
    await warnAboutFailures(services, result);
    return undefined;
  } catch (error) {
    if (!isCancellation(error)) {
      services.model.recordFailure(secretType, 'create', error, Date.now());
    }
    return { error };
  }
}

/** A 200 can carry failed agencies: say how many, and offer the details. */
async function warnAboutFailures(services: Services, result: CreateAgenciesResult): Promise<void> {
  const failed = result.agencies.filter((agency) => agency.errorMessage !== undefined).length;
  if (failed === 0) {
    return;
  }
  const showDetails = vscode.l10n.t('Show Details');
  const text = vscode.l10n.t('{failed} of {total} service agencies for {secretType} failed.', {
    failed,
    total: result.agencies.length,
    secretType: result.secretType,
  });

  if ((await services.prompter().message('warning', text, showDetails)) === showDetails) {
    await services.showExchange(result.secretType);
  }
}
