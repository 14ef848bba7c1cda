/**
 * What the extension knows about each secret type's agencies: the status from the last check, the
 * agencies from the last create, and the last failure and exchange. Host-free, so the tree's
 * behaviour is tested in plain Node; the tree provider only renders it.
 */
import type { Agency, AgencyStatusResult, CreateAgenciesResult, Exchange } from '../csms/types';
import { isCsmsError, type CsmsErrorKind, type Hint } from '../csms/errors';

export type GrantStatus = 'granted' | 'notGranted' | 'unknown' | 'failed';
export type Operation = 'create' | 'check';

/** A failure reduced to plain data, so it can be shown and kept across a reload. */
export interface ErrorSnapshot {
  operation: Operation;
  kind: CsmsErrorKind | 'unexpected';
  message: string;
  status?: number;
  errorCode?: string;
  errorMsg?: string;
  requestId?: string;
  clockSkewMs?: number;
  hint?: Hint;
}

export interface TypeState {
  secretType: string;
  status: GrantStatus;
  agencies: Agency[];
  /** When the type was last created or checked, successfully or not (epoch milliseconds). */
  checkedAt?: number;
  lastError?: ErrorSnapshot;
  lastExchange?: Exchange;
}

type Listener = () => void;

export class AgencyModel {
  private readonly states = new Map<string, TypeState>();
  private readonly listeners = new Set<Listener>();

  /** Every type shown, in alphabetical order so the tree does not jump around. */
  types(): TypeState[] {
    return [...this.states.values()].sort((a, b) => a.secretType.localeCompare(b.secretType));
  }

  get(secretType: string): TypeState | undefined {
    return this.states.get(secretType);
  }

  isEmpty(): boolean {
    return this.states.size === 0;
  }

  recordCreate(result: CreateAgenciesResult, at: number): void {
    // Its failed agencies stay listed under the type, each with its own error_msg.
    this.put({
      secretType: result.secretType,
      status: createdStatus(result.agencies),
      agencies: result.agencies.map((agency) => ({ ...agency })),
      checkedAt: at,
      lastExchange: result.exchange,
    });
  }

  recordCheck(result: AgencyStatusResult, at: number): void {
    const previous = this.states.get(result.secretType);

    // A check says nothing about individual agencies, so the ones already known stay.
    this.put({
      secretType: result.secretType,
      status: result.granted ? 'granted' : 'notGranted',
      agencies: previous?.agencies ?? [],
      checkedAt: at,
      lastExchange: result.exchange,
    });
  }

  recordFailure(secretType: string, operation: Operation, error: unknown, at: number): void {
    const previous = this.states.get(secretType);
    const snapshot = snapshotError(error, operation);
    const exchange = isCsmsError(error) ? error.exchange : undefined;

    this.put({
      secretType,
      status: 'failed',
      agencies: previous?.agencies ?? [],
      checkedAt: at,
      lastError: snapshot,
      lastExchange: exchange ?? previous?.lastExchange,
    });
  }

  /** Replaces everything at once, e.g. with what was kept for another region or project. */
  replaceAll(states: readonly TypeState[]): void {
    this.states.clear();
    for (const state of states) {
      this.states.set(state.secretType, state);
    }
    this.changed();
  }

  onDidChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private put(state: TypeState): void {
    this.states.set(state.secretType, state);
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) {
      listener();
    }
  }
}

/**
 * A create with any failed agency failed, even when others were created: "unknown" would read as if
 * nothing had happened. An empty answer proves nothing either way, so a check has to tell.
 */
function createdStatus(agencies: readonly Agency[]): GrantStatus {
  if (agencies.length === 0) {
    return 'unknown';
  }
  return agencies.some((agency) => agency.errorMessage !== undefined) ? 'failed' : 'granted';
}

export function snapshotError(error: unknown, operation: Operation): ErrorSnapshot {
  if (!isCsmsError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return { operation, kind: 'unexpected', message };
  }
  return {
    operation,
    kind: error.kind,
    message: error.message,
    status: error.status,
    errorCode: error.errorCode,
    errorMsg: error.errorMsg,
    requestId: error.requestId,
    clockSkewMs: error.clockSkewMs,
    hint: error.hint,
  };
}
