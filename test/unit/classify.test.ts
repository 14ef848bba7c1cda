// How answers and failures become errors, and when a call is sent again: the rules on their own.
import * as assert from 'node:assert/strict';
import {
  httpError,
  quote,
  transportError,
  type CallContext,
  type RawResponse,
} from '../../src/csms/classify';
import { CsmsError } from '../../src/csms/errors';
import { skewParts } from '../../src/csms/hints';
import { DEFAULT_RETRY, retryDelay } from '../../src/csms/retry';
import type { Exchange } from '../../src/csms/types';

const MINUTE = 60 * 1000;

const RECEIVED_AT = new Date('2021-12-17T06:43:05Z');
const EXCHANGE: Exchange = {
  method: 'GET',
  url: 'https://kms.cn-north-4.myhuaweicloud.com/v1/csms/agencies',
  durationMs: 1,
  requestHeaders: {},
  responseHeaders: {},
};
const CONTEXT: CallContext = {
  region: 'cn-north-4',
  endpoint: 'https://kms.cn-north-4.myhuaweicloud.com',
  host: 'kms.cn-north-4.myhuaweicloud.com',
  credentialsKind: 'aksk',
  timeoutSeconds: 30,
  secretType: 'RDS-FG',
};

function answer(status: number, body: unknown, headers: Record<string, string> = {}): RawResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    status,
    headers: { 'x-request-id': 'req-1', ...headers },
    body: text,
    receivedAt: RECEIVED_AT,
  };
}

function gateway401(message: string, headers: Record<string, string> = {}): CsmsError {
  const body = { error_code: 'APIGW.0301', error_msg: message };
  return httpError(answer(401, body, headers), CONTEXT, EXCHANGE);
}

function serverDate(offsetMs: number): Record<string, string> {
  return { date: new Date(RECEIVED_AT.getTime() + offsetMs).toUTCString() };
}

function withCode(code: string): Error {
  const system = Object.assign(new Error(`connect ${code}`), { code });
  return Object.assign(new Error('wrapped by axios', { cause: system }), { code: 'ERR_NETWORK' });
}

describe('classification of answers', () => {
  it('reads the skew from the gateway text, however it is spaced', () => {
    for (const message of [
      'calc aksk signature fail:signature expired, signature time:20211217T064303Z,server time:20211217T065804Z',
      'signature expired. Signature Time = 2021-12-17T06:43:03Z; server time: 2021-12-17T06:58:04Z',
      'signature_time:20211217T064303Z server_time:20211217T065804Z expired',
    ]) {
      const error = gateway401(`Incorrect IAM authentication information: ${message}`);
      assert.equal(error.clockSkewMs, 15 * MINUTE + 1000, message);
      assert.deepEqual(error.hint, { key: 'clockBehind', args: { minutes: 15, seconds: 1 } });
    }
  });

  it('says the local clock is ahead when the server time is earlier', () => {
    const error = gateway401(
      'signature expired, signature time:20211217T070000Z,server time:20211217T064000Z',
    );
    assert.equal(error.clockSkewMs, -20 * MINUTE);
    assert.deepEqual(error.hint, { key: 'clockAhead', args: { minutes: 20, seconds: 0 } });
  });

  it('says the clock is off without an amount when the gateway says expired and nothing more', () => {
    const error = gateway401('signature expired');

    assert.equal(error.clockSkewMs, undefined);
    assert.deepEqual(error.hint, { key: 'clockSkew', args: {} });
  });

  it('takes the skew from the Date header when the text has none', () => {
    const far = gateway401('verify aksk signature fail', serverDate(20 * MINUTE));
    const near = gateway401('verify aksk signature fail', serverDate(2 * MINUTE));
    const noise = gateway401('verify aksk signature fail', serverDate(2000));

    assert.equal(far.hint.key, 'clockBehind');
    assert.equal(far.clockSkewMs, 20 * MINUTE);
    assert.equal(near.hint.key, 'wrongAkSk');
    assert.equal(near.clockSkewMs, 2 * MINUTE);
    assert.equal(noise.clockSkewMs, undefined);
  });

  it('tells a bad token from bad keys', () => {
    assert.equal(gateway401('decrypt token fail').hint.key, 'badToken');
    assert.equal(gateway401('token expires').hint.key, 'badToken');
    assert.equal(gateway401('verify aksk signature fail').hint.key, 'wrongAkSk');
  });

  it('tells a frozen account from a missing permission', () => {
    const frozen = answer(403, { error_code: 'APIGW.0306', error_msg: 'The account is frozen.' });
    const denied = answer(403, { error_code: 'CSMS.0403', error_msg: 'Policy does not allow.' });

    assert.equal(httpError(frozen, CONTEXT, EXCHANGE).hint.key, 'accountFrozen');
    assert.equal(httpError(denied, CONTEXT, EXCHANGE).hint.key, 'forbidden');
  });

  it('treats APIGW.0101 as a wrong endpoint whatever the status', () => {
    const body = { error_code: 'APIGW.0101', error_msg: 'The API does not exist' };
    assert.equal(httpError(answer(400, body), CONTEXT, EXCHANGE).hint.key, 'wrongRegionOrEndpoint');
  });

  it("reads IAM's nested error shape", () => {
    const body = {
      error: { code: 401, message: 'The request you have made requires authentication.' },
    };
    const error = httpError(answer(401, body), CONTEXT, EXCHANGE);

    assert.equal(error.errorCode, '401');
    assert.match(error.errorMsg ?? '', /requires authentication/);
  });

  it('keeps the request id and quotes at most 200 characters of a non-JSON body', () => {
    const error = httpError(answer(502, `<html>${'x'.repeat(500)}</html>`), CONTEXT, EXCHANGE);
    const quoted = /body "(<html>x*)…"/.exec(error.message);

    assert.equal(error.requestId, 'req-1');
    assert.equal(quoted?.[1].length, 200);
    assert.match(error.message, /\(request id req-1\)$/);
  });

  it('falls back on the request id the gateway repeats in its body', () => {
    const response = answer(502, { error_code: 'APIGW.0202', request_id: 'from-body' });
    delete response.headers['x-request-id'];

    assert.equal(httpError(response, CONTEXT, EXCHANGE).requestId, 'from-body');
  });

  it('maps the documented statuses to their hints', () => {
    const expected: [number, string][] = [
      [400, 'invalidSecretType'],
      [404, 'wrongRegionOrEndpoint'],
      [429, 'throttled'],
      [500, 'serverError'],
      [502, 'badGateway'],
      [503, 'serverError'],
      [504, 'gatewayTimeout'],
      [418, 'unexpectedStatus'],
    ];
    for (const [status, key] of expected) {
      assert.equal(httpError(answer(status, ''), CONTEXT, EXCHANGE).hint.key, key, `${status}`);
    }
  });

  it('reads Retry-After in seconds and as a date', () => {
    const inSeconds = httpError(answer(429, '', { 'retry-after': '7' }), CONTEXT, EXCHANGE);
    const at = new Date(RECEIVED_AT.getTime() + 3000).toUTCString();
    const asDate = httpError(answer(429, '', { 'retry-after': at }), CONTEXT, EXCHANGE);

    assert.deepEqual(inSeconds.hint.args, { seconds: 7, retryAfterSeconds: 7 });
    assert.deepEqual(asDate.hint.args, { seconds: 3, retryAfterSeconds: 3 });
  });

  it('splits a clock skew into whole minutes and seconds, whichever way it goes', () => {
    assert.deepEqual(skewParts(59_400), { minutes: 0, seconds: 59 });
    assert.deepEqual(skewParts(-(15 * MINUTE + 1000)), { minutes: 15, seconds: 1 });
    assert.deepEqual(skewParts(2 * 60 * MINUTE + 5000), { minutes: 120, seconds: 5 });
  });

  it('quotes an empty body so that it is seen', () => {
    assert.equal(quote(''), '(empty)');
  });
});

