/**
 * Everything the commands share, built once in `activate`. Commands reach the user only through
 * `prompter()`, which the integration tests replace.
 */
import type * as vscode from 'vscode';
import type { AgencyModel } from './agencies/agencyModel';
import type { AgencyNode } from './agencies/agencyNodes';
import type { AgencyTreeProvider } from './agencies/agencyTreeProvider';
import type { CredentialStore } from './credentials/credentialStore';
import type { ProjectIdCache } from './credentials/projectIdCache';
import type { CsmsLog } from './log/csmsLog';
import type { InFlight } from './commands/inFlight';
import type { Session } from './session';
import type { Prompter } from './ui/prompter';

export interface Services {
  prompter(): Prompter;
  /** Replaces the prompter; `undefined` restores the real one. For the integration tests. */
  setPrompter(prompter: Prompter | undefined): void;
  log: CsmsLog;
  credentials: CredentialStore;
  projectIds: ProjectIdCache;
  session: Session;
  model: AgencyModel;
  tree: AgencyTreeProvider;
  view: vscode.TreeView<AgencyNode>;
  inFlight: InFlight;
  /** Re-reads the stored credentials: context keys, the log's masker and the model's scope. */
  credentialsChanged(): Promise<void>;
  /** Opens the last exchange of a secret type in a read-only document. */
  showExchange(secretType: string): Promise<void>;
}
