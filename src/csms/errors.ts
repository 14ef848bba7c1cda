/**
 * The one error type of the API layer. Every failure the client can meet becomes a `CsmsError`
 * with a kind, whatever the server said, and a hint key that the extension localises.
 */
import type { Exchange } from './types';

export type CsmsErrorKind =
  | 'configuration'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'http'
  | 'invalidResponse'
  | 'lockoutRisk';

/** Keys of the hints; `HINTS` in `hints.ts` holds their English text with `{placeholders}`. */
export type HintKey =
  | 'invalidSecretType'
  | 'wrongAkSk'
  | 'clockBehind'
  | 'clockAhead'
  | 'clockSkew'
  | 'badToken'
  | 'forbidden'
  | 'accountFrozen'
  | 'wrongRegionOrEndpoint'
  | 'throttled'
  | 'serverError'
  | 'badGateway'
  | 'gatewayTimeout'
  | 'dnsFailure'
  | 'connectionRefused'
  | 'connectionReset'
  | 'tlsCertificate'
  | 'timeout'
  | 'cancelled'
  | 'invalidResponse'
  | 'insecureEndpoint'
  | 'badEndpoint'
  | 'missingProjectId'
  | 'noProjectFound'
  | 'severalProjectsFound'
  | 'lockoutRisk'
  | 'unexpectedStatus'
  | 'network';

export interface Hint {
  key: HintKey;
  /** Values for the hint's placeholders, e.g. `{ region: 'cn-north-4' }`. */
  args: Record<string, string | number>;
}

export interface CsmsErrorDetails {
  kind: CsmsErrorKind;
  hint: Hint;
  status?: number;
  errorCode?: string;
  errorMsg?: string;
  requestId?: string;
  /** Server clock minus local clock, in milliseconds, when the server revealed it. */
  clockSkewMs?: number;
  exchange?: Exchange;
  cause?: unknown;
}

export class CsmsError extends Error {
  readonly kind: CsmsErrorKind;
  readonly hint: Hint;
  readonly status?: number;
  readonly errorCode?: string;
  readonly errorMsg?: string;
  readonly requestId?: string;
  readonly clockSkewMs?: number;
  readonly exchange?: Exchange;

  constructor(message: string, details: CsmsErrorDetails) {
    super(message, { cause: details.cause });
    this.name = 'CsmsError';
    this.kind = details.kind;
    this.hint = details.hint;
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.errorMsg = details.errorMsg;
    this.requestId = details.requestId;
    this.clockSkewMs = details.clockSkewMs;
    this.exchange = details.exchange;
  }
}

export function isCsmsError(value: unknown): value is CsmsError {
  return value instanceof CsmsError;
}
