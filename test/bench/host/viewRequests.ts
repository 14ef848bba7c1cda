/**
 * Watches which tree items the view asks the extension's provider for, and when. The view only
 * asks once it redraws, so this is how the benchmark knows a change has reached the tree.
 */
import type * as vscode from 'vscode';

type Provider = vscode.TreeDataProvider<unknown>;
type Listener = (node: unknown, at: number) => void;

export class ViewRequests implements vscode.Disposable {
  /** Tree items asked for since the watch began. */
  count = 0;

  private readonly original: Provider['getTreeItem'];
  private readonly listeners = new Set<Listener>();

  constructor(private readonly provider: Provider) {
    // Wrapped on the instance: VS Code calls the method it finds there, the class stays as it is.
    this.original = provider.getTreeItem;
    provider.getTreeItem = (node) => {
      this.count += 1;
      const at = performance.now();
      this.listeners.forEach((listener) => listener(node, at));
      return this.original.call(provider, node);
    };
  }

  /** Resolves with the time of the next request `accept` takes; rejects after `limitMs`. */
  next(accept: (node: unknown) => boolean, limitMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`the view asked for no matching tree item within ${limitMs} ms`));
      }, limitMs);
      const listener: Listener = (node, at) => {
        if (accept(node)) {
          clearTimeout(timer);
          this.listeners.delete(listener);
          resolve(at);
        }
      };
      this.listeners.add(listener);
    });
  }

  /** Waits until the view has asked for `total` items, or `limitMs` passed; returns the count. */
  async untilCount(total: number, limitMs: number): Promise<number> {
    const deadline = Date.now() + limitMs;
    while (this.count < total && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.count;
  }

  dispose(): void {
    this.provider.getTreeItem = this.original;
    this.listeners.clear();
  }
}
