/**
 * The secret type a command works on: the command argument when one is given (keybindings,
 * automation, tree nodes), else a quick pick of the known types with "Other secret type…" for the
 * ones CSMS adds later.
 */
import * as vscode from 'vscode';
import { KNOWN_SECRET_TYPES, secretTypeProblem } from '../csms/secretTypes';
import type { Services } from '../services';
import { localize } from '../ui/localize';

type SecretTypeItem = vscode.QuickPickItem & ({ secretType: string } | { other: true });

export async function chooseSecretType(
  services: Services,
  argument: unknown,
  placeHolder: string,
): Promise<string | undefined> {
  if (argument !== undefined) {
    return secretTypeArgument(services, argument);
  }
  const items: SecretTypeItem[] = [
    ...KNOWN_SECRET_TYPES.map((known) => ({
      label: known.type,
      detail: localize(known.description),
      secretType: known.type,
    })),
    { label: vscode.l10n.t('Other secret type…'), other: true },
  ];

  const picked = await services.prompter().pick('secretType', items, { placeHolder });
  if (picked === undefined) {
    return undefined;
  }
  return 'secretType' in picked ? picked.secretType : askOtherSecretType(services);
}

async function askOtherSecretType(services: Services): Promise<string | undefined> {
  const value = await services.prompter().input('otherSecretType', {
    title: vscode.l10n.t('Other secret type'),
    prompt: vscode.l10n.t('The secret type as CSMS names it, for example RDS-FG.'),
    ignoreFocusOut: true,
    validateInput: (text) => (isValid(text.trim()) ? undefined : ruleText()),
  });
  return value?.trim() || undefined;
}

/** A string, or a tree node that names its type; anything else is refused before any request. */
async function secretTypeArgument(
  services: Services,
  argument: unknown,
): Promise<string | undefined> {
  const candidate = typeof argument === 'string' ? argument.trim() : nodeSecretType(argument);
  if (candidate !== undefined && isValid(candidate)) {
    return candidate;
  }
  const value = typeof argument === 'string' ? argument : typeof argument;
  const message = vscode.l10n.t('"{value}" is not a secret type. {rule}', {
    value,
    rule: ruleText(),
  });
  await services.prompter().message('error', message);
  return undefined;
}

function nodeSecretType(argument: unknown): string | undefined {
  const secretType = (argument as { secretType?: unknown } | null)?.secretType;
  return typeof argument === 'object' && typeof secretType === 'string' ? secretType : undefined;
}

function isValid(value: string): boolean {
  return secretTypeProblem(value) === undefined;
}

function ruleText(): string {
  return vscode.l10n.t('A secret type has 1 to 64 letters, digits and "-".');
}
