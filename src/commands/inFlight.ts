/**
 * Remembers which operations are running, so that a double click or a repeated keybinding does not
 * send a one-shot create twice. Host-free.
 */
export class InFlight {
  private readonly running = new Set<string>();

  has(key: string): boolean {
    return this.running.has(key);
  }

  /** Marks `key` as running before `task` starts, and clears it however the task ends. */
  async run<R>(key: string, task: () => Promise<R>): Promise<R> {
    this.running.add(key);
    try {
      return await task();
    } finally {
      this.running.delete(key);
    }
  }
}
