/**
 * Every place a setting, or a leaked credential, can live that a test can read: the values the
 * configuration API reports at each level, and the files of the profile and the workspace.
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

export interface ProfileFile {
  path: string;
  text: string;
}

/** Files larger than this are caches of no interest here. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Every file of the profile (the folder holding `User`, found from the log folder upwards, with
 * its settings, global storage and logs) and the workspace folders' settings.
 */
export async function readProfileFiles(logUri: vscode.Uri): Promise<ProfileFile[]> {
  const profile = await profileFolder(logUri.fsPath);
  const paths = profile ? await filesUnder(profile) : [];
  const folders = vscode.workspace.workspaceFolders ?? [];
  paths.push(...folders.map((folder) => path.join(folder.uri.fsPath, '.vscode', 'settings.json')));

  const files: ProfileFile[] = [];
  for (const file of paths) {
    const text = await fs.readFile(file, 'latin1').catch(() => undefined);
    if (text !== undefined) {
      files.push({ path: file, text });
    }
  }
  return files;
}

async function profileFolder(logFolder: string): Promise<string | undefined> {
  for (let folder = logFolder; path.dirname(folder) !== folder; folder = path.dirname(folder)) {
    const user = await fs.stat(path.join(folder, 'User')).catch(() => undefined);
    if (user?.isDirectory()) {
      return folder;
    }
  }
  return undefined;
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true, recursive: true });
  const files: string[] = [];
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    const { size } = await fs.stat(file);
    if (size <= MAX_FILE_BYTES) {
      files.push(file);
    }
  }
  return files;
}
