/**
 * Checks an SDK-HMAC-SHA256 signature the way a gateway must: from the bytes that arrived on the
 * wire, not from what a client meant to send. Written apart from the extension's signer on purpose,
 * so that a canonicalisation mistake shared by both cannot pass unnoticed; the unit tests hold it
 * to the official SDK signer instead.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const ALGORITHM = 'SDK-HMAC-SHA256';

/** What the `Authorization` header claims. */
export interface SignatureClaim {
  accessKey: string;
  signedHeaders: string[];
  signature: string;
}

/** A request as received: the raw target (path and query, still encoded), headers and body. */
export interface ReceivedRequest {
  method: string;
  target: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** True when `claim.signature` is the HMAC of this request under `secretKey`. */
export function verifySignature(
  request: ReceivedRequest,
  claim: SignatureClaim,
  secretKey: string,
): boolean {
  const canonical = canonicalRequest(request, claim.signedHeaders);
  if (canonical === undefined) {
    return false;
  }

  const date = headerValue(request.headers, 'x-sdk-date') ?? '';
  const stringToSign = [ALGORITHM, date, sha256Hex(canonical)].join('\n');
  const expected = createHmac('sha256', secretKey).update(stringToSign, 'utf8').digest('hex');
  return sameText(expected, claim.signature);
}

/**
 * Reads `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`, tolerating extra spaces and any
 * order of the three parts; undefined when it is not that scheme or a part is missing.
 */
export function parseAuthorization(value: string | undefined): SignatureClaim | undefined {
  const match = /^\s*SDK-HMAC-SHA256\s+(.*)$/s.exec(value ?? '');
  if (!match) {
    return undefined;
  }

  const parts = new Map<string, string>();
  for (const piece of match[1].split(',')) {
    const at = piece.indexOf('=');
    if (at > 0) {
      parts.set(piece.slice(0, at).trim().toLowerCase(), piece.slice(at + 1).trim());
    }
  }

  const accessKey = parts.get('access');
  const signedHeaders = parts.get('signedheaders');
  const signature = parts.get('signature');
  if (!accessKey || !signedHeaders || !signature) {
    return undefined;
  }
  return { accessKey, signedHeaders: signedHeaders.split(';'), signature };
}

/**
 * The canonical request, or undefined when the request cannot have been signed correctly (an
 * undecodable escape, a signed header that is absent).
 */
export function canonicalRequest(
  request: ReceivedRequest,
  signedHeaders: string[],
): string | undefined {
  const queryAt = request.target.indexOf('?');
  const rawPath = queryAt < 0 ? request.target : request.target.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : request.target.slice(queryAt + 1);

  // The canonical form is sorted whatever order the header lists; a client that signed its
  // headers unsorted therefore fails here, as it would at the gateway.
  const names = signedHeaders.map((name) => name.trim().toLowerCase()).sort(byCodeUnits);
  const uri = canonicalUri(rawPath);
  const query = canonicalQuery(rawQuery);
  const headers = canonicalHeaders(request.headers, names);
  if (uri === undefined || query === undefined || headers === undefined) {
    return undefined;
  }

  const payload = sha256Hex(request.body);
  return [request.method.toUpperCase(), uri, query, headers, names.join(';'), payload].join('\n');
}

/** Each segment decoded, then encoded again byte by byte; always ends in a slash. */
function canonicalUri(rawPath: string): string | undefined {
  const segments = rawPath.split('/').map(decodeOrUndefined);
  if (segments.some((segment) => segment === undefined)) {
    return undefined;
  }

  const joined = segments.map((segment) => encodeRfc3986(segment ?? '')).join('/');
  return joined.endsWith('/') ? joined : `${joined}/`;
}

/** Pairs decoded, sorted by key then value, encoded again and joined with `&`. */
function canonicalQuery(rawQuery: string): string | undefined {
  const pairs: [string, string][] = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') {
      continue;
    }
    const at = piece.indexOf('=');
    const key = decodeOrUndefined(at < 0 ? piece : piece.slice(0, at));
    const value = decodeOrUndefined(at < 0 ? '' : piece.slice(at + 1));
    if (key === undefined || value === undefined) {
      return undefined;
    }
    pairs.push([key, value]);
  }

  pairs.sort((a, b) => byCodeUnits(a[0], b[0]) || byCodeUnits(a[1], b[1]));
  return pairs.map(([key, value]) => `${encodeRfc3986(key)}=${encodeRfc3986(value)}`).join('&');
}

function canonicalHeaders(headers: IncomingHttpHeaders, names: string[]): string | undefined {
  let text = '';
  for (const name of names) {
    const value = headerValue(headers, name);
    if (value === undefined) {
      return undefined;
    }
    text += `${name}:${value.trim()}\n`;
  }
  return text;
}

/** Leaves RFC 3986's unreserved characters alone and writes every other UTF-8 byte as %XX. */
export function encodeRfc3986(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    out += isUnreserved(byte) ? String.fromCharCode(byte) : `%${hexByte(byte)}`;
  }
  return out;
}

function isUnreserved(byte: number): boolean {
  const isLetter = (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
  const isDigit = byte >= 0x30 && byte <= 0x39;
  return isLetter || isDigit || byte === 0x2d || byte === 0x2e || byte === 0x5f || byte === 0x7e;
}

function hexByte(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

function decodeOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function byCodeUnits(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