describe('classification of transport failures', () => {
  it('names DNS, refused, reset and certificate failures, through axios wrapping', () => {
    const expected: [string, string][] = [
      ['ENOTFOUND', 'dnsFailure'],
      ['EAI_AGAIN', 'dnsFailure'],
      ['ECONNREFUSED', 'connectionRefused'],
      ['ECONNRESET', 'connectionReset'],
      ['EPIPE', 'connectionReset'],
      ['CERT_HAS_EXPIRED', 'tlsCertificate'],
      ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tlsCertificate'],
      ['SELF_SIGNED_CERT_IN_CHAIN', 'tlsCertificate'],
      ['ERR_TLS_CERT_ALTNAME_INVALID', 'tlsCertificate'],
      ['EHOSTUNREACH', 'network'],
    ];
    for (const [code, key] of expected) {
      const error = transportError(withCode(code), CONTEXT, EXCHANGE);
      assert.equal(error.hint.key, key, code);
      assert.equal(error.kind, 'network');
      assert.match(error.message, new RegExp(code));
    }
  });

  it('names the host the failure concerns', () => {
    const error = transportError(withCode('ENOTFOUND'), CONTEXT, EXCHANGE);
    assert.deepEqual(error.hint.args, { host: CONTEXT.host });
  });
});

describe('retry rules', () => {
  const state = { method: 'GET' as const, attempt: 1, remainingMs: 60_000 };
  const failure = (status: number, args: Record<string, number> = {}) =>
    new CsmsError('failed', {
      kind: 'http',
      status,
      hint: { key: status === 429 ? 'throttled' : 'serverError', args },
    });

  it('retries a GET on 429, 502, 503 and 504 only', () => {
    for (const status of [429, 502, 503, 504]) {
      assert.notEqual(retryDelay(failure(status), state, DEFAULT_RETRY), undefined, `${status}`);
    }
    for (const status of [400, 401, 403, 404, 500]) {
      assert.equal(retryDelay(failure(status), state, DEFAULT_RETRY), undefined, `${status}`);
    }
  });

  it('never retries a POST', () => {
    const post = { ...state, method: 'POST' as const };
    assert.equal(retryDelay(failure(503), post, DEFAULT_RETRY), undefined);
  });

  it('backs off exponentially with jitter, within the bound', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    const delays = [1, 2, 3, 4, 5].map((attempt) =>
      retryDelay(failure(503), { ...state, attempt }, policy, () => 1),
    );
    const lowest = retryDelay(failure(503), state, policy, () => 0);

    assert.deepEqual(delays, [100, 200, 400, 800, 1000]);
    assert.equal(lowest, 50);
  });

  it('waits at least Retry-After, and gives up when it is longer than the bound', () => {
    const soon = failure(429, { seconds: 2, retryAfterSeconds: 2 });
    const late = failure(429, { seconds: 60, retryAfterSeconds: 60 });

    assert.equal(retryDelay(soon, state, DEFAULT_RETRY), 2000);
    assert.equal(retryDelay(late, state, DEFAULT_RETRY), undefined);
  });

  it('stops at the attempt bound and when the call has no time left', () => {
    const last = { ...state, attempt: DEFAULT_RETRY.maxAttempts };
    const hurried = { ...state, remainingMs: 10 };

    assert.equal(retryDelay(failure(503), last, DEFAULT_RETRY), undefined);
    assert.equal(retryDelay(failure(503), hurried, DEFAULT_RETRY), undefined);
  });
});
