/**
 * Builds the services every command shares, and the view and document provider that render them.
 * Everything disposable is handed to the extension context.
 */
import * as vscode from 'vscode';
import { AgencyModel } from './agencies/agencyModel';
import { AgencyScope } from './agencies/agencyScope';
import { AgencyTreeProvider } from './agencies/agencyTreeProvider';
import { EXCHANGE_SCHEME, ExchangeDocumentProvider } from './agencies/exchangeDocumentProvider';
import { InFlight } from './commands/inFlight';
import { CredentialStore } from './credentials/credentialStore';
import { ProjectIdCache } from './credentials/projectIdCache';
import { LockoutGuard } from './csms/lockout';
import { CsmsLog } from './log/csmsLog';
import type { Services } from './services';
import { Session } from './session';
import { windowPrompter, type Prompter } from './ui/prompter';

export function createServices(context: vscode.ExtensionContext): Services {
  const log = new CsmsLog();
  const model = new AgencyModel();
  const credentials = new CredentialStore(context.secrets);
  const projectIds = new ProjectIdCache(context.globalState);
  const session = createSession(context, { log, model, credentials, projectIds });

  const tree = new AgencyTreeProvider(model);
  const view = vscode.window.createTreeView('csms.agencies', { treeDataProvider: tree });
  const documents = new ExchangeDocumentProvider(model, log.masker);
  const provider = vscode.workspace.registerTextDocumentContentProvider(EXCHANGE_SCHEME, documents);
  context.subscriptions.push(log, credentials, tree, view, provider);

  let prompter: Prompter = windowPrompter;
  return {
    prompter: () => prompter,
    setPrompter: (replacement) => (prompter = replacement ?? windowPrompter),
    log,
    credentials,
    projectIds,
    session,
    model,
    tree,
    view,
    inFlight: new InFlight(),
    credentialsChanged: serialised(() => applyCredentials(session), log),
    showExchange: async (secretType) => {
      const document = await vscode.workspace.openTextDocument(documents.uriFor(secretType));
      await vscode.window.showTextDocument(document, { preview: false });
    },
  };
}

interface SessionParts {
  log: CsmsLog;
  model: AgencyModel;
  credentials: CredentialStore;
  projectIds: ProjectIdCache;
}

function createSession(context: vscode.ExtensionContext, parts: SessionParts): Session {
  const { log, model, credentials, projectIds } = parts;
  const scope = new AgencyScope(model, context.globalState, (error) =>
    log.warn(`Could not keep the agencies in global state: ${String(error)}`),
  );
  const version = String(context.extension.packageJSON.version ?? '0.0.0');

  // One lockout guard for the whole extension: failed authentications count across commands.
  return new Session({
    credentials,
    projectIds,
    scope,
    lockout: new LockoutGuard(),
    logger: log,
    masker: log.masker,
    userAgent: `csms-agencies/${version} vscode/${vscode.version}`,
  });
}

/** Runs `task` after the previous run ends, so that changes in a row are applied in order. */
function serialised(task: () => Promise<void>, log: CsmsLog): () => Promise<void> {
  let last = Promise.resolve();
  return () => {
    last = last
      .then(task)
      .catch((error) => log.error(`Could not read the stored credentials: ${String(error)}`));
    return last;
  };
}

async function applyCredentials(session: Session): Promise<void> {
  const hasCredentials = await session.hasCredentials();
  await vscode.commands.executeCommand('setContext', 'csms.hasCredentials', hasCredentials);
  await session.syncScope();
}
