/**
 * Everything the emulator remembers between requests, with the made-up defaults it starts from.
 * The credentials below are invented for tests and demos; they open nothing anywhere else.
 */
import { AgencyStore } from './agencyStore';
import { LockoutBook } from './lockout';
import { isScenarioName, SCENARIO_NAMES, type ScenarioName } from './scenarios';
import type {
  EmulatorAccount,
  EmulatorIdentity,
  EmulatorOptions,
  RecordedRequest,
  ScenarioOptions,
} from './types';

export const DEFAULTS = {
  host: '127.0.0.1',
  region: 'cn-north-4',
  projectId: '0a6c3b8e5f7d4e2a9c1b4d6f8e0a2c4e',
  domainId: '7f3e9b2d4c6a48e1b5d0f2a4c6e8b1d3',
  accessKey: 'EMU7DEMOAK4N0TREAL2Q',
  secretKey: 'EmuDemoSecretKey0nlyForTheLocalEmulator1',
  securityToken: 'emu-demo-security-token-not-real-0001',
  token: 'emu-demo-iam-token-not-real-0001',
  lockoutWindowMs: 5 * 60 * 1000,
  lockoutThreshold: 5,
  maxSkewMs: 15 * 60 * 1000,
  slowDelayMs: 10_000,
};

export interface Project {
  id: string;
  name: string;
}

export interface EmulatorConfig extends EmulatorIdentity {
  host: string;
  accounts: EmulatorAccount[];
  projects: Project[];
  lockoutWindowMs: number;
  lockoutThreshold: number;
  maxSkewMs: number;
  slowDelayMs: number;
}

interface ActiveScenario {
  name: ScenarioName;
  remaining?: number;
  delayMs?: number;
}

export class EmulatorState {
  readonly requests: RecordedRequest[] = [];
  readonly agencies = new AgencyStore();
  readonly lockouts: LockoutBook;
  private scenario?: ActiveScenario;
  private clockOffsetMs = 0;
  private readonly pending = new Map<NodeJS.Timeout, (completed: boolean) => void>();
  private closed = false;

  constructor(readonly config: EmulatorConfig) {
    this.lockouts = new LockoutBook(config.lockoutThreshold, config.lockoutWindowMs);
  }

  /** The server's clock, which tests may shift away from the real one. */
  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  setClockOffset(ms: number): void {
    this.clockOffsetMs = ms;
  }

  setScenario(name: ScenarioName | undefined, options: ScenarioOptions = {}): void {
    if (name !== undefined && !isScenarioName(name)) {
      throw new Error(`Unknown scenario ${String(name)}; known: ${SCENARIO_NAMES.join(', ')}`);
    }

    // A count below one arms nothing, rather than arming forever.
    const disarmed = name === undefined || (options.times !== undefined && options.times < 1);
    this.scenario = disarmed ? undefined : { name, ...toActive(options) };
  }

  /** The scenario for the next CSMS request, counting it against `times`. */
  takeScenario(accepts: (name: ScenarioName) => boolean): ActiveScenario | undefined {
    const active = this.scenario;
    if (!active || !accepts(active.name)) {
      return undefined;
    }

    if (active.remaining !== undefined) {
      active.remaining -= 1;
      if (active.remaining <= 0) {
        this.scenario = undefined;
      }
    }
    return active;
  }

  /** Resolves true after `ms`, or false as soon as `signal` aborts or the emulator closes. */
  wait(ms: number, signal?: AbortSignal): Promise<boolean> {
    if (this.closed || signal?.aborted) {
      return Promise.resolve(false);
    }

    return new Promise((resolve) => {
      const finish = (completed: boolean): void => {
        clearTimeout(timer);
        this.pending.delete(timer);
        resolve(completed);
      };
      const timer = setTimeout(() => finish(true), ms);
      this.pending.set(timer, finish);
      signal?.addEventListener('abort', () => finish(false), { once: true });
    });
  }

  reset(): void {
    this.requests.length = 0;
    this.scenario = undefined;
    this.clockOffsetMs = 0;
    this.agencies.clear();
    this.lockouts.clear();
  }

  /** Cancels every pending wait; later waits end at once. */
  close(): void {
    this.closed = true;
    for (const finish of [...this.pending.values()]) {
      finish(false);
    }
  }
}

function toActive(options: ScenarioOptions): Omit<ActiveScenario, 'name'> {
  const times = options.times;
  const remaining = times === undefined ? undefined : Math.floor(times);
  return { remaining, delayMs: options.delayMs };
}

export function resolveConfig(options: EmulatorOptions = {}): EmulatorConfig {
  const region = options.region ?? DEFAULTS.region;
  const projectId = options.projectId ?? DEFAULTS.projectId;
  const main: EmulatorAccount = {
    accessKey: options.accessKey ?? DEFAULTS.accessKey,
    secretKey: options.secretKey ?? DEFAULTS.secretKey,
    securityToken: options.securityToken ?? DEFAULTS.securityToken,
  };

  return {
    host: options.host ?? DEFAULTS.host,
    port: options.port ?? 0,
    region,
    projectId,
    domainId: options.domainId ?? DEFAULTS.domainId,
    accessKey: main.accessKey,
    secretKey: main.secretKey,
    securityToken: main.securityToken ?? DEFAULTS.securityToken,
    token: options.token ?? DEFAULTS.token,
    accounts: [main, ...(options.accounts ?? [])],
    projects: [{ id: projectId, name: region }, ...(options.projects ?? [])],
    lockoutWindowMs: options.lockoutWindowMs ?? DEFAULTS.lockoutWindowMs,
    lockoutThreshold: options.lockoutThreshold ?? DEFAULTS.lockoutThreshold,
    maxSkewMs: options.maxSkewMs ?? DEFAULTS.maxSkewMs,
    slowDelayMs: options.slowDelayMs ?? DEFAULTS.slowDelayMs,
  };
}
