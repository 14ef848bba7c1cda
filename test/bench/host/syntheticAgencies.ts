/**
 * Made-up agencies in the model's own shape, for the figures that need more than the emulator's
 * two secret types: every tenth agency failed, as a partly failed create leaves them.
 */
import { randomBytes } from 'node:crypto';
import type { TypeState } from '../../../src/agencies/agencyModel';
import type { Agency } from '../../../src/csms/types';

export function syntheticStates(typeCount: number, agenciesPerType: number): TypeState[] {
  const at = Date.now();
  return Array.from({ length: typeCount }, (_, typeIndex) => ({
    secretType: `BENCH-${String(typeIndex).padStart(3, '0')}`,
    status: 'granted',
    checkedAt: at,
    agencies: Array.from({ length: agenciesPerType }, (_, index) => agency(typeIndex, index)),
  }));
}

function agency(typeIndex: number, index: number): Agency {
  const name = `bench_agency_${typeIndex}_${index}`;
  return index % 10 === 9
    ? { name, errorMessage: 'Failed to create the agency: the agency quota is used up.' }
    : { name, id: randomBytes(16).toString('hex') };
}
