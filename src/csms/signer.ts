/**
 * Request signing for Huawei Cloud's API gateway: SDK-HMAC-SHA256 for access keys, and the
 * `X-Auth-Token` header for IAM tokens. Only `node:crypto` is used, so nothing of the official SDK
 * is bundled; the unit tests prove the result equal to the SDK's `AKSKSigner`.
 */
import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { Credentials } from './types';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

/** The request as it will be sent, before authentication headers are added. */
export interface SignableRequest {
  method: string;
  /** `host` or `host:port`, exactly as the Host header will carry it. */
  host: string;
  /** The decoded path, e.g. `/v1/csms/agencies`; each segment is encoded here. */
  path: string;
  /** Query parameters; an array value repeats its key. */
  query?: Record<string, string | readonly string[]>;
  headers?: Record<string, string>;
  /** The exact body bytes that will be sent. */
  body?: string | Buffer;
}

/** Everything needed to send the request exactly as it was signed. */
export interface SignedRequest {
  /** Encoded path and query, e.g. `/v1/csms/agencies?secret_type=RDS-FG`. */
  pathAndQuery: string;
  /** All headers to send: the caller's (trimmed), Host, X-Sdk-Date and the authentication. */
  headers: Record<string, string>;
}

const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;
const LEFT_BY_ENCODE_URI_COMPONENT = /[!'()*]/g;
const SET_BY_SIGNER = new Set([
  'host',
  'x-sdk-date',
  'x-security-token',
  'x-auth-token',
  'authorization',
]);

/** Signs requests with one set of credentials; keep one per credentials to reuse the key. */
export class Signer {
  private readonly hmacKey?: KeyObject;

  constructor(private readonly credentials: Credentials) {
    if (credentials.kind === 'aksk') {
      this.hmacKey = createSecretKey(Buffer.from(credentials.secretKey, 'utf8'));
    }
  }

  sign(request: SignableRequest, date: Date): SignedRequest {
    const pathAndQuery = encodePath(request.path) + queryPart(request.query);
    const headers = trimmedHeaders(request.headers);
    headers['Host'] = request.host;

    if (this.credentials.kind === 'token') {
      headers['X-Auth-Token'] = this.credentials.token;
      return { pathAndQuery, headers };
    }

    headers['X-Sdk-Date'] = sdkDate(date);
    if (this.credentials.securityToken) {
      headers['X-Security-Token'] = this.credentials.securityToken;
    }
    headers['Authorization'] = this.authorization(request, headers);
    return { pathAndQuery, headers };
  }

  private authorization(request: SignableRequest, headers: Record<string, string>): string {
    const names = Object.keys(headers)
      .map((name) => name.toLowerCase())
      .sort(byCodeUnits);
    const values = new Map(
      Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const signedHeaders = names.join(';');

    const canonicalRequest = [
      request.method.toUpperCase(),
      canonicalUri(request.path),
      canonicalQuery(request.query),
      names.map((name) => `${name}:${values.get(name)}\n`).join(''),
      signedHeaders,
      bodyHash(request.body),
    ].join('\n');
    const stringToSign = `${SIGNING_ALGORITHM}\n${headers['X-Sdk-Date']}\n${sha256Hex(canonicalRequest)}`;

    const signature = createHmac('sha256', this.hmacKey as KeyObject)
      .update(stringToSign)
      .digest('hex');
    const accessKey = this.credentials.kind === 'aksk' ? this.credentials.accessKey : '';
    return `${SIGNING_ALGORITHM} Access=${accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  }
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the only form the gateway accepts. */
export function sdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Percent-encodes everything but RFC 3986 unreserved characters, non-ASCII as UTF-8 bytes in
 * upper-case hex: the gateway's and the SDK's encoding, stricter than `encodeURIComponent`.
 */
export function gatewayEncode(text: string): string {
  if (UNRESERVED_ONLY.test(text)) {
    return text;
  }
  return encodeURIComponent(text).replace(LEFT_BY_ENCODE_URI_COMPONENT, percentByte);
}

/** Each segment encoded, always ending in `/`: the gateway signs `/v1/csms/agencies/`. */
export function canonicalUri(path: string): string {
  const encoded = encodePath(path);
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Keys sorted as UTF-16 code units before encoding, and a repeated key's values sorted too. */
export function canonicalQuery(query: SignableRequest['query']): string {
  if (!query) {
    return '';
  }
  const pairs: string[] = [];
  for (const key of Object.keys(query).sort(byCodeUnits)) {
    const value = query[key];
    const values = typeof value === 'string' ? [value] : [...value].sort(byCodeUnits);
    for (const item of values) {
      pairs.push(`${gatewayEncode(key)}=${gatewayEncode(item)}`);
    }
  }
  return pairs.join('&');
}

function encodePath(path: string): string {
  return path.split('/').map(gatewayEncode).join('/');
}

/** The query as sent, encoded the way it is signed, so the gateway decodes the same values. */
function queryPart(query: SignableRequest['query']): string {
  const canonical = canonicalQuery(query);
  return canonical ? `?${canonical}` : '';
}

/**
 * Servers strip the spaces around a header value, so it is signed and sent without them. The
 * headers the signer sets itself are dropped from the caller's, whatever their case.
 */
function trimmedHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!SET_BY_SIGNER.has(name.toLowerCase())) {
      result[name] = value.trim();
    }
  }
  return result;
}

function bodyHash(body: string | Buffer | undefined): string {
  if (body === undefined || body.length === 0) {
    return EMPTY_BODY_SHA256;
  }
  return sha256Hex(body);
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function percentByte(character: string): string {
  return `%${character.charCodeAt(0).toString(16).toUpperCase()}`;
}

function byCodeUnits(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
