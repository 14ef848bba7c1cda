/**
 * The shapes other code programs against when it drives the emulator: its options, the handle
 * `startEmulator` returns, and what it records of each request.
 */
import type { ScenarioName } from './scenarios';

/** A key pair the emulator accepts. The default one is built from the top-level options. */
export interface EmulatorAccount {
  accessKey: string;
  secretKey: string;
  /** Accepted in `X-Security-Token`; when sent, it must match. */
  securityToken?: string;
  /** Temporary keys: refuse the request when `X-Security-Token` is missing. */
  requireSecurityToken?: boolean;
}

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  region?: string;
  projectId?: string;
  /** The IAM domain (account) that owns the projects. */
  domainId?: string;
  accessKey?: string;
  secretKey?: string;
  securityToken?: string;
  /** Accepted in `X-Auth-Token`, scoped to the default project. */
  token?: string;
  /** More key pairs, beside the default one. */
  accounts?: EmulatorAccount[];
  /** More projects of the same domain, e.g. `{ id, name: 'cn-east-3' }`. */
  projects?: { id: string; name: string }[];
  lockoutWindowMs?: number;
  lockoutThreshold?: number;
  maxSkewMs?: number;
  /** How long the 'slow' scenario waits when `setScenario` gives no `delayMs`. */
  slowDelayMs?: number;
}

/** One request as it arrived, and the status it was answered with. */
export interface RecordedRequest {
  method: string;
  /** The path as sent on the wire, still percent-encoded, without the query. */
  path: string;
  /** Decoded query; a key sent several times maps to an array. */
  query: Record<string, string | string[]>;
  /** Lower-case names; credentials are kept on purpose so tests can assert on them. */
  headers: Record<string, string>;
  body: string;
  /** 0 until answered, and for good when the socket was destroyed instead. */
  status: number;
  /** ISO time of arrival, by the real clock (not shifted by `setClockOffset`). */
  at: string;
}

export interface ScenarioOptions {
  /** How many following CSMS requests get the scenario; until cleared when omitted. */
  times?: number;
  /** For 'slow': how long to wait before answering. */
  delayMs?: number;
}

/** Where the emulator listens and the made-up identity it accepts by default. */
export interface EmulatorIdentity {
  port: number;
  region: string;
  projectId: string;
  domainId: string;
  accessKey: string;
  secretKey: string;
  securityToken: string;
  token: string;
}

export interface Emulator extends EmulatorIdentity {
  url: string;
  /** Live list: `reset()` empties it in place. */
  requests: RecordedRequest[];
  setScenario(name: ScenarioName | undefined, options?: ScenarioOptions): void;
  /** Moves the server clock by `ms` (positive = server ahead), as a clock-skewed gateway would. */
  setClockOffset(ms: number): void;
  /** Forgets requests, scenario, created agencies, lockouts and the clock offset. */
  reset(): void;
  close(): Promise<void>;
}
