/**
 * Request signing for Huawei Cloud's API gateway: SDK-HMAC-SHA256 for access keys, and the
 * `X-Auth-Token` header for IAM tokens. Only `node:crypto` is used, so nothing of the official SDK
 * is bundled; the unit tests prove the result equal to the SDK's `AKSKSigner`.
 */
import { createHash, createHmac, hash as oneShotHash } from 'node:crypto';
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

const HASH_BLOCK_BYTES = 64;
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
  private readonly hmac?: HmacSha256;

  constructor(private readonly credentials: Credentials) {
    if (credentials.kind === 'aksk') {
      this.hmac = new HmacSha256(Buffer.from(credentials.secretKey, 'utf8'));
    }
  }

  sign(request: SignableRequest, date: Date): SignedRequest {
    const path = encodePath(request.path);
    const query = canonicalQuery(request.query);
    const pathAndQuery = query ? `${path}?${query}` : path;
    const headers = trimmedHeaders(request.headers);
    headers['Host'] = request.host;

    if (this.credentials.kind === 'token') {
      headers['X-Auth-Token'] = this.credentials.token;
      return { pathAndQuery, headers };
    }

    const stamp = sdkDate(date);
    headers['X-Sdk-Date'] = stamp;
    if (this.credentials.securityToken) {
      headers['X-Security-Token'] = this.credentials.securityToken;
    }
    const uri = path.endsWith('/') ? path : `${path}/`;
    headers['Authorization'] = this.authorization(request, uri, query, headers, stamp);
    return { pathAndQuery, headers };
  }

  private authorization(
    request: SignableRequest,
    uri: string,
    query: string,
    headers: Record<string, string>,
    stamp: string,
  ): string {
    const { signedHeaders, canonicalHeaders } = canonicalHeadersOf(headers);
    const canonicalRequest =
      `${request.method.toUpperCase()}\n${uri}\n${query}\n${canonicalHeaders}\n` +
      `${signedHeaders}\n${bodyHash(request.body)}`;
    const stringToSign = `${SIGNING_ALGORITHM}\n${stamp}\n${sha256Hex(canonicalRequest)}`;

    const signature = (this.hmac as HmacSha256).hex(stringToSign);
    const accessKey = this.credentials.kind === 'aksk' ? this.credentials.accessKey : '';
    const parts = [
      `Access=${accessKey}`,
      `SignedHeaders=${signedHeaders}`,
      `Signature=${signature}`,
    ];
    return `${SIGNING_ALGORITHM} ${parts.join(', ')}`;
  }
}

/**
 * HMAC-SHA256 as RFC 2104 defines it, over one-shot hashes with the key's pads prepared once. A
 * new `Hmac` object per signature was the largest part of the signing cost; where Node lacks the
 * one-shot `crypto.hash`, the plain `createHmac` is used.
 */
class HmacSha256 {
  private readonly innerPad: Buffer;
  private readonly outer: Buffer;

  constructor(private readonly key: Buffer) {
    const block = Buffer.alloc(HASH_BLOCK_BYTES);
    (key.length > HASH_BLOCK_BYTES ? createHash('sha256').update(key).digest() : key).copy(block);
    this.innerPad = Buffer.alloc(HASH_BLOCK_BYTES);
    this.outer = Buffer.alloc(HASH_BLOCK_BYTES + 32);
    for (let i = 0; i < HASH_BLOCK_BYTES; i += 1) {
      this.innerPad[i] = block[i] ^ 0x36;
      this.outer[i] = block[i] ^ 0x5c;
    }
  }

  hex(message: string): string {
    if (typeof oneShotHash !== 'function') {
      return createHmac('sha256', this.key).update(message).digest('hex');
    }
    const inner = Buffer.allocUnsafe(HASH_BLOCK_BYTES + Buffer.byteLength(message));
    this.innerPad.copy(inner);
    inner.write(message, HASH_BLOCK_BYTES);
    oneShotHash('sha256', inner, 'buffer').copy(this.outer, HASH_BLOCK_BYTES);
    return oneShotHash('sha256', this.outer, 'hex');
  }
}

/** Lower-case names sorted as code units, each line `name:value\n`, and the names joined by `;`. */
function canonicalHeadersOf(headers: Record<string, string>) {
  const entries: [string, string][] = [];
  for (const name in headers) {
    entries.push([name.toLowerCase(), headers[name]]);
  }
  entries.sort((a, b) => byCodeUnits(a[0], b[0]));

  let canonicalHeaders = '';
  let signedHeaders = '';
  for (const [name, value] of entries) {
    canonicalHeaders += `${name}:${value}\n`;
    signedHeaders += signedHeaders ? `;${name}` : name;
  }
  return { signedHeaders, canonicalHeaders };
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the only form the gateway accepts. */
export function sdkDate(date: Date): string {
  const iso = date.toISOString();
  const day = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
  return `${day}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
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

/** The one-shot `crypto.hash` is several times faster than a Hash object; older Node lacks it. */
const sha256Hex: (data: string | Buffer) => string =
  typeof oneShotHash === 'function'
    ? (data) => oneShotHash('sha256', data, 'hex')
    : (data) => createHash('sha256').update(data).digest('hex');

function percentByte(character: string): string {
  return `%${character.charCodeAt(0).toString(16).toUpperCase()}`;
}

function byCodeUnits(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
