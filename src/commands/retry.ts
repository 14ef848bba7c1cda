/**
 * Retry (the error node's inline action): repeats the call that failed for the node's secret
 * type, a create or a check, and so replaces the error with the new outcome.
 */
import { asAgencyNode } from '../agencies/agencyNodes';
import type { Services } from '../services';
import { checkAgency } from './checkAgency';
import { createAgency } from './createAgency';

export async function retry(services: Services, argument?: unknown): Promise<void> {
  const node = asAgencyNode(argument);
  if (node === undefined) {
    return;
  }
  const failed = services.model.get(node.secretType)?.lastError?.operation;
  if (failed === 'create') {
    await createAgency(services, node.secretType);
  } else {
    await checkAgency(services, node.secretType);
  }
}
