/**
 * `vscode.l10n.t` in the shape host-free code expects, for text that code builds itself. Literal
 * strings in files that import `vscode` call `vscode.l10n.t` directly.
 */
import * as vscode from 'vscode';
import type { Translate } from '../translate';

export const localize: Translate = (message, args) =>
  args ? vscode.l10n.t(message, args) : vscode.l10n.t(message);
