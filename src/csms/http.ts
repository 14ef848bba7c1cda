/**
 * One HTTP exchange on axios, configured for an API client that trusts nothing: every status comes
 * back as an answer, redirects are not followed, bodies are capped at 1 MiB and read as text, and
 * a connect timeout guards each new connection (the last three in `transport.ts`, the adapter).
 * Proxies are left to VS Code, which patches Node's http and https modules in the extension host.
 */
import type { AxiosInstance, AxiosResponse } from 'axios';
import { CsmsError } from './errors';
import { createTransport } from './transport';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpAnswer {
  status: number;
  /** Lower-case names; a repeated header is joined with `, `. */
  headers: Record<string, string>;
  body: string;
}

/** Sends one request; `HttpClient.send` is the real one, tests may pass another. */
export type Send = (request: HttpRequest, signal: AbortSignal) => Promise<HttpAnswer>;

const LOOPBACK_HOSTS = new Set(['localhost', '::1', '[::1]']);

export class HttpClient {
  // axios is loaded with the first request rather than with the extension: it is about three
  // quarters of the bundle's load time, which every activation paid before a request was needed.
  private instance: Promise<AxiosInstance> | undefined;

  constructor(
    private readonly connectTimeoutMs: number,
    private readonly userAgent: string,
  ) {}

  /** Sends one request; rejects only when no HTTP answer arrived (network, abort, size cap). */
  async send(request: HttpRequest, signal: AbortSignal): Promise<HttpAnswer> {
    this.instance ??= createInstance(this.connectTimeoutMs);
    const instance = await this.instance;

    const response: AxiosResponse<unknown> = await instance.request({
      method: request.method,
      url: request.url,
      // Given per request rather than as instance defaults, which axios would deep-merge each time.
      // `identity`: the transport reads plain text and never decompresses.
      headers: {
        ...request.headers,
        'User-Agent': this.userAgent,
        Accept: 'application/json',
        'Accept-Encoding': 'identity',
      },
      data: request.body,
      signal,
    });
    return {
      status: response.status,
      headers: plainHeaders(response.headers),
      body: typeof response.data === 'string' ? response.data : '',
    };
  }
}

async function createInstance(connectTimeoutMs: number): Promise<AxiosInstance> {
  const { default: axios } = await import('axios');
  const instance = axios.create({
    adapter: createTransport({ connectTimeoutMs, maxBodyBytes: MAX_BODY_BYTES }),
    validateStatus: () => true,
    maxRedirects: 0,
    maxContentLength: MAX_BODY_BYTES,
    maxBodyLength: MAX_BODY_BYTES,
    responseType: 'text',
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    proxy: false,
  });
  // Every header is given per request; without defaults, axios has nothing to deep-merge into
  // each request's config, which is a measurable part of its per-call cost.
  instance.defaults.headers = {} as typeof instance.defaults.headers;
  return instance;
}

/**
 * Parses an endpoint and insists on HTTPS, except for loopback addresses (the emulator, a local
 * gateway). Raised before anything is signed or sent, so no credential leaves in clear text.
 */
export function checkedEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw configurationError(`"${endpoint}" is not a valid URL.`, 'badEndpoint', endpoint);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) {
    return url;
  }
  if (url.protocol === 'http:') {
    const message = `Refusing to send credentials over plain http to ${url.host}; use https.`;
    throw configurationError(message, 'insecureEndpoint', endpoint);
  }
  throw configurationError(`"${endpoint}" is not an http(s) URL.`, 'badEndpoint', endpoint);
}

export function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function configurationError(
  message: string,
  key: 'badEndpoint' | 'insecureEndpoint',
  endpoint: string,
): CsmsError {
  return new CsmsError(message, { kind: 'configuration', hint: { key, args: { endpoint } } });
}

function plainHeaders(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof headers !== 'object' || headers === null) {
    return result;
  }
  const source = 'toJSON' in headers ? (headers as { toJSON(): object }).toJSON() : headers;
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined && value !== null) {
      result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
  }
  return result;
}
