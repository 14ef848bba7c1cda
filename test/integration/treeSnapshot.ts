/**
 * Walks the agencies tree the way the view does (getChildren, then getTreeItem) and turns each
 * node into a plain object that assertions and failure messages can show whole.
 */
import * as vscode from 'vscode';

export interface TreeNode {
  label: string;
  description?: string;
  contextValue?: string;
  /** The codicon id for a ThemeIcon, e.g. `error` or `pass`. */
  icon?: string;
  tooltip?: string;
  command?: string;
  children: TreeNode[];
  /** The provider's own element, for commands that take a node as their argument. */
  element: unknown;
}

export async function snapshotTree(
  provider: vscode.TreeDataProvider<unknown>,
  parent?: unknown,
): Promise<TreeNode[]> {
  const elements = (await provider.getChildren(parent)) ?? [];
  const nodes: TreeNode[] = [];
  for (const element of elements) {
    nodes.push(await snapshotNode(provider, element));
  }
  return nodes;
}

async function snapshotNode(
  provider: vscode.TreeDataProvider<unknown>,
  element: unknown,
): Promise<TreeNode> {
  const item = await provider.getTreeItem(element);
  const collapsible = item.collapsibleState ?? vscode.TreeItemCollapsibleState.None;
  const expandable = collapsible !== vscode.TreeItemCollapsibleState.None;
  return {
    label: labelText(item.label),
    description: typeof item.description === 'string' ? item.description : undefined,
    contextValue: item.contextValue,
    icon: iconId(item.iconPath),
    tooltip: await tooltipText(provider, item, element),
    command: item.command?.command,
    children: expandable ? await snapshotTree(provider, element) : [],
    element,
  };
}

function labelText(label: string | vscode.TreeItemLabel | undefined): string {
  return typeof label === 'object' ? label.label : (label ?? '');
}

function iconId(icon: vscode.TreeItem['iconPath']): string | undefined {
  const candidate = icon as { id?: unknown } | undefined;
  return typeof candidate?.id === 'string' ? candidate.id : undefined;
}

async function tooltipText(
  provider: vscode.TreeDataProvider<unknown>,
  item: vscode.TreeItem,
  element: unknown,
): Promise<string | undefined> {
  let tooltip = item.tooltip;
  if (tooltip === undefined && provider.resolveTreeItem) {
    const token = new vscode.CancellationTokenSource().token;
    tooltip = (await provider.resolveTreeItem(item, element, token))?.tooltip;
  }
  return typeof tooltip === 'object' ? renderedText(tooltip.value) : tooltip;
}

/** Markdown as a reader sees it: backslash escapes gone (tables and emphasis marks stay). */
function renderedText(markdown: string): string {
  return markdown.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

/** The top-level node for a secret type, or an error naming what the tree held instead. */
export function typeNode(tree: TreeNode[], secretType: string): TreeNode {
  const node = tree.find((candidate) => candidate.label === secretType);
  if (!node) {
    throw new Error(`No node "${secretType}" in the tree: ${describeTree(tree)}`);
  }
  return node;
}

export type PlainNode = Omit<TreeNode, 'element' | 'children'> & { children: PlainNode[] };

/** The tree without provider elements, for deep equality and readable failure messages. */
export function plain(tree: TreeNode[]): PlainNode[] {
  return tree.map(({ element: _element, children, ...rest }) => ({
    ...rest,
    children: plain(children),
  }));
}

export function describeTree(tree: TreeNode[]): string {
  return JSON.stringify(plain(tree), undefined, 2);
}
