/**
 * Finds credentials the Huawei Cloud SDKs would use, so the user can import them instead of typing
 * them: the `HUAWEICLOUD_SDK_*` environment variables and the SDK credentials file (ini, moved by
 * `HUAWEICLOUD_SDK_CREDENTIALS_FILE`). Host-free: the environment and the file reader come in as
 * arguments.
 */
import * as path from 'node:path';
import type { Credentials } from '../csms/types';

export interface ImportCandidate {
  /** `environment`, or `file:<section>` for a section of the credentials file. */
  source: string;
  credentials: Credentials;
  projectId?: string;
}

export type Environment = Record<string, string | undefined>;

/** Every importable set of keys, the environment first as the SDKs prefer it. */
export async function findImportCandidates(
  env: Environment,
  home: string,
  readFile: (file: string) => Promise<string | undefined>,
): Promise<ImportCandidate[]> {
  const fromEnvironment = environmentCandidate(env);
  const text = await readFile(credentialsFilePath(env, home));
  const fromFile = text === undefined ? [] : fileCandidates(text);
  return fromEnvironment ? [fromEnvironment, ...fromFile] : fromFile;
}

export function credentialsFilePath(env: Environment, home: string): string {
  const moved = env.HUAWEICLOUD_SDK_CREDENTIALS_FILE?.trim();
  return moved ? moved : path.join(home, '.huaweicloud', 'credentials');
}

export function environmentCandidate(env: Environment): ImportCandidate | undefined {
  const credentials = akskCredentials(
    env.HUAWEICLOUD_SDK_AK,
    env.HUAWEICLOUD_SDK_SK,
    env.HUAWEICLOUD_SDK_SECURITY_TOKEN,
  );
  if (!credentials) {
    return undefined;
  }
  return {
    source: 'environment',
    credentials,
    projectId: nonEmpty(env.HUAWEICLOUD_SDK_PROJECT_ID),
  };
}

/** One candidate per section that holds both an `ak` and an `sk`. */
export function fileCandidates(text: string): ImportCandidate[] {
  const candidates: ImportCandidate[] = [];
  for (const [section, values] of parseIni(text)) {
    const credentials = akskCredentials(
      values.get('ak'),
      values.get('sk'),
      values.get('security_token'),
    );
    if (credentials) {
      candidates.push({
        source: `file:${section}`,
        credentials,
        projectId: nonEmpty(values.get('project_id')),
      });
    }
  }
  return candidates;
}

/**
 * Reads an ini text into sections of lower-case keys. Keys before any section go to `default`;
 * `;` and `#` start comment lines; `key = value` and `key: value` are both accepted.
 */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current = 'default';

  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = header[1].trim();
      continue;
    }
    const entry = /^([^=:;#\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
    if (entry) {
      const values = sections.get(current) ?? new Map<string, string>();
      values.set(entry[1].toLowerCase(), entry[2]);
      sections.set(current, values);
    }
  }
  return sections;
}

function akskCredentials(
  accessKey: string | undefined,
  secretKey: string | undefined,
  securityToken: string | undefined,
): Credentials | undefined {
  const ak = nonEmpty(accessKey);
  const sk = nonEmpty(secretKey);
  if (!ak || !sk) {
    return undefined;
  }
  const token = nonEmpty(securityToken);
  return { kind: 'aksk', accessKey: ak, secretKey: sk, ...(token ? { securityToken: token } : {}) };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
