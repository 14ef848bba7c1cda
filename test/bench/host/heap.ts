/**
 * The extension host's heap as the benchmark counts it: bytes still referenced once garbage is
 * collected, so that a figure measures what is kept and not what happened to be left over.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let collect: (() => void) | undefined;

export function heapUsedAfterGc(): number {
  collect ??= exposeGc();

  // Twice: objects freed by the first pass can release others only on the next one.
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

// The host runs without --expose-gc; setting the flag late still lets a new context see `gc`.
function exposeGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}
