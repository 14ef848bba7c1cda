/**
 * The document a command opened, as the user would read it in the editor.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** Runs `task` and returns the text of the document it left in the active editor. */
export async function textOfDocumentOpenedBy(task: () => Promise<unknown>): Promise<string> {
  const before = new Set(vscode.workspace.textDocuments);

  await task();

  const opened = vscode.workspace.textDocuments.filter((document) => !before.has(document));
  const document = vscode.window.activeTextEditor?.document ?? opened.at(-1);
  assert.ok(document, 'no document was opened');
  return document.getText();
}
