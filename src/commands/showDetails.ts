/** Show Details (tree only): the last exchange of the node's secret type, in a read-only view. */
import * as vscode from 'vscode';
import { asAgencyNode } from '../agencies/agencyNodes';
import type { Services } from '../services';

export async function showDetails(services: Services, argument?: unknown): Promise<void> {
  const node = asAgencyNode(argument);
  if (node === undefined) {
    return;
  }
  if (services.model.get(node.secretType)?.lastExchange === undefined) {
    const text = vscode.l10n.t('Nothing was exchanged with CSMS for {secretType} yet.', {
      secretType: node.secretType,
    });
    await services.prompter().message('info', text);
    return;
  }
  await services.showExchange(node.secretType);
}
