/**
 * The agencies created so far, per project and secret type, so that a later status call can
 * report them as granted. The agency names are made up in the style of Huawei's service agencies;
 * the real names CSMS creates were not confirmed.
 */
import { randomBytes } from 'node:crypto';

export interface StoredAgency {
  agency_name: string;
  agency_id: string;
}

/** The agencies each known secret type needs: RDS-FG two, GaussDB-FG one. */
export const AGENCY_NAMES: Record<string, string[]> = {
  'RDS-FG': ['csms_fgs_invoke_agency', 'fgs_csms_rds_rotation_agency'],
  'GaussDB-FG': ['fgs_csms_gaussdb_rotation_agency'],
};

export function isKnownSecretType(secretType: string): boolean {
  return Object.hasOwn(AGENCY_NAMES, secretType);
}

export function newAgencyId(): string {
  return randomBytes(16).toString('hex');
}

export class AgencyStore {
  private readonly created = new Map<string, StoredAgency[]>();

  /** Creates the type's agencies, or returns the ones already there, as the console does. */
  create(projectId: string, secretType: string): StoredAgency[] {
    const key = storeKey(projectId, secretType);
    const existing = this.created.get(key);
    if (existing) {
      return existing;
    }

    const agencies = AGENCY_NAMES[secretType].map((name) => ({
      agency_name: name,
      agency_id: newAgencyId(),
    }));
    this.created.set(key, agencies);
    return agencies;
  }

  isGranted(projectId: string, secretType: string): boolean {
    return this.created.has(storeKey(projectId, secretType));
  }

  clear(): void {
    this.created.clear();
  }
}

function storeKey(projectId: string, secretType: string): string {
  return `${projectId}\n${secretType}`;
}
