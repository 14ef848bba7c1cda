/** Bridges a progress notification's Cancel button to the `AbortSignal` the client listens to. */
import type * as vscode from 'vscode';

export function abortSignal(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
  }
  token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
