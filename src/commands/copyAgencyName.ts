/** Copy Agency Name (tree only): puts an agency's name on the clipboard. */
import * as vscode from 'vscode';
import { asAgencyNode } from '../agencies/agencyNodes';
import type { Services } from '../services';

export async function copyAgencyName(_services: Services, argument?: unknown): Promise<void> {
  const node = asAgencyNode(argument);
  if (node?.kind === 'agency') {
    await vscode.env.clipboard.writeText(node.agency.name);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the agency name.'), 3000);
  }
}
