/**
 * Serves Show Details documents under the `csms-exchange` scheme. Documents from a content
 * provider are read-only, and their text is built from the model each time one is opened.
 */
import * as vscode from 'vscode';
import type { SecretMasker } from '../log/secretMasker';
import { localize } from '../ui/localize';
import type { AgencyModel } from './agencyModel';
import { exchangeDocument } from './exchangeDocument';

export const EXCHANGE_SCHEME = 'csms-exchange';

export class ExchangeDocumentProvider implements vscode.TextDocumentContentProvider {
  private opened = 0;

  constructor(
    private readonly model: AgencyModel,
    private readonly masker: SecretMasker,
  ) {}

  /** A new address each time, so every Show Details shows the exchange as it is now. */
  uriFor(secretType: string): vscode.Uri {
    this.opened += 1;
    const path = `/${encodeURIComponent(secretType)}/last-exchange-${this.opened}.txt`;
    return vscode.Uri.from({ scheme: EXCHANGE_SCHEME, path });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const secretType = decodeURIComponent(uri.path.split('/')[1] ?? '');
    const exchange = this.model.get(secretType)?.lastExchange;
    if (exchange === undefined) {
      return localize('Nothing was exchanged with CSMS for {secretType} yet.', { secretType });
    }
    return exchangeDocument(secretType, exchange, localize, (text) => this.masker.mask(text));
  }
}
