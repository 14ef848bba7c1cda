/**
 * Sends one API call from start to end: checks the endpoint, guards against a lockout, signs,
 * sends with retries under one deadline, logs with credentials redacted, and turns every failure
 * into a `CsmsError`. `CsmsClient` and project discovery build on it.
 */
import { performance } from 'node:perf_hooks';
import { httpError, transportError, type CallContext, type RawResponse } from './classify';
import { CsmsError } from './errors';
import { checkedEndpoint, HttpClient, type HttpRequest, type Send } from './http';
import { LockoutGuard } from './lockout';
import { redactHeaders, redactText } from './redact';
import { DEFAULT_RETRY, pause, retryDelay } from './retry';
import { Signer } from './signer';
import { ConnectTimeoutError } from './transport';
import type { ClientOptions, Exchange, Logger, RetryOptions } from './types';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const EXCHANGE_BODY_LIMIT = 4000;

export interface CallSpec {
  method: 'GET' | 'POST';
  endpoint: string;
  path: string;
  query?: Record<string, string>;
  /** Sent as `X-Project-Id`; IAM calls go without. */
  projectId?: string;
  body?: string;
  /** The secret type of a CSMS call, for the hint of a 400. */
  secretType?: string;
  /** The region the call concerns, when not the client's own (project discovery). */
  region?: string;
}

/** A 2xx answer and the exchange that produced it. */
export interface Reply {
  response: RawResponse;
  exchange: Exchange;
}

interface Attempt {
  spec: CallSpec;
  url: URL;
  context: CallContext;
  deadline: Deadline;
}

export class Caller {
  private readonly signer: Signer;
  private readonly sendHttp: Send;
  private readonly retry: RetryOptions;
  private readonly timeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly secrets: string[];
  private readonly logger?: Logger;
  private readonly now: () => Date;
  private readonly checkedUrls = new Map<string, URL>();

