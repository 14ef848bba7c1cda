/**
 * Renders the agencies model in the `csms.agencies` view. It holds no state of its own: every node
 * is derived from the model, and any change to the model redraws the tree.
 */
import * as vscode from 'vscode';
import { localize } from '../ui/localize';
import type { AgencyModel } from './agencyModel';
import {
  childNodes,
  describeNode,
  parentNode,
  rootNodes,
  tooltipOf,
  type AgencyNode,
  type NodeText,
} from './agencyNodes';

export class AgencyTreeProvider implements vscode.TreeDataProvider<AgencyNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AgencyNode | undefined>();
  private readonly unsubscribe: () => void;
  private readonly text: NodeText = {
    t: localize,
    formatTime,
  };

  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: AgencyModel) {
    this.unsubscribe = model.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: AgencyNode): AgencyNode[] {
    return node ? childNodes(this.model, node) : rootNodes(this.model);
  }

  getParent(node: AgencyNode): AgencyNode | undefined {
    return parentNode(node);
  }

  getTreeItem(node: AgencyNode): vscode.TreeItem {
    const view = describeNode(this.model, node, this.text);
    const state = view.collapsible
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.None;

    const item = new vscode.TreeItem(view.label, state);
    item.id = node.id;
    item.description = view.description;
    item.tooltip = view.tooltip === undefined ? undefined : new vscode.MarkdownString(view.tooltip);
    item.iconPath = new vscode.ThemeIcon(view.icon.id, themeColor(view.icon.color));
    item.contextValue = view.contextValue;
    return item;
  }

  /** Tooltips of agencies and types are built on hover, not for every item of a large tree. */
  resolveTreeItem(item: vscode.TreeItem, node: AgencyNode): vscode.TreeItem {
    item.tooltip ??= new vscode.MarkdownString(tooltipOf(this.model, node, this.text));
    return item;
  }

  dispose(): void {
    this.unsubscribe();
    this.changed.dispose();
  }
}

function themeColor(id: string | undefined): vscode.ThemeColor | undefined {
  return id === undefined ? undefined : new vscode.ThemeColor(id);
}

/** The time alone for today's checks, the date and time for older ones. */
function formatTime(at: number): string {
  const date = new Date(at);
  const today = new Date().toDateString() === date.toDateString();
  return timeFormat(today).format(date);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

// `toLocaleString` builds a new Intl formatter on every call, which cost the tree more than all its
// other work for a hundred types; the two formatters are built once per display language.
function timeFormat(today: boolean): Intl.DateTimeFormat {
  const key = `${vscode.env.language}/${today ? 'time' : 'dateTime'}`;
  let format = timeFormats.get(key);
  if (!format) {
    const style: Intl.DateTimeFormatOptions = today
      ? { timeStyle: 'medium' }
      : { dateStyle: 'short', timeStyle: 'short' };
    format = new Intl.DateTimeFormat(vscode.env.language, style);
    timeFormats.set(key, format);
  }
  return format;
}
