/**
 * Credentials live in SecretStorage only, one key per secret, so no value ever shares a string
 * with another. Changes made by another window arrive through `onDidChange`.
 */
import * as vscode from 'vscode';
import type { Credentials } from '../csms/types';

const KEYS = {
  accessKey: 'csms.accessKey',
  secretKey: 'csms.secretKey',
  securityToken: 'csms.securityToken',
  token: 'csms.token',
} as const;

const ALL_KEYS: readonly string[] = Object.values(KEYS);

export class CredentialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  /** Fires after any credential changes, in this window or another. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => {
      if (ALL_KEYS.includes(event.key)) {
        this.changed.fire();
      }
    });
  }

  async get(): Promise<Credentials | undefined> {
    const [accessKey, secretKey, securityToken, token] = await Promise.all([
      this.secrets.get(KEYS.accessKey),
      this.secrets.get(KEYS.secretKey),
      this.secrets.get(KEYS.securityToken),
      this.secrets.get(KEYS.token),
    ]);
    if (token) {
      return { kind: 'token', token };
    }
    if (accessKey && secretKey) {
      return { kind: 'aksk', accessKey, secretKey, ...(securityToken ? { securityToken } : {}) };
    }
    return undefined;
  }

  /** Writes the new values first, then removes the ones the new credentials do not use. */
  async store(credentials: Credentials): Promise<void> {
    const values: Record<string, string | undefined> =
      credentials.kind === 'token'
        ? { [KEYS.token]: credentials.token }
        : {
            [KEYS.accessKey]: credentials.accessKey,
            [KEYS.secretKey]: credentials.secretKey,
            [KEYS.securityToken]: credentials.securityToken,
          };

    for (const [key, value] of Object.entries(values)) {
      if (value !== undefined) {
        await this.secrets.store(key, value);
      }
    }
    for (const key of ALL_KEYS.filter((candidate) => values[candidate] === undefined)) {
      await this.secrets.delete(key);
    }
  }

  async clear(): Promise<void> {
    for (const key of ALL_KEYS) {
      await this.secrets.delete(key);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
