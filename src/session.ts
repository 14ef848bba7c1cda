/**
 * Turns the stored credentials and the current settings into a ready client: it finds the project
 * id (the setting, the cache, or IAM discovery) and moves the agencies model to that region and
 * project before any result is recorded.
 */
import type { AgencyScope } from './agencies/agencyScope';
import type { CredentialStore } from './credentials/credentialStore';
import type { ProjectIdCache } from './credentials/projectIdCache';
import { CsmsClient } from './csms/client';
import type { LockoutGuard } from './csms/lockout';
import { KNOWN_SECRET_TYPES } from './csms/secretTypes';
import type { ClientOptions, Credentials, Logger } from './csms/types';
import type { SecretMasker } from './log/secretMasker';
import { readSettings } from './settings';

export interface SessionDeps {
  credentials: CredentialStore;
  projectIds: ProjectIdCache;
  scope: AgencyScope;
  lockout: LockoutGuard;
  logger: Logger;
  masker: SecretMasker;
  userAgent: string;
}

export interface Connection {
  client: CsmsClient;
  region: string;
  projectId: string;
}

/** Where verified credentials work: the region and project the check found or used. */
export interface VerifiedScope {
  region: string;
  projectId: string;
}

export class Session {
  constructor(private readonly deps: SessionDeps) {}

  async hasCredentials(): Promise<boolean> {
    return (await this.deps.credentials.get()) !== undefined;
  }

  /** A client for the current settings, with the project id found and the model scoped to it. */
  async connect(signal: AbortSignal): Promise<Connection> {
    const credentials = await this.requireCredentials();
    const { region, projectId: configured } = readSettings();
    const known = configured ?? this.deps.projectIds.get(region, credentials);
    const projectId = known ?? (await this.discover(credentials, region, signal));

    this.deps.scope.enter(region, projectId);
    return { client: this.client(credentials, projectId), region, projectId };
  }

  /**
   * Proves credentials work before anything keeps them, with one harmless call: project discovery,
   * or a status check when the project id is set by hand (discovery would not be needed then).
   * Nothing is stored and the model's scope is left alone: the caller decides what to keep.
   */
  async verify(credentials: Credentials, signal: AbortSignal): Promise<VerifiedScope> {
    this.deps.masker.remember(credentials);
    const { region, projectId: configured } = readSettings();
    if (configured === undefined) {
      return { region, projectId: await this.discover(credentials, region, signal) };
    }

    const client = this.client(credentials, configured);
    await client.isAgencyGranted(KNOWN_SECRET_TYPES[0].type, signal);
    return { region, projectId: configured };
  }

  /** Scopes the model to what is known without sending anything; used at start and on changes. */
  async syncScope(): Promise<void> {
    const credentials = await this.deps.credentials.get();
    this.deps.masker.remember(credentials);
    const settings = readSettings();
    const projectId =
      credentials && (settings.projectId ?? this.deps.projectIds.get(settings.region, credentials));

    if (projectId) {
      this.deps.scope.enter(settings.region, projectId);
    } else {
      this.deps.scope.leave();
    }
  }

  private async discover(
    credentials: Credentials,
    region: string,
    signal: AbortSignal,
  ): Promise<string> {
    const result = await this.client(credentials, undefined).discoverProjectId(region, signal);
    await this.deps.projectIds.set(region, credentials, result.projectId);
    return result.projectId;
  }

  private async requireCredentials(): Promise<Credentials> {
    const credentials = await this.deps.credentials.get();
    if (!credentials) {
      throw new Error('No credentials are configured.');
    }
    this.deps.masker.remember(credentials);
    return credentials;
  }

  private client(credentials: Credentials, projectId: string | undefined): CsmsClient {
    const settings = readSettings();
    const options: ClientOptions = {
      region: settings.region,
      credentials,
      projectId,
      endpoint: settings.endpoint,
      iamEndpoint: settings.iamEndpoint,
      timeoutMs: settings.timeoutSeconds * 1000,
      userAgent: this.deps.userAgent,
      logger: this.deps.logger,
    };
    return new CsmsClient(options, { lockout: this.deps.lockout });
  }
}
