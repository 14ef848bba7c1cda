/**
 * Which commands a tree node's context menu offers, read from the extension's own manifest: each
 * `view/item/context` entry's `viewItem =~ /…/` is matched against the node's `contextValue`.
 */
import * as vscode from 'vscode';

const EXTENSION_ID = 'csms-tools.csms-agencies';
const VIEW_CONDITION = 'view == csms.agencies';
const ITEM_CONDITION = /^viewItem =~ \/(.+)\/([a-z]*)$/;

interface MenuEntry {
  command: string;
  when?: string;
}

/** The distinct commands shown for a node, inline actions included. */
export function contextMenu(contextValue: string | undefined): string[] {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  const entries: MenuEntry[] = extension?.packageJSON?.contributes?.menus?.['view/item/context'];
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new Error('The manifest contributes no context menu to the agencies view');
  }
  const shown = entries.filter((entry) => isShown(entry.when ?? '', contextValue ?? ''));
  return [...new Set(shown.map((entry) => entry.command))];
}

function isShown(when: string, contextValue: string): boolean {
  const [view, item, ...rest] = when.split('&&').map((part) => part.trim());
  const match = ITEM_CONDITION.exec(item ?? '');
  if (view !== VIEW_CONDITION || !match || rest.length > 0) {
    throw new Error(`A context menu condition this test cannot read: ${when}`);
  }
  return new RegExp(match[1], match[2]).test(contextValue);
}
