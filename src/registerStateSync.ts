/**
 * Keeps the view in step with what changes outside the commands: credentials changed in another
 * window, settings edited by hand, and the welcome state that follows from both.
 */
import * as vscode from 'vscode';
import type { Services } from './services';

export function registerStateSync(context: vscode.ExtensionContext, services: Services): void {
  const setContext = (key: string, value: boolean) =>
    vscode.commands.executeCommand('setContext', key, value);

  // Sent only when it flips: the model changes with every check, the context key rarely.
  let hasResults: boolean | undefined;
  const unsubscribe = services.model.onDidChange(() => {
    const now = !services.model.isEmpty();
    if (now !== hasResults) {
      hasResults = now;
      void setContext('csms.hasResults', now);
    }
  });
  context.subscriptions.push(
    { dispose: unsubscribe },
    services.credentials.onDidChange(() => services.credentialsChanged()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('csms')) {
        void services.credentialsChanged();
      }
    }),
  );

  // The welcome views wait for `csms.ready`, so they never flash the wrong state at start.
  void services.credentialsChanged().then(() => setContext('csms.ready', true));
}
