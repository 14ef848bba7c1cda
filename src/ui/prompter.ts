/**
 * The one way command code talks to the user. The real prompter forwards to `vscode.window`; the
 * integration tests swap in a scripted one through the extension's test API, so the same command
 * code runs in both cases.
 *
 * Prompt ids, and the fields their items carry:
 * - `importSource`: offered first when SDK environment variables or `~/.huaweicloud/credentials`
 *   hold keys; items carry `source` (`'environment'`, `'file:<section>'` or `'manual'`).
 * - `credentialMethod`: items carry `method`: `'aksk'`, `'temporary'` or `'token'`.
 * - `accessKey`, `secretKey`, `securityToken`, `token`: input boxes; the last three are passwords.
 * - `keepSuspiciousValue`: after an access key or secret key that does not look like one; items
 *   carry `keep: true` (use it anyway) or `keep: false` (type it again).
 * - `secretType`: items carry `secretType: string`, or `other: true` for "Other secret type…".
 * - `otherSecretType`: input box for a secret type the list does not know yet.
 * - `checkScope`: items carry `scope: 'one'` or `scope: 'all'`.
 * - `region`: items carry `region: string`.
 */
import * as vscode from 'vscode';

export type MessageSeverity = 'info' | 'warning' | 'error';

export interface Prompter {
  pick<T extends vscode.QuickPickItem>(
    id: string,
    items: readonly T[],
    options: vscode.QuickPickOptions,
  ): Promise<T | undefined>;

  input(id: string, options: vscode.InputBoxOptions): Promise<string | undefined>;

  /** Shows a notification; resolves to the action chosen, or undefined when dismissed. */
  message(
    severity: MessageSeverity,
    text: string,
    ...actions: string[]
  ): Promise<string | undefined>;

  /** Runs `task` under a cancellable progress notification. */
  progress<R>(title: string, task: (token: vscode.CancellationToken) => Promise<R>): Promise<R>;
}

/** The prompter a person sees: quick picks, input boxes and notifications of the workbench. */
export const windowPrompter: Prompter = {
  async pick(_id, items, options) {
    return vscode.window.showQuickPick(items, options);
  },

  async input(_id, options) {
    return vscode.window.showInputBox(options);
  },

  async message(severity, text, ...actions) {
    if (severity === 'error') {
      return vscode.window.showErrorMessage(text, ...actions);
    }
    if (severity === 'warning') {
      return vscode.window.showWarningMessage(text, ...actions);
    }
    return vscode.window.showInformationMessage(text, ...actions);
  },

  async progress(title, task) {
    const options = { location: vscode.ProgressLocation.Notification, title, cancellable: true };
    return vscode.window.withProgress(options, (_progress, token) => task(token));
  },
};
