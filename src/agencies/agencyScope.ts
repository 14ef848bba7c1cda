/**
 * Ties the agencies model to the region and project it describes. Entering a scope loads what was
 * kept for it; every change is then saved back, so results survive a reload. With no scope (no
 * credentials, or a project not yet known) the model is empty and nothing is saved.
 */
import type { KeyValueState } from '../credentials/projectIdCache';
import type { AgencyModel } from './agencyModel';
import { fromSnapshot, snapshotKey, toSnapshot } from './agencySnapshot';

export class AgencyScope {
  private key: string | undefined;
  private loading = false;

  constructor(
    private readonly model: AgencyModel,
    private readonly state: KeyValueState,
    private readonly onSaveError: (error: unknown) => void,
  ) {
    model.onDidChange(() => this.save());
  }

  enter(region: string, projectId: string): void {
    const key = snapshotKey(region, projectId);
    if (key !== this.key) {
      this.key = key;
      this.load(fromSnapshot(this.state.get<unknown>(key)));
    }
  }

  leave(): void {
    if (this.key !== undefined) {
      this.key = undefined;
      this.load([]);
    }
  }

  private load(states: Parameters<AgencyModel['replaceAll']>[0]): void {
    // Loading is not a change worth saving: it would write back what was just read.
    this.loading = true;
    try {
      this.model.replaceAll(states);
    } finally {
      this.loading = false;
    }
  }

  private save(): void {
    if (this.key === undefined || this.loading) {
      return;
    }
    this.state.update(this.key, toSnapshot(this.model.types())).then(undefined, this.onSaveError);
  }
}
