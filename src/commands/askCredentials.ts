/**
 * The prompts of Configure Credentials…: an import from the SDK's environment variables or
 * credentials file when they hold keys, else the method and then each value, typed into boxes
 * that warn about unusual values without refusing them.
 */
import * as os from 'node:os';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import {
  checkCredentialInput,
  isSuspicious,
  type CredentialField,
} from '../credentials/credentialChecks';
import { findImportCandidates, type ImportCandidate } from '../credentials/credentialImport';
import type { Credentials } from '../csms/types';
import type { Services } from '../services';
import { localize } from '../ui/localize';

export interface EnteredCredentials {
  credentials: Credentials;
  projectId?: string;
  /** Fields whose surrounding spaces were removed, to tell the user. */
  trimmed: CredentialField[];
}

type Method = 'aksk' | 'temporary' | 'token';

export async function askCredentials(services: Services): Promise<EnteredCredentials | undefined> {
  const candidates = await findImportCandidates(process.env, os.homedir(), readIfPresent);
  if (candidates.length > 0) {
    const source = await chooseSource(services, candidates);
    if (source !== 'manual') {
      const candidate = candidates.find((entry) => entry.source === source);
      return candidate && { ...candidate, trimmed: [] };
    }
  }
  return typeCredentials(services);
}

async function typeCredentials(services: Services): Promise<EnteredCredentials | undefined> {
  const method = await chooseMethod(services);
  const trimmed: CredentialField[] = [];
  if (method === undefined) {
    return undefined;
  }
  if (method === 'token') {
    const token = await askValue(services, 'token', trimmed);
    return token === undefined ? undefined : { credentials: { kind: 'token', token }, trimmed };
  }

  const accessKey = await askValue(services, 'accessKey', trimmed);
  const secretKey = accessKey && (await askValue(services, 'secretKey', trimmed));
  const securityToken =
    secretKey && method === 'temporary' ? await askValue(services, 'securityToken', trimmed) : '';
  if (!accessKey || !secretKey || securityToken === undefined) {
    return undefined;
  }
  const credentials: Credentials = { kind: 'aksk', accessKey, secretKey };
  return { credentials: securityToken ? { ...credentials, securityToken } : credentials, trimmed };
}

async function chooseSource(
  services: Services,
  candidates: readonly ImportCandidate[],
): Promise<string | undefined> {
  const items = [
    ...candidates.map((candidate) => ({
      label: sourceLabel(candidate.source),
      description: candidate.credentials.kind === 'aksk' ? candidate.credentials.accessKey : '',
      source: candidate.source,
    })),
    { label: vscode.l10n.t('Enter credentials by hand…'), source: 'manual' },
  ];
  const placeHolder = vscode.l10n.t('Huawei Cloud SDK credentials were found. Import them?');
  return (await services.prompter().pick('importSource', items, { placeHolder }))?.source;
}

function sourceLabel(source: string): string {
  if (source === 'environment') {
    return vscode.l10n.t('Import from HUAWEICLOUD_SDK_* environment variables');
  }
  const section = source.replace(/^file:/, '');
  return vscode.l10n.t('Import from ~/.huaweicloud/credentials [{section}]', { section });
}

async function chooseMethod(services: Services): Promise<Method | undefined> {
  const items: (vscode.QuickPickItem & { method: Method })[] = [
    {
      label: vscode.l10n.t('Access key (AK/SK)'),
      detail: vscode.l10n.t('The permanent access key of an IAM user.'),
      method: 'aksk',
    },
    {
      label: vscode.l10n.t('Temporary access key (AK/SK and security token)'),
      detail: vscode.l10n.t('Keys obtained from IAM with a security token; they expire.'),
      method: 'temporary',
    },
    {
      label: vscode.l10n.t('IAM token'),
      detail: vscode.l10n.t('An X-Auth-Token for the region; valid for 24 hours.'),
      method: 'token',
    },
  ];
  const placeHolder = vscode.l10n.t('How do you sign in to Huawei Cloud?');
  return (await services.prompter().pick('credentialMethod', items, { placeHolder }))?.method;
}

/** One value; an unusual one is kept only when the user says so. Undefined means cancelled. */
async function askValue(
  services: Services,
  field: CredentialField,
  trimmed: CredentialField[],
): Promise<string | undefined> {
  let value: string | undefined = '';
  for (;;) {
    const raw = await services.prompter().input(field, inputOptions(field, value));
    value = raw?.trim();
    if (raw === undefined || !value) {
      return undefined;
    }
    if (value !== raw && !trimmed.includes(field)) {
      trimmed.push(field);
    }
    if (!isSuspicious(field, value) || (await keepAnyway(services, field, value))) {
      return value;
    }
  }
}

/** Whether to keep an unusual value; Escape here abandons the whole configuration. */
async function keepAnyway(
  services: Services,
  field: CredentialField,
  value: string,
): Promise<boolean> {
  const warning = checkCredentialInput(field, value, localize)?.message;
  // Typing it again comes first: Enter on a doubtful key should not be what keeps it.
  const items = [
    { label: vscode.l10n.t('Enter it again'), keep: false },
    { label: vscode.l10n.t('Keep this value'), keep: true },
  ];
  const picked = await services.prompter().pick('keepSuspiciousValue', items, {
    placeHolder: warning,
    ignoreFocusOut: true,
  });
  if (picked === undefined) {
    throw new vscode.CancellationError();
  }
  return picked.keep;
}

function inputOptions(field: CredentialField, value: string): vscode.InputBoxOptions {
  const texts: Record<CredentialField, [string, string]> = {
    accessKey: [
      vscode.l10n.t('Access key (AK)'),
      vscode.l10n.t('Usually 20 upper-case letters and digits.'),
    ],
    secretKey: [vscode.l10n.t('Secret key (SK)'), vscode.l10n.t('Usually 40 characters.')],
    securityToken: [
      vscode.l10n.t('Security token'),
      vscode.l10n.t('The security token issued with the temporary keys.'),
    ],
    token: [vscode.l10n.t('IAM token'), vscode.l10n.t('The X-Subject-Token IAM returned.')],
  };
  const [title, prompt] = texts[field];
  return {
    title,
    prompt,
    value,
    password: field !== 'accessKey',
    ignoreFocusOut: true,
    validateInput: (text) => validationMessage(field, text),
  };
}

function validationMessage(
  field: CredentialField,
  text: string,
): vscode.InputBoxValidationMessage | undefined {
  const problem = checkCredentialInput(field, text, localize);
  if (!problem) {
    return undefined;
  }
  const severities = {
    error: vscode.InputBoxValidationSeverity.Error,
    warning: vscode.InputBoxValidationSeverity.Warning,
    info: vscode.InputBoxValidationSeverity.Info,
  };
  return { message: problem.message, severity: severities[problem.severity] };
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
