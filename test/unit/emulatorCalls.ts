/**
 * Shared by the emulator's tests: calls signed by the official SDK signer, sent with Node's bare
 * http client, with the emulator's own defaults filled in.
 */
import type { Emulator } from '../emulator/emulator';
import {
  sdkDate,
  sendWire,
  signWithSdk,
  type KeyPair,
  type WireResponse,
} from '../emulator/sdkSignedCall';

export interface SignedCallOptions {
  query?: [string, string][];
  body?: Record<string, unknown>;
  /** Replaces the default `X-Project-Id` header. */
  headers?: Record<string, string>;
  keys?: KeyPair;
  date?: Date;
  segments?: string[];
  timeoutMs?: number;
}

export const AGENCIES_PATH = ['v1', 'csms', 'agencies'];

export function signedCall(
  emulator: Emulator,
  method: 'GET' | 'POST',
  options: SignedCallOptions = {},
): Promise<WireResponse> {
  const wire = signWithSdk(
    emulator.url,
    {
      method,
      segments: options.segments ?? AGENCIES_PATH,
      query: options.query ?? [],
      body: options.body,
      headers: options.headers ?? { 'X-Project-Id': emulator.projectId },
      date: sdkDate(options.date ?? new Date()),
    },
    options.keys ?? emulator,
  );
  return sendWire(emulator.url, wire, { timeoutMs: options.timeoutMs });
}

export function grantedStatus(emulator: Emulator, secretType = 'RDS-FG'): Promise<WireResponse> {
  return signedCall(emulator, 'GET', { query: [['secret_type', secretType]] });
}

export function createAgencies(emulator: Emulator, secretType = 'RDS-FG'): Promise<WireResponse> {
  return signedCall(emulator, 'POST', { body: { secret_type: secretType } });
}

/** An unsigned request, for tokens, control calls and unknown routes. */
export function plainCall(
  emulator: Emulator,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body = '',
): Promise<WireResponse> {
  const bytes = Buffer.from(body, 'utf8');
  return sendWire(emulator.url, { method, target, headers, body: bytes });
}

export function jsonOf(response: WireResponse): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
