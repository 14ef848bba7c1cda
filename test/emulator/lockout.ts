/**
 * The gateway's brute-force guard: after `threshold` consecutive failed authentications an access
 * key is refused for `windowMs`, even with a correct signature. Counted by access key, as the
 * real gateway is reported to do; a success clears the count.
 */
interface KeyRecord {
  failures: number;
  lockedUntil?: number;
}

export class LockoutBook {
  private readonly keys = new Map<string, KeyRecord>();

  constructor(
    private readonly threshold: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the key stays locked, or 0 when it is free (an expired lock is forgotten). */
  remainingMs(accessKey: string): number {
    const record = this.keys.get(accessKey);
    if (record?.lockedUntil === undefined) {
      return 0;
    }

    const remaining = record.lockedUntil - this.now();
    if (remaining <= 0) {
      this.keys.delete(accessKey);
      return 0;
    }
    return remaining;
  }

  recordFailure(accessKey: string): void {
    const record = this.keys.get(accessKey) ?? { failures: 0 };
    record.failures += 1;
    if (record.failures >= this.threshold) {
      record.lockedUntil = this.now() + this.windowMs;
    }
    this.keys.set(accessKey, record);
  }

  recordSuccess(accessKey: string): void {
    this.keys.delete(accessKey);
  }

  clear(): void {
    this.keys.clear();
  }
}
