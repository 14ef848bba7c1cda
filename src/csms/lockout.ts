/**
 * The gateway locks a key pair for five minutes after more than five failed signatures in a row.
 * This guard counts those failures per access key and refuses to send the attempt that could lock
 * it. One instance serves every client of the process, so two views cannot add up to a lockout.
 */
import { CsmsError } from './errors';

const MAX_FAILURES = 5;
const LOCK_WINDOW_MS = 5 * 60 * 1000;

interface FailureRecord {
  count: number;
  lastFailureAt: number;
}

export class LockoutGuard {
  private static instance?: LockoutGuard;
  private readonly failures = new Map<string, FailureRecord>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The guard shared by every client of this process. */
  static shared(): LockoutGuard {
    LockoutGuard.instance ??= new LockoutGuard();
    return LockoutGuard.instance;
  }

  /** Throws a `lockoutRisk` error when one more failure could lock the key pair. */
  check(accessKey: string): void {
    const record = this.failures.get(accessKey);
    if (!record || record.count < MAX_FAILURES) {
      return;
    }
    const safeAt = record.lastFailureAt + LOCK_WINDOW_MS;
    if (this.now() >= safeAt) {
      return;
    }
    throw lockoutError(record.count, new Date(safeAt));
  }

  /** Counts a refused signature or token. */
  recordFailure(accessKey: string): void {
    const count = (this.failures.get(accessKey)?.count ?? 0) + 1;
    this.failures.set(accessKey, { count, lastFailureAt: this.now() });
  }

  /** The gateway accepted the signature: the run of failures is over. */
  recordSuccess(accessKey: string): void {
    this.failures.delete(accessKey);
  }

  /** Consecutive failures counted for the access key. */
  failureCount(accessKey: string): number {
    return this.failures.get(accessKey)?.count ?? 0;
  }
}

function lockoutError(count: number, safeAt: Date): CsmsError {
  const until = safeAt.toISOString();
  return new CsmsError(
    `Not sent: ${count} authentications with this access key failed in a row, and the gateway ` +
      'locks a key pair for five minutes after more than five. ' +
      `It is safe to try again after ${until}.`,
    { kind: 'lockoutRisk', hint: { key: 'lockoutRisk', args: { count, until } } },
  );
}
