/**
 * Turns whatever came back (a status and a body of any shape, or a transport failure) into one
 * `CsmsError` that says what happened and what to do. Nothing here trusts the server's answer.
 */
import { CsmsError, type CsmsErrorKind, type Hint, type HintKey } from './errors';
import { skewParts } from './hints';
import type { Exchange } from './types';

/** What the classification needs to know about the call that failed. */
export interface CallContext {
  region: string;
  endpoint: string;
  host: string;
  credentialsKind: 'aksk' | 'token';
  /** The time allowed for the whole call, quoted by timeout hints. */
  timeoutSeconds: number;
  /** Set for CSMS calls: a 400 then means the type was refused. */
  secretType?: string;
}

/** One HTTP answer, the body already decoded as text. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The local clock when the answer arrived, to compare with its `Date` header. */
  receivedAt: Date;
}

interface ServerError {
  errorCode?: string;
  errorMsg?: string;
  /** The gateway repeats the request id in its error bodies. */
  requestId?: string;
}

const QUOTE_LIMIT = 200;
const GATEWAY_TOLERANCE_MS = 15 * 60 * 1000;
/** Below this, a `Date` header difference is network delay and rounding, not a wrong clock. */
const SIGNIFICANT_SKEW_MS = 30 * 1000;
const STAMP = '(\\d{4})-?(\\d{2})-?(\\d{2})T(\\d{2}):?(\\d{2}):?(\\d{2})';
const SIGNATURE_TIME = new RegExp(`signature[\\s_-]*time\\W{0,5}${STAMP}`, 'i');
const SERVER_TIME = new RegExp(`server[\\s_-]*time\\W{0,5}${STAMP}`, 'i');
const FROZEN = /frozen|freeze|arrear|suspend|restricted|balance/i;
const TLS_CODES =
  /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS|ERR_SSL|EPROTO$|HOSTNAME_MISMATCH)/;
/** A connection cut short is sometimes reported without a system code, in these words. */
const DROPPED = /stream has been aborted|socket hang up|premature close/i;
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/** The error for a non-2xx answer, with the hint that fits its status and text. */
export function httpError(
  response: RawResponse,
  context: CallContext,
  exchange: Exchange,
): CsmsError {
  const server = serverErrorOf(response.body);
  const skewMs = clockSkewOf(response, server.errorMsg);
  const hint = hintForStatus(response, context, server, skewMs);
  const requestId = response.headers['x-request-id'] ?? server.requestId;

  const what =
    server.errorCode || server.errorMsg
      ? [server.errorCode, server.errorMsg].filter(Boolean).join(': ')
      : `body ${quote(response.body)}`;
  const where = `HTTP ${response.status} from ${context.host}`;
  const message = `${where}: ${what}${requestIdSuffix(requestId)}`;
  return new CsmsError(message, {
    kind: 'http',
    hint,
    status: response.status,
    errorCode: server.errorCode,
    errorMsg: server.errorMsg,
    requestId,
    clockSkewMs: skewMs,
    exchange,
  });
}

/** The error for a 2xx answer whose body is not what the API promises. */
export function invalidResponse(
  response: RawResponse,
  problem: string,
  exchange: Exchange,
): CsmsError {
  const requestId = response.headers['x-request-id'];
  const message =
    `Invalid response (HTTP ${response.status}): ${problem}; body ${quote(response.body)}` +
    requestIdSuffix(requestId);
  return new CsmsError(message, {
    kind: 'invalidResponse',
    hint: { key: 'invalidResponse', args: { status: response.status } },
    status: response.status,
    requestId,
    exchange,
  });
}

