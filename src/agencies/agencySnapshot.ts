/**
 * The agencies model as kept in global state, per region and project. Only what the tree and Show
 * Details need is kept: request headers are dropped (they carried the signature), and anything read
 * back is checked field by field, because global state outlives versions of this extension.
 */
import type { Agency, Exchange } from '../csms/types';
import type { ErrorSnapshot, GrantStatus, TypeState } from './agencyModel';

const VERSION = 1;
const STATUSES: readonly GrantStatus[] = ['granted', 'notGranted', 'unknown', 'failed'];

export interface AgencySnapshot {
  version: number;
  types: TypeState[];
}

/** The global-state key for a region and project; neither is a secret. */
export function snapshotKey(region: string, projectId: string): string {
  return `csms.agencies/${region}/${projectId}`;
}

export function toSnapshot(states: readonly TypeState[]): AgencySnapshot {
  return { version: VERSION, types: states.map(keepableState) };
}

/** Reads back what `toSnapshot` wrote; anything malformed is left out rather than trusted. */
export function fromSnapshot(value: unknown): TypeState[] {
  if (!isRecord(value) || value.version !== VERSION || !Array.isArray(value.types)) {
    return [];
  }
  return value.types.flatMap((entry) => {
    const state = readState(entry);
    return state ? [state] : [];
  });
}

function keepableState(state: TypeState): TypeState {
  const exchange = state.lastExchange;
  return {
    ...state,
    lastExchange: exchange && { ...exchange, requestHeaders: {}, requestBody: undefined },
  };
}

function readState(value: unknown): TypeState | undefined {
  if (!isRecord(value) || typeof value.secretType !== 'string') {
    return undefined;
  }
  if (!STATUSES.includes(value.status as GrantStatus) || !Array.isArray(value.agencies)) {
    return undefined;
  }
  const agencies = value.agencies.filter(isAgency);
  return {
    secretType: value.secretType,
    status: statusOf(value.status as GrantStatus, agencies),
    agencies,
    checkedAt: typeof value.checkedAt === 'number' ? value.checkedAt : undefined,
    lastError: isErrorSnapshot(value.lastError) ? value.lastError : undefined,
    lastExchange: isExchange(value.lastExchange) ? value.lastExchange : undefined,
  };
}

/**
 * Earlier builds kept a create with failed agencies as "unknown"; read back, it shows as
 * failed, as a create does now, so a reload does not hide the failure.
 */
function statusOf(status: GrantStatus, agencies: readonly Agency[]): GrantStatus {
  const someFailed = agencies.some((agency) => agency.errorMessage !== undefined);
  return status === 'unknown' && someFailed ? 'failed' : status;
}

function isAgency(value: unknown): value is Agency {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    optional(value.id, 'string') &&
    optional(value.errorMessage, 'string')
  );
}

function isErrorSnapshot(value: unknown): value is ErrorSnapshot {
  return (
    isRecord(value) &&
    (value.operation === 'create' || value.operation === 'check') &&
    typeof value.kind === 'string' &&
    typeof value.message === 'string' &&
    optional(value.status, 'number') &&
    optional(value.requestId, 'string')
  );
}

function isExchange(value: unknown): value is Exchange {
  return (
    isRecord(value) &&
    typeof value.method === 'string' &&
    typeof value.url === 'string' &&
    typeof value.durationMs === 'number' &&
    isRecord(value.requestHeaders) &&
    isRecord(value.responseHeaders)
  );
}

function optional(value: unknown, type: 'string' | 'number'): boolean {
  return value === undefined || typeof value === type;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
