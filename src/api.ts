/**
 * What `activate` returns. It exists for the integration tests, which answer prompts through their
 * own prompter and read the tree the `csms.agencies` view renders; users never need it.
 */
import type * as vscode from 'vscode';
import type { AgencyModel } from './agencies/agencyModel';
import type { Prompter } from './ui/prompter';

export interface CsmsExtensionApi {
  testing: {
    /** Replaces the prompter every command uses; `undefined` restores the real UI. */
    setPrompter(prompter: Prompter | undefined): void;
    /** The very provider the `csms.agencies` view renders. */
    agencies: vscode.TreeDataProvider<unknown>;
    /** The model that provider renders; the benchmark fills it with thousands of agencies. */
    model: AgencyModel;
    /** The extension's log folder, where the "CSMS" log channel writes its file. */
    logUri: vscode.Uri;
  };
}
