/**
 * Asks CSMS whether the agencies of each given type are granted, one type after the other, and
 * records each answer as it comes. Shared by Check Agency Status… and Refresh Agencies; it only
 * ever sends GET requests.
 */
import * as vscode from 'vscode';
import type { CsmsClient } from '../csms/client';
import { isCsmsError } from '../csms/errors';
import type { Services } from '../services';
import { abortSignal } from '../ui/abortSignal';
import { isCancellation, reportError } from './reportError';
import { revealType } from './revealType';

interface Failure {
  secretType: string;
  error: unknown;
}

export async function checkTypes(
  services: Services,
  secretTypes: readonly string[],
): Promise<void> {
  const title = vscode.l10n.t('Checking agency status…');
  let failure: Failure | undefined;

  try {
    failure = await services.prompter().progress(title, async (token) => {
      const signal = abortSignal(token);
      const { client } = await services.session.connect(signal);
      return checkEach(services, client, secretTypes, signal);
    });
  } catch (error) {
    // Connecting failed (project discovery, for example): every type asked about has failed.
    recordFailures(services, secretTypes, error);
    failure = { secretType: secretTypes[0], error };
  }

  await revealType(services, failure?.secretType ?? secretTypes[0]);
  if (failure !== undefined) {
    await reportError(services, failure.error, {
      title: vscode.l10n.t('Checking {secretType} failed', { secretType: failure.secretType }),
      retry: () => checkTypes(services, secretTypes),
    });
  }
}

/** Checks each type; returns the first failure, stopping early when the rest would fail alike. */
async function checkEach(
  services: Services,
  client: CsmsClient,
  secretTypes: readonly string[],
  signal: AbortSignal,
): Promise<Failure | undefined> {
  let first: Failure | undefined;
  for (const secretType of secretTypes) {
    try {
      services.model.recordCheck(await client.isAgencyGranted(secretType, signal), Date.now());
    } catch (error) {
      if (isCancellation(error)) {
        throw error;
      }
      services.model.recordFailure(secretType, 'check', error, Date.now());
      first ??= { secretType, error };
      if (!concernsOneType(error)) {
        break;
      }
    }
  }
  return first;
}

/**
 * Only a refusal of the type itself (400) says nothing about the next one. Anything else, above
 * all a failed authentication, would repeat: stopping keeps the access key away from a lockout.
 */
function concernsOneType(error: unknown): boolean {
  return isCsmsError(error) && error.status === 400;
}

function recordFailures(services: Services, secretTypes: readonly string[], error: unknown): void {
  if (isCancellation(error)) {
    return;
  }
  for (const secretType of secretTypes) {
    services.model.recordFailure(secretType, 'check', error, Date.now());
  }
}
