/**
 * Test support: signs a request with the official SDK's `AKSKSigner` (the oracle, a dev
 * dependency only) and sends it with Node's bare http client, so the emulator's tests depend on
 * neither the extension's signer nor its client.
 */
import { request as httpRequest } from 'node:http';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';

export interface CallSpec {
  method: 'GET' | 'POST';
  /** Decoded path segments; encoded for the wire here. */
  segments: string[];
  /** Decoded query pairs, in sending order; a key may repeat. */
  query: [string, string][];
  /** Sent as `JSON.stringify(body)`, which is exactly what the SDK hashes. */
  body?: Record<string, unknown>;
  /** Extra headers to sign and send, e.g. `X-Project-Id`. */
  headers: Record<string, string>;
  /** `X-Sdk-Date`, e.g. `20261203T101010Z`. */
  date: string;
}

/** A request ready for the wire. */
export interface WireRequest {
  method: string;
  /** Path and query, percent-encoded. */
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface KeyPair {
  accessKey: string;
  secretKey: string;
}

/** The SDK's signature over `spec`, as the request a client would send to `baseUrl`. */
export function signWithSdk(baseUrl: string, spec: CallSpec, keys: KeyPair): WireRequest {
  const headers: Record<string, string> = { ...spec.headers, 'X-Sdk-Date': spec.date };
  if (spec.body !== undefined) {
    headers['content-type'] = 'application/json;charset=UTF-8';
  }

  const credential = { getAk: () => keys.accessKey, getSk: () => keys.secretKey };
  const signed = AKSKSigner.sign(
    {
      method: spec.method,
      endpoint: `${baseUrl}/${spec.segments.join('/')}`,
      headers,
      queryParams: queryObject(spec.query),
      data: spec.body,
    },
    credential as unknown as ICredential,
  ) as Record<string, string>;

  const path = `/${spec.segments.map(encodeURIComponent).join('/')}`;
  const query = spec.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  const target = query.length > 0 ? `${path}?${query.join('&')}` : path;
  const body = Buffer.from(spec.body === undefined ? '' : JSON.stringify(spec.body), 'utf8');
  return { method: spec.method, target, headers: signed, body };
}

/** The SDK takes repeated keys as arrays. */
function queryObject(pairs: [string, string][]): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of pairs) {
    const existing = query[key];
    if (existing === undefined) {
      query[key] = value;
    } else {
      query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }
  return query;
}

/** Sends without connection reuse, so nothing stays open after the answer. */
export function sendWire(
  baseUrl: string,
  wire: WireRequest,
  options: { timeoutMs?: number } = {},
): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(baseUrl);
    // The target goes out as given: a URL string would be normalised (dot segments dropped).
    const req = httpRequest(
      {
        hostname,
        port,
        path: wire.target,
        method: wire.method,
        // An explicit length, or Node would send a GET's body without any framing.
        headers: { ...wire.headers, 'content-length': String(wire.body.length) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    if (options.timeoutMs !== undefined) {
      req.setTimeout(options.timeoutMs, () => req.destroy(new Error('client timeout')));
    }
    req.on('error', reject);
    req.end(wire.body);
  });
}

/** `Date` → `20261203T101010Z`. */
export function sdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
