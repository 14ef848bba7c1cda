/**
 * Discovered project ids, kept in global state per region and credentials so that discovery runs
 * once. The key holds a short hash of the access key (or token), never the value itself.
 */
import { createHash } from 'node:crypto';
import type { Credentials } from '../csms/types';

/** The part of `vscode.Memento` the cache needs; a Map-backed stand-in serves the unit tests. */
export interface KeyValueState {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export class ProjectIdCache {
  constructor(private readonly state: KeyValueState) {}

  get(region: string, credentials: Credentials): string | undefined {
    const value = this.state.get<unknown>(cacheKey(region, credentials));
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  async set(region: string, credentials: Credentials, projectId: string): Promise<void> {
    await this.state.update(cacheKey(region, credentials), projectId);
  }
}

export function cacheKey(region: string, credentials: Credentials): string {
  const identity = credentials.kind === 'token' ? credentials.token : credentials.accessKey;
  const digest = createHash('sha256').update(identity).digest('hex').slice(0, 16);
  return `csms.projectId/${region}/${digest}`;
}
