/** Copy Agency Id (tree only): puts a created agency's id on the clipboard. */
import * as vscode from 'vscode';
import { asAgencyNode } from '../agencies/agencyNodes';
import type { Services } from '../services';

export async function copyAgencyId(_services: Services, argument?: unknown): Promise<void> {
  const node = asAgencyNode(argument);
  const id = node?.kind === 'agency' ? node.agency.id : undefined;
  if (id !== undefined) {
    await vscode.env.clipboard.writeText(id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the agency id.'), 3000);
  }
}
