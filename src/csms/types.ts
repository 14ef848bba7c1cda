/**
 * The public shapes of the CSMS API layer. Nothing here imports `vscode`: the layer is used by the
 * extension, the tests, the emulator's checks and the benchmark alike.
 */

/** A secret type such as `RDS-FG`; the API's list can grow, so any validated string is allowed. */
export type SecretType = string;

/** Permanent or temporary access keys, or an IAM token. */
export type Credentials =
  | { kind: 'aksk'; accessKey: string; secretKey: string; securityToken?: string }
  | { kind: 'token'; token: string };

/** One agency from a create call: `id` on success, `errorMessage` when that agency failed. */
export interface Agency {
  name: string;
  id?: string;
  errorMessage?: string;
}

/** What was sent and received, with every credential header already redacted. */
export interface Exchange {
  method: string;
  url: string;
  status?: number;
  requestId?: string;
  durationMs: number;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  requestBody?: string;
  /** The response body as text, cut to a readable length. */
  responseBody?: string;
}

export interface CreateAgenciesResult {
  secretType: SecretType;
  agencies: Agency[];
  requestId?: string;
  exchange: Exchange;
}

export interface AgencyStatusResult {
  secretType: SecretType;
  granted: boolean;
  requestId?: string;
  exchange: Exchange;
}

export interface ProjectResult {
  projectId: string;
  projectName: string;
  exchange: Exchange;
}

/** The log the client writes to; the extension backs it with its log output channel. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  trace(message: string): void;
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface ClientOptions {
  region: string;
  credentials: Credentials;
  /** Required for AK/SK calls to CSMS; discover it with `discoverProjectId` when unknown. */
  projectId?: string;
  /**
   * Overrides the CSMS endpoint from the region table, e.g.
   * `https://kms.eu-west-101.myhuaweicloud.eu`.
   */
  endpoint?: string;
  /** Overrides the IAM endpoint used for project discovery. */
  iamEndpoint?: string;
  connectTimeoutMs?: number;
  timeoutMs?: number;
  /** Names the extension and its version, e.g. `csms-agencies/0.1.0`. */
  userAgent: string;
  logger?: Logger;
  retry?: Partial<RetryOptions>;
  /** The clock used for `X-Sdk-Date`; tests move it. */
  now?: () => Date;
}