/** Parses a 2xx body as a JSON object, or explains why it is not one. */
export function jsonObjectOf(response: RawResponse, exchange: Exchange): Record<string, unknown> {
  const text = response.body.trim();
  if (text.length === 0) {
    throw invalidResponse(response, 'the body is empty', exchange);
  }
  if (text.startsWith('<')) {
    throw invalidResponse(response, 'the body is HTML or XML, not JSON', exchange);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidResponse(response, 'the body is not valid JSON', exchange);
  }
  if (!isRecord(parsed)) {
    throw invalidResponse(response, 'the body is JSON but not an object', exchange);
  }
  return parsed;
}

/** The error for a request that never got an HTTP answer. */
export function transportError(
  error: unknown,
  context: CallContext,
  exchange: Exchange,
): CsmsError {
  const code = errorCodeOf(error) ?? (DROPPED.test(messageOf(error)) ? 'ECONNRESET' : undefined);
  const { kind, key, args } = transportHint(code, error, context);
  const detail = tooLarge(error)
    ? 'the response body exceeds the 1 MiB limit'
    : [code, messageOf(error)].filter(Boolean).join(': ');
  return new CsmsError(`Request to ${context.host} failed: ${detail}`, {
    kind,
    hint: { key, args },
    exchange,
    cause: error,
  });
}

/** A short, bounded quotation of a body for error messages. */
export function quote(body: string): string {
  if (body.length === 0) {
    return '(empty)';
  }
  const cut = body.length > QUOTE_LIMIT ? `${body.slice(0, QUOTE_LIMIT)}…` : body;
  return JSON.stringify(cut);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hintForStatus(
  response: RawResponse,
  context: CallContext,
  server: ServerError,
  skewMs: number | undefined,
): Hint {
  const text = `${server.errorCode ?? ''} ${server.errorMsg ?? ''}`;
  if (server.errorCode === 'APIGW.0101' || server.errorCode === 'APIG.0101') {
    return notFoundHint(context);
  }
  switch (response.status) {
    case 400:
      return badRequestHint(response, context);
    case 401:
      return unauthorisedHint(context, text, skewMs);
    case 403:
      return FROZEN.test(text)
        ? { key: 'accountFrozen', args: {} }
        : { key: 'forbidden', args: { region: context.region } };
    case 404:
      return notFoundHint(context);
    case 429:
      return throttledHint(response);
    case 500:
    case 503:
      return { key: 'serverError', args: { status: response.status } };
    case 502:
      return { key: 'badGateway', args: {} };
    case 504:
      return { key: 'gatewayTimeout', args: {} };
    default:
      return unexpectedStatusHint(response);
  }
}

function badRequestHint(response: RawResponse, context: CallContext): Hint {
  if (context.secretType !== undefined) {
    return { key: 'invalidSecretType', args: { secretType: context.secretType } };
  }
  return unexpectedStatusHint(response);
}

function unauthorisedHint(context: CallContext, text: string, skewMs: number | undefined): Hint {
  if (context.credentialsKind === 'token' || /token/i.test(text)) {
    return { key: 'badToken', args: { region: context.region } };
  }
  const expired = /expire/i.test(text);
  if (skewMs !== undefined && (expired || Math.abs(skewMs) > GATEWAY_TOLERANCE_MS)) {
    return { key: skewMs > 0 ? 'clockBehind' : 'clockAhead', args: skewParts(skewMs) };
  }
  if (expired) {
    return { key: 'clockSkew', args: {} };
  }
  return { key: 'wrongAkSk', args: { region: context.region } };
}

/** `retryAfterSeconds` only when the server said so; `seconds` always, for the text. */
function throttledHint(response: RawResponse): Hint {
  const after = retryAfterSeconds(response);
  if (after === undefined) {
    return { key: 'throttled', args: { seconds: 10 } };
  }
  return { key: 'throttled', args: { seconds: after, retryAfterSeconds: after } };
}

function notFoundHint(context: CallContext): Hint {
  return {
    key: 'wrongRegionOrEndpoint',
    args: { region: context.region, endpoint: context.endpoint },
  };
}

function unexpectedStatusHint(response: RawResponse): Hint {
  const location = response.headers['location'];
  const args: Record<string, string | number> = { status: response.status };
  if (location) {
    args.location = location.slice(0, QUOTE_LIMIT);
  }
  return { key: 'unexpectedStatus', args };
}

/** Reads `{error_code, error_msg}`, or IAM's `{error: {code, message}}`, whatever else is there. */
function serverErrorOf(body: string): ServerError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  if (!isRecord(parsed)) {
    return {};
  }
  const nested = isRecord(parsed.error) ? parsed.error : {};
  return {
    errorCode: textOf(parsed.error_code) ?? textOf(nested.code) ?? textOf(parsed.code),
    errorMsg: textOf(parsed.error_msg) ?? textOf(nested.message) ?? textOf(parsed.message),
    requestId: textOf(parsed.request_id),
  };
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) {
    return value.slice(0, 1024);
  }
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/**
 * Server clock minus local clock. The gateway's "signature expired" text names both times, which
 * is exact; otherwise the `Date` header is compared with the local clock when it is far enough off.
 */
