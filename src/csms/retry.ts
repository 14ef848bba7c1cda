/**
 * When a failed call may be sent again, and after how long. Only reads (GET) are retried, and only
 * on answers that say "later" (429, 502, 503, 504) or a connection that broke: a POST could create
 * agencies twice, and a 401 or 403 retried would walk the key pair into the gateway's lockout.
 */
import type { CsmsError } from './errors';
import type { RetryOptions } from './types';

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 4000 };

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const RETRYABLE_NETWORK_HINTS = new Set(['connectionReset', 'connectionRefused', 'network']);

export interface RetryState {
  method: 'GET' | 'POST';
  /** Attempts made so far, the failed one included. */
  attempt: number;
  /** Milliseconds left before the call's own timeout. */
  remainingMs: number;
}

/** How long to wait before the next attempt, or undefined when the error is final. */
export function retryDelay(
  error: CsmsError,
  state: RetryState,
  policy: RetryOptions,
  random: () => number = Math.random,
): number | undefined {
  if (state.method !== 'GET' || state.attempt >= policy.maxAttempts || !isTransient(error)) {
    return undefined;
  }
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (state.attempt - 1));
  const jittered = backoff / 2 + (random() * backoff) / 2;
  const delay = Math.max(jittered, retryAfterMs(error) ?? 0);
  if (delay > policy.maxDelayMs || delay >= state.remainingMs) {
    return undefined;
  }
  return Math.round(delay);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function isTransient(error: CsmsError): boolean {
  if (error.kind === 'http') {
    return error.status !== undefined && RETRYABLE_STATUSES.has(error.status);
  }
  return error.kind === 'network' && RETRYABLE_NETWORK_HINTS.has(error.hint.key);
}

function retryAfterMs(error: CsmsError): number | undefined {
  const seconds = error.hint.key === 'throttled' ? error.hint.args.retryAfterSeconds : undefined;
  return typeof seconds === 'number' ? seconds * 1000 : undefined;
}
