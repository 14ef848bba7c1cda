/**
 * Every place a setting can live that a test can read: the values the configuration API reports
 * at each level, and the settings files of the profile and the workspace.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'csms-tools.csms-agencies';

/** Every csms setting's value at every level, with its key. */
export function settingsValues(): { key: string; levels: unknown[] }[] {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  const properties = extension?.packageJSON?.contributes?.configuration?.properties ?? {};
  const config = vscode.workspace.getConfiguration();
  return Object.keys(properties).map((key) => {
    const inspected = config.inspect(key);
    return {
      key,
      levels: [
        inspected?.globalValue,
        inspected?.workspaceValue,
        inspected?.workspaceFolderValue,
        config.get(key),
      ],
    };
  });
}

export interface SettingsFile {
  path: string;
  text: string;
}

/**
 * The settings files found from the log folder upwards (the profile's `User` and `Machine`
 * folders sit beside `logs`) and in the workspace folders.
 */
export async function readSettingsFiles(logUri: vscode.Uri): Promise<SettingsFile[]> {
  const candidates = [...profileCandidates(logUri.fsPath), ...workspaceCandidates()];
  const found: SettingsFile[] = [];
  for (const candidate of new Set(candidates)) {
    const text = await fs.readFile(candidate, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      found.push({ path: candidate, text });
    }
  }
  return found;
}

function profileCandidates(logFolder: string): string[] {
  const candidates: string[] = [];
  let folder = logFolder;
  for (let depth = 0; depth < 8 && path.dirname(folder) !== folder; depth++) {
    folder = path.dirname(folder);
    for (const scope of [
      'User',
      'Machine',
      path.join('data', 'User'),
      path.join('data', 'Machine'),
    ]) {
      candidates.push(path.join(folder, scope, 'settings.json'));
    }
  }
  return candidates;
}

function workspaceCandidates(): string[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const files = folders.map((folder) => path.join(folder.uri.fsPath, '.vscode', 'settings.json'));
  const workspaceFile = vscode.workspace.workspaceFile;
  return workspaceFile?.scheme === 'file' ? [...files, workspaceFile.fsPath] : files;
}