function clockSkewOf(response: RawResponse, errorMsg: string | undefined): number | undefined {
  const fromText = errorMsg ? skewFromText(errorMsg) : undefined;
  if (fromText !== undefined) {
    return fromText;
  }
  const serverDate = Date.parse(response.headers['date'] ?? '');
  if (Number.isNaN(serverDate)) {
    return undefined;
  }
  const skew = serverDate - response.receivedAt.getTime();
  return Math.abs(skew) >= SIGNIFICANT_SKEW_MS ? skew : undefined;
}

function skewFromText(text: string): number | undefined {
  const signed = stampOf(SIGNATURE_TIME.exec(text));
  const server = stampOf(SERVER_TIME.exec(text));
  return signed !== undefined && server !== undefined ? server - signed : undefined;
}

function stampOf(match: RegExpExecArray | null): number | undefined {
  if (!match) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  return Number.isNaN(time) ? undefined : time;
}

/** `Retry-After` in whole seconds, from either of its two forms. */
export function retryAfterSeconds(response: Pick<RawResponse, 'headers' | 'receivedAt'>) {
  const value = response.headers['retry-after']?.trim();
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  const at = Date.parse(value);
  if (Number.isNaN(at)) {
    return undefined;
  }
  return Math.max(0, Math.ceil((at - response.receivedAt.getTime()) / 1000));
}

function transportHint(
  code: string | undefined,
  error: unknown,
  context: CallContext,
): { kind: CsmsErrorKind; key: HintKey; args: Record<string, string | number> } {
  const host = context.host;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { kind: 'network', key: 'dnsFailure', args: { host } };
  }
  if (code === 'ECONNREFUSED') {
    return { kind: 'network', key: 'connectionRefused', args: { host } };
  }
  if (code !== undefined && RESET_CODES.has(code)) {
    return { kind: 'network', key: 'connectionReset', args: { host } };
  }
  if (code !== undefined && TLS_CODES.test(code)) {
    return { kind: 'network', key: 'tlsCertificate', args: { host, code } };
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
    return { kind: 'timeout', key: 'timeout', args: { seconds: context.timeoutSeconds } };
  }
  if (code?.startsWith('HPE_') || tooLarge(error)) {
    return { kind: 'invalidResponse', key: 'invalidResponse', args: { status: 0 } };
  }
  return { kind: 'network', key: 'network', args: { code: code ?? 'unknown', host } };
}

/** The system error code, which axios keeps on its error or on the cause it wraps. */
function errorCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; isObject(current) && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('ERR_BAD') && code !== 'ERR_NETWORK') {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The transport's cap on the body (`transport.ts`). */
function tooLarge(error: unknown): boolean {
  return errorCodeOf(error) === 'ERR_BODY_TOO_LARGE';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function requestIdSuffix(requestId: string | undefined): string {
  return requestId ? ` (request id ${requestId})` : '';
}
