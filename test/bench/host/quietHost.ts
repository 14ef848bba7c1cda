/**
 * Waits for the extension host to finish starting: the built-in extensions that activate at start
 * up (git, merge conflicts, …) keep it busy for a few seconds, and their work would be counted as
 * ours. A person opens the CSMS view after that, which is when this extension activates.
 */
import * as vscode from 'vscode';

const QUIET_MS = 2_000;
const LIMIT_MS = 20_000;
const TICK_MS = 50;
/** A timer this late means the host's thread was busy with something else. */
const BUSY_LAG_MS = 10;

/** Resolves once QUIET_MS passed with no activation and timers on time; reports how long. */
export async function waitForQuietHost(): Promise<{ waitedMs: number; quiet: boolean }> {
  const started = performance.now();
  let active = activeCount();
  let quietSince = started;

  while (performance.now() - started < LIMIT_MS) {
    const lag = await timerLag();
    const now = activeCount();
    if (now !== active || lag > BUSY_LAG_MS) {
      active = now;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= QUIET_MS) {
      return { waitedMs: performance.now() - started, quiet: true };
    }
  }
  return { waitedMs: performance.now() - started, quiet: false };
}

function activeCount(): number {
  return vscode.extensions.all.filter((extension) => extension.isActive).length;
}

async function timerLag(): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  return performance.now() - started - TICK_MS;
}
