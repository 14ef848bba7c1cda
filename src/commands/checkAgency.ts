/**
 * Check Agency Status…: asks whether one type's agencies are granted, or every known type's.
 * Takes a secret type or `'all'` as its argument for keybindings and automation.
 */
import * as vscode from 'vscode';
import { KNOWN_SECRET_TYPES } from '../csms/secretTypes';
import type { Services } from '../services';
import { checkTypes } from './checkTypes';
import { chooseSecretType } from './chooseSecretType';
import { requireCredentials } from './requireCredentials';

type ScopeItem = vscode.QuickPickItem & { scope: 'one' | 'all' };

export async function checkAgency(services: Services, argument?: unknown): Promise<void> {
  const secretTypes = await chooseTypes(services, argument);
  if (secretTypes === undefined || !(await requireCredentials(services))) {
    return;
  }
  await checkTypes(services, secretTypes);
}

async function chooseTypes(services: Services, argument: unknown): Promise<string[] | undefined> {
  const placeHolder = vscode.l10n.t('Secret type to check');
  if (argument === 'all') {
    return allKnownTypes();
  }
  if (argument !== undefined) {
    return asList(await chooseSecretType(services, argument, placeHolder));
  }

  const scope = await services.prompter().pick('checkScope', scopeItems(), {
    placeHolder: vscode.l10n.t('Check one secret type, or all known types?'),
  });
  if (scope?.scope === 'all') {
    return allKnownTypes();
  }
  return scope && asList(await chooseSecretType(services, undefined, placeHolder));
}

function scopeItems(): ScopeItem[] {
  return [
    { label: vscode.l10n.t('One secret type…'), scope: 'one' },
    {
      label: vscode.l10n.t('All known secret types'),
      description: allKnownTypes().join(', '),
      scope: 'all',
    },
  ];
}

function allKnownTypes(): string[] {
  return KNOWN_SECRET_TYPES.map((known) => known.type);
}

function asList(secretType: string | undefined): string[] | undefined {
  return secretType === undefined ? undefined : [secretType];
}
