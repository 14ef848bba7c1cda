/**
 * The one "CSMS" log output channel. Its level follows the user's choice in the Output view; every
 * line goes through the secret masker first.
 */
import * as vscode from 'vscode';
import { MaskingLogger } from './maskingLogger';
import { SecretMasker } from './secretMasker';

export class CsmsLog extends MaskingLogger implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor() {
    const channel = vscode.window.createOutputChannel('CSMS', { log: true });
    super(channel, new SecretMasker());
    this.channel = channel;
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
