/**
 * Select Region…: sets `csms.region` in the user settings. The tree follows through the
 * configuration change, showing what is kept for the new region.
 */
import * as vscode from 'vscode';
import { REGIONS } from '../csms/regions';
import type { Services } from '../services';
import { readSettings } from '../settings';

export async function selectRegion(services: Services): Promise<void> {
  const current = readSettings().region;
  const items = REGIONS.map((region) => ({
    label: region.id,
    description: region.name,
    detail: region.id === current ? vscode.l10n.t('Current region') : undefined,
    region: region.id,
  }));

  const picked = await services.prompter().pick('region', items, {
    placeHolder: vscode.l10n.t('Region of the CSMS service (now {region})', { region: current }),
    matchOnDescription: true,
  });
  if (picked === undefined || picked.region === current) {
    return;
  }
  const config = vscode.workspace.getConfiguration('csms');
  await config.update('region', picked.region, vscode.ConfigurationTarget.Global);
}
