/**
 * Asks CSMS whether the agencies of each given type are granted, one type after the other, and
 * records each answer as it comes. Shared by Check Agency Status… and Refresh Agencies; it only
 * ever sends GET requests.
 */
import * as vscode from 'vscode';
import type { CsmsClient } from '../csms/client';
import type { Services } from '../services';
import { abortSignal } from '../ui/abortSignal';
import { endangersTheKey } from './errorActions';
import { isCancellation, reportError, reportErrors, type Failure } from './reportError';
import { revealType } from './revealType';

export async function checkTypes(
  services: Services,
  secretTypes: readonly string[],
): Promise<void> {
  const title = vscode.l10n.t('Checking agency status…');
  let failures: Failure[];

  try {
    failures = await services.prompter().progress(title, async (token) => {
      const signal = abortSignal(token);
      const { client } = await services.session.connect(signal);
      return checkEach(services, client, secretTypes, signal);
    });
  } catch (error) {
    // Connecting failed (project discovery, for example): every type asked about has failed.
    recordFailures(services, secretTypes, error);
    failures = [{ subject: secretTypes[0], error }];
  }

  await revealType(services, failures[0]?.subject ?? secretTypes[0]);
  await report(services, failures, secretTypes);
}

/**
 * Checks each type and records its answer or its failure. One type's failure says nothing about
 * the next, so the rest are still checked, except after a refused authentication or the lockout
 * guard's stop: more requests would only bring the key pair closer to a lockout.
 */
async function checkEach(
  services: Services,
  client: CsmsClient,
  secretTypes: readonly string[],
  signal: AbortSignal,
): Promise<Failure[]> {
  const failures: Failure[] = [];
  for (const secretType of secretTypes) {
    try {
      services.model.recordCheck(await client.isAgencyGranted(secretType, signal), Date.now());
    } catch (error) {
      if (isCancellation(error)) {
        throw error;
      }
      services.model.recordFailure(secretType, 'check', error, Date.now());
      failures.push({ subject: secretType, error });
      if (endangersTheKey(error)) {
        break;
      }
    }
  }
  return failures;
}

/** One notification at the end, however many types failed; their details are in the tree. */
async function report(
  services: Services,
  failures: readonly Failure[],
  secretTypes: readonly string[],
): Promise<void> {
  const retry = () => checkTypes(services, secretTypes);
  if (failures.length === 1) {
    const [{ subject: secretType, error }] = failures;
    const title = vscode.l10n.t('Checking {secretType} failed', { secretType });
    await reportError(services, error, { title, retry });
  } else if (failures.length > 1) {
    const title = vscode.l10n.t('{failed} of {total} secret types could not be checked', {
      failed: failures.length,
      total: secretTypes.length,
    });
    await reportErrors(services, failures, { title, retry });
  }
}

function recordFailures(services: Services, secretTypes: readonly string[], error: unknown): void {
  if (isCancellation(error)) {
    return;
  }
  for (const secretType of secretTypes) {
    services.model.recordFailure(secretType, 'check', error, Date.now());
  }
}
