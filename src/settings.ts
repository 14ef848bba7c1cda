/**
 * The `csms.*` settings as the commands use them: empty strings mean "not set", and the timeout is
 * kept inside the bounds the manifest declares even if settings.json says otherwise.
 */
import * as vscode from 'vscode';

export interface CsmsSettings {
  region: string;
  projectId?: string;
  endpoint?: string;
  iamEndpoint?: string;
  timeoutSeconds: number;
}

const DEFAULT_REGION = 'cn-north-4';
const DEFAULT_TIMEOUT_SECONDS = 30;

export function readSettings(): CsmsSettings {
  const config = vscode.workspace.getConfiguration('csms');
  const timeout = config.get<number>('requestTimeoutSeconds', DEFAULT_TIMEOUT_SECONDS);

  return {
    region: text(config.get('region')) ?? DEFAULT_REGION,
    projectId: text(config.get('projectId')),
    endpoint: text(config.get('endpoint')),
    iamEndpoint: text(config.get('iamEndpoint')),
    timeoutSeconds: Number.isFinite(timeout) ? Math.min(Math.max(timeout, 1), 300) : 30,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
