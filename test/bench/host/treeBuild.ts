/**
 * Tree build: every `getChildren` and `getTreeItem` the view would call for 10,000 agencies under
 * 100 types, through the extension's own provider and model. The side bar is closed first, so the
 * view's own redraw does not run between the timed passes.
 */
import * as vscode from 'vscode';
import type { CsmsExtensionApi } from '../../../src/api';
import { syntheticStates } from './syntheticAgencies';

const TYPES = 100;
const AGENCIES_PER_TYPE = 100;
const PASSES = 20;

export interface TreeBuildFigures {
  nodes: number;
  /** One entry per full pass over the tree, the first one cold. */
  passesMs: number[];
}

export async function measureTreeBuild(
  testing: CsmsExtensionApi['testing'],
): Promise<TreeBuildFigures> {
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  testing.model.replaceAll(syntheticStates(TYPES, AGENCIES_PER_TYPE));

  const passesMs: number[] = [];
  let nodes = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    const started = performance.now();
    nodes = await walkTree(testing.agencies);
    passesMs.push(performance.now() - started);
  }

  testing.model.replaceAll([]);
  return { nodes, passesMs };
}

/** What the view does for a tree whose types are all expanded; returns the nodes visited. */
async function walkTree(provider: vscode.TreeDataProvider<unknown>): Promise<number> {
  const roots = (await provider.getChildren()) ?? [];
  let nodes = roots.length;
  for (const root of roots) {
    await provider.getTreeItem(root);
    const children = (await provider.getChildren(root)) ?? [];
    for (const child of children) {
      await provider.getTreeItem(child);
    }
    nodes += children.length;
  }
  return nodes;
}