  constructor(
    private readonly options: ClientOptions,
    private readonly lockout: LockoutGuard,
    send?: Send,
  ) {
    this.signer = new Signer(options.credentials);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    if (send) {
      this.sendHttp = send;
    } else {
      const http = new HttpClient(this.connectTimeoutMs, options.userAgent);
      this.sendHttp = (request, signal) => http.send(request, signal);
    }
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.secrets = secretsOf(options);
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /** Resolves with a 2xx answer; rejects with a `CsmsError` for anything else. */
  async call(spec: CallSpec, signal?: AbortSignal): Promise<Reply> {
    const url = this.endpointUrl(spec.endpoint);
    const context = this.contextOf(spec, url);
    const deadline = new Deadline(this.timeoutMs, signal);
    try {
      return await this.withRetries({ spec, url, context, deadline });
    } finally {
      deadline.dispose();
    }
  }

  private async withRetries(attempt: Attempt): Promise<Reply> {
    for (let count = 1; ; count += 1) {
      try {
        return await this.send(attempt);
      } catch (error) {
        const failure = error as CsmsError;
        const state = {
          method: attempt.spec.method,
          attempt: count,
          remainingMs: attempt.deadline.remainingMs(),
        };
        const delay = retryDelay(failure, state, this.retry);
        if (delay === undefined) {
          throw failure;
        }

        this.logger?.warn(`Retrying in ${delay} ms (attempt ${count + 1}): ${failure.message}`);
        await pause(delay, attempt.deadline.signal).catch(() => {
          throw this.abortError(attempt, failure.exchange);
        });
      }
    }
  }

  private async send(attempt: Attempt): Promise<Reply> {
    if (attempt.deadline.signal.aborted) {
      throw this.abortError(attempt, undefined);
    }
    this.checkLockout();
    const request = this.signedRequest(attempt);

    const started = performance.now();
    try {
      const answer = await this.sendHttp(request, attempt.deadline.signal);
      const response: RawResponse = { ...answer, receivedAt: this.now() };
      return this.accept(attempt, request, response, performance.now() - started);
    } catch (error) {
      throw this.failure(attempt, request, error, performance.now() - started);
    }
  }

  private signedRequest(attempt: Attempt): HttpRequest {
    const { spec, url } = attempt;
    const headers: Record<string, string> = {};
    if (spec.body !== undefined) {
      headers['Content-Type'] = 'application/json;charset=UTF-8';
    }
    if (spec.projectId) {
      headers['X-Project-Id'] = spec.projectId;
    }

    const path = basePathOf(url) + spec.path;
    const request = {
      method: spec.method,
      host: url.host,
      path,
      query: spec.query,
      headers,
      body: spec.body,
    };
    const signed = this.signer.sign(request, this.now());
    return {
      method: spec.method,
      url: url.origin + signed.pathAndQuery,
      headers: signed.headers,
      body: spec.body,
    };
  }

  /** Logs the answer, counts it for the lockout guard, and rejects it unless it is a 2xx. */
  private accept(attempt: Attempt, request: HttpRequest, response: RawResponse, ms: number): Reply {
    const exchange = this.exchangeOf(request, response, ms);
    this.log(exchange);
    this.countAuthentication(response.status);

    if (response.status < 200 || response.status > 299) {
      throw this.redacted(httpError(response, attempt.context, exchange));
    }
    return { response, exchange };
  }

  private failure(attempt: Attempt, request: HttpRequest, error: unknown, ms: number): CsmsError {
    if (error instanceof CsmsError) {
      return error;
    }
    const exchange = this.exchangeOf(request, undefined, ms);
    const failure = this.describeFailure(attempt, error, exchange);
    this.logger?.info(
      `${request.method} ${exchange.url} failed after ${Math.round(ms)} ms: ${failure.message}`,
    );
    this.log(exchange, false);
    return failure;
  }

  private describeFailure(attempt: Attempt, error: unknown, exchange: Exchange): CsmsError {
    if (attempt.deadline.signal.aborted) {
      return this.abortError(attempt, exchange);
    }
    const connectTimeout = connectTimeoutIn(error);
    if (connectTimeout) {
      const seconds = Math.round(connectTimeout.timeoutMs / 100) / 10;
      return new CsmsError(`No connection to ${attempt.url.host} within ${seconds} s.`, {
        kind: 'timeout',
        hint: { key: 'timeout', args: { seconds } },
        exchange,
        cause: error,
      });
    }
    return this.redacted(transportError(error, attempt.context, exchange));
  }

  /** The error for a call stopped by the caller's signal or by the call's own deadline. */
  private abortError(attempt: Attempt, exchange: Exchange | undefined): CsmsError {
    if (attempt.deadline.timedOut) {
      const seconds = attempt.context.timeoutSeconds;
      return new CsmsError(`No answer from ${attempt.url.host} within ${seconds} s.`, {
        kind: 'timeout',
        hint: { key: 'timeout', args: { seconds } },
        exchange,
      });
    }
    return new CsmsError('The request was cancelled.', {
      kind: 'cancelled',
      hint: { key: 'cancelled', args: {} },
      exchange,
    });
  }

  private checkLockout(): void {
    const { credentials } = this.options;
    if (credentials.kind === 'aksk') {
      this.lockout.check(credentials.accessKey);
    }
  }

  /** A 401 is a refused signature; any other answer means the gateway accepted it. */
  private countAuthentication(status: number): void {
    const { credentials } = this.options;
    if (credentials.kind !== 'aksk') {
      return;
    }
    if (status === 401) {
      this.lockout.recordFailure(credentials.accessKey);
    } else {
      this.lockout.recordSuccess(credentials.accessKey);
    }
  }

  private exchangeOf(
    request: HttpRequest,
    response: RawResponse | undefined,
    ms: number,
  ): Exchange {
    const requestHeaders = redactHeaders({
      ...request.headers,
      'User-Agent': this.options.userAgent,
    });
    return {
      method: request.method,
      url: request.url,
      status: response?.status,
      requestId: response?.headers['x-request-id'],
      durationMs: Math.round(ms * 10) / 10,
      requestHeaders,
      responseHeaders: response ? redactHeaders(response.headers) : {},
      requestBody: request.body === undefined ? undefined : redactText(request.body, this.secrets),
      responseBody: response ? redactText(cut(response.body), this.secrets) : undefined,
    };
  }

  private log(exchange: Exchange, withSummary = true): void {
    const logger = this.logger;
    if (!logger) {
      return;
    }
    if (withSummary) {
      const { method, url, status, durationMs, requestId } = exchange;
      logger.info(`${method} ${url} ${status} ${durationMs} ms request id ${requestId ?? 'none'}`);
    }
    logger.debug(`Request headers: ${JSON.stringify(exchange.requestHeaders)}`);
    logger.debug(`Response headers: ${JSON.stringify(exchange.responseHeaders)}`);
    logger.trace(`Request body: ${exchange.requestBody ?? '(none)'}`);
    logger.trace(`Response body: ${exchange.responseBody ?? '(none)'}`);
  }

  /** The server's text is echoed into messages; make sure it cannot carry a credential. */
  private redacted(error: CsmsError): CsmsError {
    const message = redactText(error.message, this.secrets);
    const errorMsg =
      error.errorMsg === undefined ? undefined : redactText(error.errorMsg, this.secrets);
    if (message === error.message && errorMsg === error.errorMsg) {
      return error;
    }
    return new CsmsError(message, { ...error, errorMsg, cause: error.cause });
  }

  /** Parsed and checked once per endpoint: a client calls the same one again and again. */
  private endpointUrl(endpoint: string): URL {
    let url = this.checkedUrls.get(endpoint);
    if (!url) {
      url = checkedEndpoint(endpoint);
      this.checkedUrls.set(endpoint, url);
    }
    return url;
  }

  private contextOf(spec: CallSpec, url: URL): CallContext {
    return {
      region: spec.region ?? this.options.region,
      endpoint: spec.endpoint,
      host: url.host,
      credentialsKind: this.options.credentials.kind,
      timeoutSeconds: Math.round(this.timeoutMs / 100) / 10,
      secretType: spec.secretType,
    };
  }
}

/** One timer and one abort signal for the whole call, retries and pauses included. */
class Deadline {
  readonly signal: AbortSignal;
  timedOut = false;
  private readonly controller = new AbortController();
  private readonly endsAt: number;
  private readonly timer: NodeJS.Timeout;
  private readonly onOuterAbort = () => this.controller.abort();

  constructor(
    timeoutMs: number,
    private readonly outer?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    this.endsAt = performance.now() + timeoutMs;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    if (outer?.aborted) {
      this.controller.abort();
    }
    outer?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  remainingMs(): number {
    return this.endsAt - performance.now();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }
}

/** Axios wraps what the transport raised; the connect timer's error is somewhere inside. */
function connectTimeoutIn(error: unknown): ConnectTimeoutError | undefined {
  let current = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    if (current instanceof ConnectTimeoutError) {
      return current;
    }
    current = current.cause;
  }
  return undefined;
}

function secretsOf(options: ClientOptions): string[] {
  const { credentials } = options;
  if (credentials.kind === 'token') {
    return [credentials.token];
  }
  return [credentials.accessKey, credentials.secretKey, credentials.securityToken ?? ''];
}

/** The decoded path of an endpoint override such as `https://gateway.example/csms`. */
function basePathOf(url: URL): string {
  const path = url.pathname.replace(/\/+$/, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function cut(body: string): string {
  return body.length > EXCHANGE_BODY_LIMIT ? `${body.slice(0, EXCHANGE_BODY_LIMIT)}…` : body;
}
