/** Shows a secret type's node after a command changed it, opening the view when it is closed. */
import { typeNode } from '../agencies/agencyNodes';
import type { Services } from '../services';

export async function revealType(services: Services, secretType: string): Promise<void> {
  try {
    await services.view.reveal(typeNode(secretType), { select: true, focus: false, expand: true });
  } catch (error) {
    // The result is already in the tree; failing to scroll to it is no reason to fail the command.
    services.log.warn(`Could not reveal ${secretType} in the tree: ${String(error)}`);
  }
}
